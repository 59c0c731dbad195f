"""Form fields for any form: a date typed as day, month and year (the NHS.UK date input), and a choice of
records that labels the demo ones."""

import re
from datetime import date

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from portal.validators import collapse_spaces, single_line, within_service_years

DIGITS = re.compile(r"[0-9]{1,4}")


class DayMonthYearWidget(forms.MultiWidget):
    """Three boxes, named <name>_day, <name>_month and <name>_year, drawn as the NHS.UK date input."""

    template_name = "forms/widgets/date_input.html"
    parts = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, attrs=None):
        boxes = {name: forms.TextInput(attrs={"inputmode": "numeric"}) for name, _, _ in self.parts}
        super().__init__(boxes, attrs)

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for box, (_, label, width) in zip(context["widget"]["subwidgets"], self.parts, strict=True):
            box["label"] = label
            classes = box["attrs"].get("class", "")
            box["attrs"]["class"] = f"{classes} nhsuk-date-input__input nhsuk-input--width-{width}".strip()
        return context


class DayMonthYearField(forms.Field):
    """A date from three boxes, saying plainly what is wrong with one that is incomplete or impossible."""

    widget = DayMonthYearWidget
    template_name = "forms/date_input.html"
    default_validators = [within_service_years]

    def to_python(self, value):
        day, month, year = (str(part or "").strip() for part in value)
        if not (day or month or year):
            return None
        if not (day and month and year):
            raise forms.ValidationError(f"{self.label} must include a day, a month and a year", code="incomplete")
        try:
            if len(year) != 4 or not all(DIGITS.fullmatch(part) for part in (day, month, year)):
                raise ValueError
            return date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{self.label} must be a real date, like 27 3 2027", code="invalid") from None


class DemoLabelledChoiceField(forms.ModelChoiceField):
    """A choice of records in which each demo record's option says Demo."""

    def label_from_instance(self, obj):
        label = super().label_from_instance(obj)
        return f"{label} (Demo)" if obj.is_demo else label


class OneLineField(forms.CharField):
    """Text kept on one line: a control character (a NUL among them) gets single_line's one written message rather
    than Django's own words for a NUL."""

    default_validators = [single_line]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [
            validator for validator in self.validators if not isinstance(validator, ProhibitNullCharactersValidator)
        ]


class SearchField(forms.CharField):
    """Words to search for: control characters and runs of spaces become single spaces, so whatever is typed is
    only ever text to look for."""

    def to_python(self, value):
        return collapse_spaces(super().to_python(value))
