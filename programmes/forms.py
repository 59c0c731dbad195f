"""The 'find a programme for me' questions."""

from typing import ClassVar

from django import forms

from portal.form_messages import Form
from portal.models import Profession, StaffProfile

from . import finder


def optional_radios(label: str, choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=False,
        **kwargs,
    )


class FinderForm(Form):
    """A GET form, so the answers make an address that can be shared; nothing is stored."""

    field_names: ClassVar = {
        "goal": "what you want to do next",
        "time": "how much time you can give",
        "setting": "online or in person",
        "positive_action": "whether to see positive action programmes",
    }

    profession = forms.ModelChoiceField(
        Profession.objects.all(),
        to_field_name="slug",
        label="What is your profession?",
        empty_label="Choose your profession",
        error_messages={"required": "Choose your profession", "invalid_choice": "Choose your profession from the list"},
    )
    band = forms.ChoiceField(
        label="What is your band or grade?",
        choices=[("", "Choose your band or grade"), *StaffProfile.Grade.choices],
        required=False,
        help_text="Your Agenda for Change band or medical grade, if you have one.",
        error_messages={"invalid_choice": "Choose your band or grade from the list"},
    )
    goal = forms.ChoiceField(
        label="What do you want to do next?",
        choices=finder.GOALS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you want to do next"},
    )
    time = optional_radios("How much time can you give?", finder.TIMES)
    setting = optional_radios("Would you rather learn online or in person?", finder.SETTINGS)
    positive_action = optional_radios(
        "Do you want to see positive action programmes for Black, Asian and minority ethnic staff?",
        [("yes", "Yes"), ("no", "No")],
        help_text="They are for staff from these backgrounds. Your answer is used for this search only.",
    )

    def answers(self) -> finder.Answers:
        data = self.cleaned_data
        return finder.Answers(
            profession=data["profession"].slug,
            goal=data["goal"],
            band=data["band"],
            time=data["time"] or "any",
            setting=data["setting"] or "either",
            positive_action=data["positive_action"] == "yes",
        )

    def summary(self) -> list[tuple[str, str, str]]:
        """Each question, its answer in words, and the id of the field to go back to (to change it)."""
        rows = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            answer = "" if not value else str(value) if name == "profession" else dict(field.choices).get(value, "")
            radios = isinstance(field.widget, forms.RadioSelect)
            rows.append((field.label, answer or "Not answered", self[name].auto_id + ("_0" if radios else "")))
        return rows
