"""The form of "tell me when applications open": where, and (for someone not signed in) the e-mail address."""

from django import forms

from portal.models import Region

from .models import ProgrammeInterest

ANYWHERE = ""
EMAIL_MAX_LENGTH = ProgrammeInterest._meta.get_field("email").max_length


class InterestForm(forms.Form):
    region = forms.ChoiceField(
        label="Where would you take it?",
        help_text="We will e-mail you about cohorts run there, online, or for anyone in England.",
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose a region from the list, or anywhere"},
    )
    email = forms.CharField(
        label="Your e-mail address",
        help_text="We will send you a link to confirm it. We use it only for these e-mails.",
        max_length=EMAIL_MAX_LENGTH,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"max_length": f"Your e-mail address must be {EMAIL_MAX_LENGTH} characters or fewer"},
    )

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = {str(region.pk): region for region in Region.objects.order_by("name")}
        self.fields["region"].choices = [
            (ANYWHERE, "Anywhere in England"),
            *((key, region.name) for key, region in self.regions.items()),
        ]
        if signed_in:
            del self.fields["email"]

    def chosen_region(self) -> Region | None:
        return self.regions.get(self.cleaned_data["region"])
