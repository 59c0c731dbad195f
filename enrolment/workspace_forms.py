"""Forms of the academy workspace: cohorts, sessions, attendance and outcomes."""

from copy import copy
from datetime import time
from typing import ClassVar

from django import forms
from django.core.exceptions import ValidationError

from portal.form_fields import DemoLabelledChoiceField
from portal.form_messages import Form, ModelForm

from .bursaries import BURSARY_MONEY_MAX
from .funding import FEE_MAX, FundingKind
from .models import Cohort, CohortSession
from .selectors import academies_run_by, programmes_deliverable_by
from .services.cohorts import COHORT_FIELDS, cohort_rule_problems
from .services.sessions import SessionPattern

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CohortRulesForm(forms.ModelForm):
    """A cohort's form asks the services' own cohort_rule_problems of the cohort as it would be saved, and shows each
    problem beside its field. A date or capacity the model's constraints also refuse is then never checked by the
    form's model validation, which would name the constraint above the form in Django's words."""

    class Meta:
        model = Cohort
        fields = ()

    def clean(self):
        cleaned = super().clean()
        draft, given = copy(self.instance), [name for name in COHORT_FIELDS if name in cleaned]
        for name in given:
            setattr(draft, name, cleaned[name])
        try:
            draft.clean_fields(exclude=[field.name for field in Cohort._meta.fields if field.name not in given])
        except ValidationError:
            return cleaned  # a value the model's own field checks refuse (a date out of range): they name it
        for field, problem in cohort_rule_problems(draft).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, problem)
        return cleaned


class CohortForm(CohortRulesForm, ModelForm):
    field_names: ClassVar = {
        "name": "the cohort's name",
        "starts_on": "the start date",
        "ends_on": "the end date",
        "venue": "the venue",
        "region": "the region where it runs",
        "ics": "the ICS it is run for",
        "capacity": "the cohort's capacity",
        "applications_open_at": "the date applications open",
        "applications_close_at": "the date applications close",
        "offer_days": "the days to accept an offer",
        "joining_closes_on": "the last day to join",
        "cpd_hours": "the CPD hours",
        "fee": "the fee",
        "bursaries_available": "the number of bursaries",
        "bursary_amount": "the amount of each bursary",
        "bursary_budget": "the bursary budget",
        "finance_email": "the finance team's e-mail address",
    }

    funding_kind = forms.ChoiceField(
        label="Who pays",
        choices=FundingKind.choices,
        initial=FundingKind.FREE,
        required=False,
        widget=forms.RadioSelect,
    )
    fee = forms.DecimalField(
        label="Fee (£)",
        help_text="Only if the academy states one. Leave empty if it is not stated.",
        min_value=0,
        max_value=FEE_MAX,
        max_digits=8,
        decimal_places=2,
        required=False,
    )

    bursary_amount = forms.DecimalField(
        label="Amount of each bursary (£)", min_value=0, max_value=BURSARY_MONEY_MAX, decimal_places=2, required=False
    )
    bursary_budget = forms.DecimalField(
        label="Bursary budget (£)",
        help_text="Leave empty if the number of bursaries is the only limit.",
        min_value=0,
        max_value=BURSARY_MONEY_MAX,
        decimal_places=2,
        required=False,
    )

    def clean_bursaries_available(self) -> int:
        """A form that leaves bursaries out offers none."""
        return self.cleaned_data["bursaries_available"] or 0

    def clean_funding_kind(self) -> str:
        """A form that leaves who pays out means a free cohort, the model's default."""
        return self.cleaned_data["funding_kind"] or FundingKind.FREE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bursaries_available"].required = False

    class Meta:
        model = Cohort
        fields = COHORT_FIELDS
        field_classes = {"ics": DemoLabelledChoiceField}
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "applications_open_at": DATETIME,
            "applications_close_at": DATETIME,
            "joining_closes_on": DATE,
        }
        labels = {
            "applications_open_at": "Applications open",
            "applications_close_at": "Applications close",
            "offer_days": "Days to accept an offer",
            "is_online": "Online cohort",
            "line_manager_support_required": "Applicants need their line manager's support",
        }


class CohortCreateForm(CohortForm):
    """Creating also picks the academy and one of the programmes it delivers."""

    field_names: ClassVar = {**CohortForm.field_names, "academy": "the academy", "programme": "the programme"}

    academy = DemoLabelledChoiceField(queryset=None, empty_label="Choose the academy")
    programme = forms.ModelChoiceField(queryset=None, empty_label="Choose the programme")

    def __init__(self, *args, admin, **kwargs):
        super().__init__(*args, **kwargs)
        academies = academies_run_by(admin)
        self.fields["academy"].queryset = academies
        self.fields["programme"].queryset = programmes_deliverable_by(academies)
        self.order_fields(["academy", "programme"])


