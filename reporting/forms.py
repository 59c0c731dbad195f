"""The reports' filters (a GET form, so a filtered view can be bookmarked and shared) and the equality questions."""

from datetime import date
from typing import ClassVar

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.form_messages import Form
from portal.models import Organisation
from programmes.models import Programme

from .models import ETHNIC_GROUP_HEADINGS, AgeBand, Disability, Ethnicity, Sex
from .selectors import Filters, Period, add_months

DEFAULT_PERIOD = "12"
ROLLING_MONTHS = (3, 6, 12, 24, 36)
FINANCIAL_YEARS = 3
RANKINGS = (
    ("applied", "Applications"),
    ("offered", "Offers"),
    ("enrolled", "Enrolments"),
    ("completed", "Completions"),
)


def periods(today: date) -> dict[str, Period]:
    """Rolling windows ending this month, the last few NHS financial years (April to March), and all time."""
    this_month = today.replace(day=1)
    choices = {
        str(months): Period(add_months(this_month, 1 - months), this_month, f"The last {months} months")
        for months in ROLLING_MONTHS
    }
    latest_start = today.year if today.month >= 4 else today.year - 1
    for start in range(latest_start, latest_start - FINANCIAL_YEARS, -1):
        choices[f"fy{start}"] = Period(
            date(start, 4, 1), date(start + 1, 3, 1), f"April {start} to March {start + 1} (financial year)"
        )
    choices["all"] = Period(None, this_month, "All time")
    return choices


class LongSelect(forms.Select):
    """A select of hundreds of options (the whole catalogue), written in one pass.

    Django renders each option through a template of its own, which took half the dashboard's time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) == chosen else ""}>{escape(label)}</option>'
            for key, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))  # flatatt escapes each value
        # Safe: the name, every value and every label are escaped above.
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')  # noqa: S308  # nosec B308 B703


class NamedChoices(ModelChoiceIterator):
    """Choices straight from (id, name) rows, without making a model object for each of hundreds."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", self.field.label_field)


class LongChoiceField(forms.ModelChoiceField):
    """A choice among hundreds of rows (the catalogue, a system's GP practices): quick to list and to render."""

    iterator = NamedChoices
    widget = LongSelect

    def __init__(self, *args, label_field: str, **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)


def _with_defaults(data, **defaults):
    """The query with the defaults filled in, so the form shows what the page shows."""
    data = data.copy()
    for name, value in defaults.items():
        if not data.get(name):
            data[name] = value
    return data


class ReportFilterForm(Form):
    """Bound to request.GET; every field may be left out, and a value that is not on the list is an error."""

    period = forms.ChoiceField(
        label="Period (when people applied)",
        required=False,
        error_messages={"invalid_choice": "Choose a period from the list"},
    )
    programme = LongChoiceField(
        label_field="title",
        queryset=Programme.objects.order_by("title"),
        required=False,
        empty_label="All programmes",
        error_messages={"invalid_choice": "Choose a programme from the list"},
    )
    organisation = LongChoiceField(
        label_field="name",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="All organisations in the system",
        error_messages={"invalid_choice": "Choose an organisation in this system from the list"},
    )

    def __init__(self, data, *, today: date, ics=None):
        super().__init__(_with_defaults(data, period=DEFAULT_PERIOD))
        self.today = today
        self.periods = periods(today)
        self.fields["period"].choices = [(key, period.label) for key, period in self.periods.items()]
        # A real report lists no demo record (it counts none); a demo system's lists its own.
        demo = bool(ics and ics.is_demo)
        if not demo:
            self.fields["programme"].queryset = Programme.objects.filter(is_demo=False).order_by("title")
        if ics is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = (
                Organisation.objects.filter(ics=ics, is_demo=demo).order_by("name").only("pk", "name")
            )

    def clean_period(self) -> Period:
        return self.periods[self.cleaned_data["period"] or DEFAULT_PERIOD]

    def filters(self) -> Filters:
        """The filters asked for; call after is_valid()."""
        return Filters(
            period=self.cleaned_data["period"],
            programme=self.cleaned_data["programme"],
            organisation=self.cleaned_data.get("organisation"),
        )


class NationalFilterForm(ReportFilterForm):
    rank_by = forms.ChoiceField(
        label="Rank by",
        choices=RANKINGS,
        required=False,
        error_messages={"invalid_choice": "Choose what to rank by from the list"},
    )

    def __init__(self, data, *, today: date):
        super().__init__(_with_defaults(data, rank_by=RANKINGS[0][0]), today=today, ics=None)

    def clean_rank_by(self) -> str:
        return self.cleaned_data["rank_by"] or RANKINGS[0][0]


def _ethnicity_choices():
    groups = {code: [] for code in ETHNIC_GROUP_HEADINGS}
    for value, label in Ethnicity.choices:
        if value != Ethnicity.PREFER_NOT:
            groups[value.split("_")[0]].append((value, label))
    return [
        ("", "Not answered"),
        *((heading, groups[code]) for code, heading in ETHNIC_GROUP_HEADINGS.items()),
        (Ethnicity.PREFER_NOT.value, Ethnicity.PREFER_NOT.label),
    ]


def _question(label: str, choices, **options) -> forms.ChoiceField:
    """An optional question answered with radios; leaving it unanswered is an answer too."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=False,
        **options,
    )


class EqualityProfileForm(Form):
    """Every question is optional; an answer left out is counted as 'not stated'."""

    field_names: ClassVar = {
        "ethnicity": "your ethnic group",
        "sex": "your sex",
        "disability": "whether you have a disability",
        "age_band": "your age",
    }

    ethnicity = forms.ChoiceField(
        label="What is your ethnic group?",
        help_text="The groups are those of the 2021 census in England.",
        choices=_ethnicity_choices,
        required=False,
    )
    sex = _question("What is your sex?", Sex.choices)
    disability = _question(
        "Do you consider yourself to have a disability?",
        Disability.choices,
        help_text="The Equality Act 2010 says you are disabled if you have a physical or mental impairment that has "
        "a substantial and long-term negative effect on your ability to do normal daily activities.",
    )
    age_band = _question("What is your age?", AgeBand.choices)
