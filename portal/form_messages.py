"""Error messages written for each field, the GOV.UK way, in place of Django's defaults.

Every form of the portal takes `WrittenMessages` (through `Form` and `ModelForm` below). It fills in each field's
messages from what the field is called and what kind of answer it takes ("Enter the cohort's name", "Capacity
must be 0 or more", "Select the region from the list"), and names the empty choice of a select "Choose …". A
message the form writes itself (a field's `error_messages`, a ModelForm's `Meta.error_messages`) is kept.

A form says what a field is called inside a sentence in `field_names` where its label does not read well there
("Why is the cohort cancelled?" is "the reason for cancelling", so "Enter the reason for cancelling" and "The
reason for cancelling must be 2,000 characters or fewer"); the label is used otherwise ("Supporting statement
must be 3,000 characters or fewer").
"""

import re
from typing import ClassVar

from django import forms
from django.forms.utils import pretty_name

from .validators import FIRST_YEAR, LAST_YEAR

DASH = "---------"  # Django's empty choice (django.db.models.fields.BLANK_CHOICE_DASH)
REQUIRED_CODES = ("required", "null", "blank")
CHOICE_CODES = ("invalid_choice", "invalid_list", "invalid_pk_value")


def default_messages(field: forms.Field) -> dict[str, str]:
    """The messages Django gives this kind of field, as Field.__init__ gathers them."""
    messages = {}
    for cls in reversed(type(field).__mro__):
        if cls.__module__.startswith("django."):
            messages.update(getattr(cls, "default_error_messages", {}))
    return {code: str(message) for code, message in messages.items()}


def as_noun(label: str) -> str:
    """'Supporting statement' becomes 'supporting statement' (an acronym such as 'ICS' keeps its capitals)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _limit(value) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _number_messages(field, subject: str) -> dict[str, str]:
    whole = not isinstance(field, (forms.FloatField, forms.DecimalField))  # both are IntegerFields in Django
    more = "fewer" if whole else "less"
    places = getattr(field, "decimal_places", None)
    low = _limit(field.min_value) if field.min_value is not None else "%(limit_value)s"
    high = _limit(field.max_value) if field.max_value is not None else "%(limit_value)s"
    return {
        "invalid": f"{subject} must be a whole number, like 12" if whole else f"{subject} must be a number, like 1.5",
        "min_value": f"{subject} must be {low} or more",
        "max_value": f"{subject} must be {high} or {more}",
        "step_size": f"{subject} must be a multiple of %(limit_value)s",
        "max_digits": f"{subject} must be {high} or {more}",
        "max_whole_digits": f"{subject} must be {high} or {more}",
        "max_decimal_places": f"{subject} must have no more than {places} decimal place{'' if places == 1 else 's'}",
    }


def _kind_messages(field, subject: str, noun: str) -> dict[str, str]:
    """The messages particular to the kind of answer the field takes."""
    if isinstance(field, forms.BooleanField):
        return {"required": f"Select the box to confirm: {as_noun(subject)}"}
    if isinstance(field, forms.ChoiceField):
        wrong = f"Choose {noun} from the list"
        return {"required": f"Select {noun}", **dict.fromkeys(CHOICE_CODES, wrong)}
    if isinstance(field, forms.IntegerField):
        return _number_messages(field, subject)
    if isinstance(field, forms.DateTimeField):
        return {"invalid": f"Enter {noun} as a real date and time, for example 27/03/2027 09:30"}
    if isinstance(field, forms.DateField):
        return {"invalid": f"Enter {noun} as a real date, for example 27/03/2027"}
    if isinstance(field, forms.TimeField):
        return {"invalid": f"Enter {noun} as a time, for example 09:30"}
    if isinstance(field, forms.EmailField):
        return {"invalid": f"Enter {noun} in the correct format, like name@example.nhs.uk"}
    if isinstance(field, forms.URLField):
        return {"invalid": f"Enter {noun} as a web address, like https://www.england.nhs.uk"}
    return {}


def written_messages(field: forms.Field, subject: str, noun: str) -> dict[str, str]:
    """Every message the field may give, written for it: `subject` begins a sentence, `noun` ends one."""
    messages = {
        **dict.fromkeys(REQUIRED_CODES, f"Enter {noun}"),
        "invalid": f"Enter {noun} in the correct format",
        "incomplete": f"Enter {noun} in full",
        "unique": f"{subject} is already in use: enter another",
        "out_of_range": f"{subject} must be between 1 January {FIRST_YEAR} and 31 December {LAST_YEAR}",
    }
    max_length, min_length = getattr(field, "max_length", None), getattr(field, "min_length", None)
    messages["max_length"] = f"{subject} must be {_limit(max_length or 0)} characters or fewer"
    messages["min_length"] = f"{subject} must be {_limit(min_length or 0)} characters or more"
    messages.update(_kind_messages(field, subject, noun))
    if "required" in messages and "Select" in messages["required"]:
        messages.update(dict.fromkeys(("null", "blank"), messages["required"]))
    return messages


def _empty_choice_named(field: forms.Field, noun: str) -> None:
    """Names the empty choice of a select "Choose …" where Django would show a dash."""
    if getattr(field, "empty_label", None) == DASH:
        field.empty_label = f"Choose {noun}"
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = list(field.choices)
        if any(value == "" and label == DASH for value, label in choices):
            field.choices = [(value, f"Choose {noun}" if label == DASH else label) for value, label in choices]


class WrittenMessages:
    """Gives each field of the form messages written for it; see the module's docstring."""

    field_names: ClassVar[dict[str, str]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.write_messages()

    def write_messages(self) -> None:
        """Idempotent; run again before cleaning and rendering, for fields a form adds after it is made."""
        for name, field in self.fields.items():
            label = re.sub(r"\s*\([^)]*\)$", "", str(field.label or pretty_name(name)))
            noun = self.field_names.get(name) or as_noun(label.rstrip("?"))
            subject = noun[:1].upper() + noun[1:] if name in self.field_names else label
            _empty_choice_named(field, noun)
            defaults = default_messages(field)
            for code, message in written_messages(field, subject, noun).items():
                if field.error_messages.get(code, defaults.get(code)) == defaults.get(code):
                    field.error_messages[code] = message

    def full_clean(self):
        self.write_messages()
        super().full_clean()

    def get_context(self):
        self.write_messages()
        return super().get_context()


class Form(WrittenMessages, forms.Form):
    pass


class ModelForm(WrittenMessages, forms.ModelForm):
    pass
