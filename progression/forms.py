from typing import ClassVar

from django import forms

from enrolment.forms import yes_no_field
from portal.form_messages import Form
from portal.models import StaffProfile


class FollowUpForm(Form):
    """The three questions of a follow-up, one short form."""

    field_names: ClassVar = {
        "role_changed": "whether your role has changed",
        "band": "your band or grade now",
        "new_responsibilities": "whether you have new leadership responsibilities",
    }

    role_changed = yes_no_field(
        "Has your role changed since you completed the programme?",
        "Yes, my role has changed",
        "No, my role is the same",
        "Choose whether your role has changed",
    )
    band = forms.ChoiceField(
        label="What is your band or grade now?",
        choices=[("", "Choose your band or grade"), *StaffProfile.Grade.choices],
        error_messages={
            "required": "Choose your band or grade now",
            "invalid_choice": "Choose your band or grade from the list",
        },
    )
    new_responsibilities = yes_no_field(
        "Do you have new leadership responsibilities?",
        "Yes, I have new leadership responsibilities",
        "No, I do not",
        "Choose whether you have new leadership responsibilities",
    )

    def answers(self) -> list[tuple[str, str]]:
        """(question, answer) for the check page, in the person's words."""
        return [(field.label, dict(field.field.choices).get(field.data, "")) for field in self]
