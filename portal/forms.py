"""Forms render as NHS.UK frontend components: one renderer and one bound field class serve every form."""

import copy
from typing import ClassVar

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

from .form_messages import Form, ModelForm, WrittenMessages
from .models import Profession, StaffProfile, User

WIDGET_CLASSES = {
    "select": "nhsuk-select",
    "textarea": "nhsuk-textarea",
    "checkbox": "nhsuk-checkboxes__input",
    "radio": "nhsuk-radios__input",
}


class NhsukBoundField(BoundField):
    """Adds the NHS.UK classes, and ties each input to its hint and error so screen readers announce them."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = getattr(widget, "input_type", None) or widget.__class__.__name__.lower()
        css = WIDGET_CLASSES.get(kind, "nhsuk-input")
        if self.errors and kind not in {"checkbox", "radio"}:
            css = f"{css} {css}--error"
        if self.has_character_count:
            # The character count warns as the text grows, and the form refuses it with a message; a maxlength
            # attribute would have the browser cut pasted text short without a word.
            attrs["maxlength"] = False  # False leaves the field's own maxlength attribute out
            css = f"{css} nhsuk-js-character-count"
        attrs["class"] = " ".join(filter(None, [css, widget.attrs.get("class"), attrs.get("class")]))
        described_by = []
        if self.has_character_count:
            described_by.append(f"{self.auto_id}-info")
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        return attrs

    @property
    def summary_anchor(self) -> str:
        """The id the error summary links to: the box itself, or the first of a field's radios, checkboxes or
        date boxes."""
        widget = self.field.widget
        if isinstance(widget, forms.MultiWidget) or self.widget_type in ("radioselect", "checkboxselectmultiple"):
            return f"{self.auto_id}_0"
        return self.id_for_label

    @property
    def has_character_count(self) -> bool:
        """A text area with a limit shows the NHS.UK character count, which says how much room is left."""
        return self.widget_type == "textarea" and bool(getattr(self.field, "max_length", None))


class NhsukFormRenderer(TemplatesSetting):
    """The project's FORM_RENDERER, so every form renders the NHS.UK way without per-form code."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = NhsukBoundField


# Longer than any passphrase a person uses; a password of megabytes would only cost the server time to hash.
PASSWORD_MAX_LENGTH = 1024


def password_field(
    label: str, *, required: str, autocomplete: str, too_long: str = "Enter a password", **kwargs
) -> forms.CharField:
    """A password box: never stripped, never echoed back, bounded in length, with its own messages."""
    return forms.CharField(
        label=label,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        error_messages={
            "required": required,
            "max_length": f"{too_long} of {PASSWORD_MAX_LENGTH:,} characters or fewer",
        },
        **kwargs,
    )


def with_bounded_passwords(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    """`form_class` (one of Django's own, such as the admin's log-in form) with each password box bounded as the
    portal's own are, by PASSWORD_MAX_LENGTH and its message."""
    bounded = {}
    for name, field in form_class.base_fields.items():
        if isinstance(field.widget, forms.PasswordInput):
            field = copy.deepcopy(field)
            field.max_length = PASSWORD_MAX_LENGTH
            field.validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))
            field.widget.attrs["maxlength"] = str(PASSWORD_MAX_LENGTH)
            field.error_messages["max_length"] = f"Enter a password of {PASSWORD_MAX_LENGTH:,} characters or fewer"
            bounded[name] = field
    return type(form_class.__name__, (form_class,), bounded)


class RegistrationForm(ModelForm):
    field_names: ClassVar = {"full_name": "your full name", "email": "your work e-mail address"}
    password1 = password_field(
        "Create a password",
        required="Create a password",
        autocomplete="new-password",
        help_text="At least 10 characters. Avoid common passwords and ones made only of numbers.",
    )
    password2 = password_field(
        "Confirm your password",
        required="Confirm your password",
        autocomplete="new-password",
        too_long="Confirm with a password",
    )

    class Meta:
        model = User
        fields = ["full_name", "email"]
        labels = {"full_name": "Full name", "email": "Work e-mail address"}
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        }
        error_messages = {
            "full_name": {"required": "Enter your full name"},
            "email": {
                "required": "Enter your e-mail address",
                "invalid": "Enter an e-mail address in the correct format, like name@example.nhs.uk",
            },
        }

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this e-mail address already exists. Log in instead.")
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The passwords do not match.")
        if password1:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(WrittenMessages, AuthenticationForm):
    field_names: ClassVar = {"username": "your e-mail address"}
    password = password_field("Password", required="Enter your password", autocomplete="current-password")
    error_messages = {
        "invalid_login": "Enter a correct e-mail address and password.",
        "inactive": "This account is inactive.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "E-mail address"


class StaffProfileForm(ModelForm):
    """The person's role; where they work is chosen on its own page (portal.organisation_views), found by a search
    rather than from a list of thousands."""

    field_names: ClassVar = {
        "profession": "your profession",
        "staff_group": "your staff group",
        "grade": "your band or grade",
        "job_title": "your job title",
        "line_manager_email": "your line manager's e-mail address",
    }
    profession = forms.ModelChoiceField(
        queryset=Profession.objects.all(), required=False, empty_label="Choose your profession"
    )

    class Meta:
        model = StaffProfile
        fields = ["profession", "staff_group", "grade", "job_title", "line_manager_email"]
        help_texts = {
            "grade": "Your Agenda for Change band or medical grade.",
            "line_manager_email": "Programmes that need your manager's support ask them at this address.",
        }


class ErasureForm(Form):
    """Erasure cannot be undone, so the person confirms it with their password as well as a tick."""

    password = password_field("Your password", required="Enter your password", autocomplete="current-password")
    confirm = forms.BooleanField(
        label="I understand that my account and personal data will be erased, and that this cannot be undone",
        error_messages={"required": "Confirm that you want your personal data erased"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Enter your current password")
        return password


class PasswordResetForm(WrittenMessages, auth_forms.PasswordResetForm):
    field_names: ClassVar = {"email": "your e-mail address"}


class SetPasswordForm(WrittenMessages, auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": "The passwords do not match."}  # nosec B105: a message, not a password
    new_password1 = password_field(
        "New password",
        required="Enter a new password",
        autocomplete="new-password",
        help_text="At least 10 characters. Avoid common passwords and ones made only of numbers.",
    )
    new_password2 = password_field(
        "Confirm your new password",
        required="Confirm your new password",
        autocomplete="new-password",
        too_long="Confirm with a password",
    )


class SsoLinkForm(Form):
    """Before a sign-in through the provider is linked to an existing account, the person proves its password."""

    password = password_field(
        "Password of your portal account", required="Enter your password", autocomplete="current-password"
    )

    def __init__(self, *args, request, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.email = email
        self.user = None

    def clean_password(self):
        password = self.cleaned_data["password"]
        self.user = authenticate(self.request, username=self.email, password=password)
        if self.user is None:
            raise forms.ValidationError("Enter the password of your portal account")
        return password
