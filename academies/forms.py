"""The forms of the role pages: a national admin grants a role to a person found by e-mail; an academy admin
invites a colleague by e-mail."""

from django import forms

from portal.form_fields import DemoLabelledChoiceField
from portal.form_messages import Form
from portal.models import IntegratedCareSystem, User

from .models import Academy
from .services import INVITATION_DAYS

NO_ACCOUNT = "No account has this e-mail address. Ask them to create an account first, then grant the role."


class PersonForm(Form):
    """Finds the person, by the e-mail address of their account, for a grant."""

    field_names = {"email": "the e-mail address of the person"}
    email = forms.EmailField(label="E-mail address of the person", max_length=254)

    def clean_email(self) -> User:
        user = User.objects.filter(email__iexact=self.cleaned_data["email"].strip(), is_active=True).first()
        if user is None:
            raise forms.ValidationError(NO_ACCOUNT)
        return user


class AcademyAdminGrantForm(PersonForm):
    field_names = {**PersonForm.field_names, "academy": "the academy"}
    academy = DemoLabelledChoiceField(queryset=Academy.objects.all(), empty_label="Choose the academy")


class IcsLeadGrantForm(PersonForm):
    field_names = {**PersonForm.field_names, "ics": "the ICS"}
    ics = DemoLabelledChoiceField(
        queryset=IntegratedCareSystem.objects.all(), label="ICS", empty_label="Choose the ICS"
    )


class InvitationForm(Form):
    field_names = {"email": "your colleague's e-mail address", "academy": "the academy"}
    email = forms.EmailField(
        label="Your colleague's e-mail address",
        max_length=254,
        help_text=f"We will e-mail them a link to accept. It works once, for {INVITATION_DAYS} days.",
    )
    academy = DemoLabelledChoiceField(queryset=Academy.objects.none(), empty_label="Choose the academy")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academy"].queryset = Academy.objects.for_admin(user)
