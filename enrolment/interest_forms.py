"""The form of "tell me when applications open": where, and (for someone not signed in) the e-mail address."""

from django import forms

from portal.models import Region

from .models import ProgrammeInterest

ANYWHERE = ""
EMAIL_MAX_LENGTH = ProgrammeInterest._meta.get_field("email").max_length


def region_choices() -> list[tuple[str, str]]:
    """Read when the form is drawn or checked, not when it is made."""
    regions = Region.objects.order_by("name").values_list("pk", "name")
    return [(ANYWHERE, "Anywhere in England"), *((str(pk), name) for pk, name in regions)]


class InterestForm(forms.Form):
    region = forms.ChoiceField(
        label="Where would you take it?",
        help_text="We will e-mail you about cohorts run there, online, or for anyone in England.",
        widget=forms.RadioSelect,
        choices=region_choices,
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
        if signed_in:
            del self.fields["email"]

    def chosen_region(self) -> Region | None:
        region = self.cleaned_data["region"]
        return Region.objects.get(pk=region) if region != ANYWHERE else None
