"""The form an academy admin creates an API token with."""

from django import forms

from portal.form_fields import DemoLabelledChoiceField
from portal.form_messages import Form
from portal.models import User

from .api_tokens import EXPIRY_DAYS
from .models import Academy, AcademyApiToken


class ApiTokenForm(Form):
    field_names = {"name": "a name for the token", "academy_id": "the academy", "expires_in_days": "when it expires"}
    name = forms.CharField(
        label="Name", max_length=60, help_text="What will use it, for example the academy's HR system."
    )
    academy_id = DemoLabelledChoiceField(
        queryset=Academy.objects.none(), label="Academy", empty_label="Choose the academy"
    )
    scope = forms.ChoiceField(
        label="What it may do", choices=AcademyApiToken.Scope.choices, widget=forms.RadioSelect
    )
    expires_in_days = forms.TypedChoiceField(
        label="Expires after", coerce=int, choices=[(days, f"{days} days") for days in EXPIRY_DAYS]
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academy_id"].queryset = Academy.objects.for_admin(user)

    def clean_academy_id(self) -> int:
        return self.cleaned_data["academy_id"].pk