class CancelForm(Form):
    field_names: ClassVar = {"reason": "the reason for cancelling"}

    reason = forms.CharField(
        label="Why is the cohort cancelled?",
        help_text="Every applicant is told this.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Give the reason for cancelling"},
    )


class SessionPatternForm(Form):
    field_names: ClassVar = {
        "title": "the sessions' title",
        "kind": "the kind of session",
        "every_weeks": "the number of weeks between workshops",
        "starts_at": "the start time",
        "hours": "the length in hours",
        "venue": "the venue",
        "tutor_groups_every_weeks": "the number of weeks between tutor groups",
    }

    title = forms.CharField(max_length=150, initial="Workshop")
    kind = forms.ChoiceField(choices=CohortSession.Kind.choices, initial=CohortSession.Kind.WORKSHOP)
    every_weeks = forms.IntegerField(label="Every how many weeks", min_value=1, max_value=26, initial=4)
    starts_at = forms.TimeField(label="Start time", initial=time(9, 30), widget=forms.TimeInput(attrs={"type": "time"}))
    hours = forms.DecimalField(label="Length in hours", min_value=0.5, max_value=12, initial=6, decimal_places=1)
    venue = forms.CharField(max_length=300, required=False)
    is_online = forms.BooleanField(label="Held online", required=False)
    tutor_groups_every_weeks = forms.IntegerField(
        label="Online tutor groups every how many weeks",
        help_text="Leave empty for none. They fall on the weeks between workshops.",
        min_value=1,
        max_value=26,
        required=False,
    )

    def pattern(self) -> SessionPattern:
        data = self.cleaned_data
        return SessionPattern(
            title=data["title"],
            kind=data["kind"],
            every_weeks=data["every_weeks"],
            starts_at=data["starts_at"],
            hours=float(data["hours"]),
            venue=data["venue"],
            is_online=data["is_online"],
            tutor_groups_every_weeks=data["tutor_groups_every_weeks"],
        )


class SessionForm(ModelForm):
    field_names: ClassVar = {
        "title": "the session's title",
        "kind": "the kind of session",
        "starts_at": "the start of the session",
        "ends_at": "the end of the session",
        "venue": "the venue",
        "joining_url": "the joining link",
    }

    joining_url = forms.URLField(
        label="Joining link",
        help_text=CohortSession._meta.get_field("joining_url").help_text,
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = CohortSession
        fields = ["title", "kind", "starts_at", "ends_at", "venue", "is_online", "joining_url"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}
        labels = {"starts_at": "Starts", "ends_at": "Ends", "is_online": "Held online"}


class AttendanceForm(Form):
    field_names: ClassVar = {"attended": "the people who attended"}

    attended = forms.MultipleChoiceField(label="Who attended?", widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, roster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(a.pk), a.applicant.full_name or a.applicant.email) for a in roster]

    def attended_ids(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["attended"]}


class OutcomeForm(Form):
    """One choice per learner with a place; learners left at "not yet" keep their place open."""

    OUTCOMES = [("", "Not yet"), ("completed", "Completed"), ("did_not_complete", "Did not complete")]
    field_names: ClassVar = {"cpd_hours": "the CPD hours awarded"}

    cpd_hours = forms.IntegerField(
        label="CPD hours awarded",
        help_text="Shown on each completer's certificate. Leave empty to use the cohort's hours.",
        min_value=1,
        max_value=500,
        required=False,
    )

    def __init__(self, *args, learners, **kwargs):
        super().__init__(*args, **kwargs)
        self.learners = list(learners)
        self.field_names = {**self.field_names}
        for learner in self.learners:
            self.field_names[f"outcome_{learner.pk}"] = f"the outcome for {learner.applicant.full_name}"
            self.fields[f"outcome_{learner.pk}"] = forms.ChoiceField(
                label=f"{learner.applicant.full_name}: attended {learner.sessions_attended} session(s)",
                choices=self.OUTCOMES,
                required=False,
            )

    def outcomes(self) -> dict[int, bool]:
        return {
            learner.pk: self.cleaned_data[f"outcome_{learner.pk}"] == "completed"
            for learner in self.learners
            if self.cleaned_data.get(f"outcome_{learner.pk}")
        }
