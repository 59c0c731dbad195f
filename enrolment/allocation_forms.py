"""Forms of allocating a cohort's places and nominating people for them."""

from typing import ClassVar

from django import forms

from portal.form_messages import Form
from portal.models import IntegratedCareSystem, Organisation, User
from programmes.models import FundedScheme


class AllocationForm(Form):
    """Places of a cohort for an ICS, or for an organisation (by its ODS code) with who nominates for it."""

    field_names: ClassVar = {
        "ics": "the ICS",
        "organisation": "the organisation's ODS code",
        "nominator": "the nominator's e-mail address",
        "places": "the number of places",
        "per_nominator": "the number each nominator may nominate",
        "scheme": "the funded scheme",
    }

    ics = forms.ModelChoiceField(
        IntegratedCareSystem.objects.all(), required=False, label="ICS", help_text="Its ICS leads nominate."
    )
    organisation = forms.CharField(
        label="Or an organisation's ODS code", required=False, max_length=10, help_text="For example, RXQ."
    )
    nominator = forms.EmailField(
        label="Who nominates for the organisation (e-mail address)",
        required=False,
        help_text="They need an account on the portal.",
    )
    places = forms.IntegerField(label="Places", min_value=0, max_value=10000)
    per_nominator = forms.IntegerField(
        label="Most places each nominator may nominate",
        required=False,
        min_value=1,
        max_value=10000,
        help_text="Leave empty for no limit.",
    )
    scheme = forms.ModelChoiceField(
        FundedScheme.objects.all(),
        required=False,
        label="Funded scheme that pays for the places",
        help_text="Only a scheme that funds this programme. Leave empty if no scheme pays.",
    )

    def clean_organisation(self):
        code = self.cleaned_data["organisation"].strip().upper()
        if not code:
            return None
        organisation = Organisation.objects.filter(ods_code__iexact=code).first()
        if organisation is None:
            raise forms.ValidationError("No organisation has this ODS code. Check the code")
        return organisation

    def clean_nominator(self):
        email = self.cleaned_data["nominator"]
        if not email:
            return None
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError("No one has an account with this e-mail address. Ask them to register first")
        return user


class NominationForm(Form):
    field_names: ClassVar = {"email": "the e-mail address of the person you nominate"}

    email = forms.EmailField(label="E-mail address of the person you nominate", max_length=254)
