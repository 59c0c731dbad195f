"""Forms of applying, answering offers, managers' support and academies' decisions."""

from typing import ClassVar

from django import forms
from django.forms.models import ModelChoiceIterator

from portal.form_messages import Form

from .bursaries import BURSARY_STATEMENT_LIMIT
from .services.decisions import Decision, rejection_refusal
from .statuses import RejectionReason


def yes_no_field(label: str, yes: str, no: str, required: str) -> forms.TypedChoiceField:
    """A yes-or-no question as two radios, cleaned to True or False."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", yes), ("no", no)],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required},
    )


class ReasonForm(Form):
    reason = forms.CharField(
        label="Reason (optional)", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class ConfirmedReasonForm(ReasonForm):
    """The reason form of an irreversible answer, which must carry the `confirm=yes` its "are you sure" page posts
    beside it: a bare POST does nothing."""

    def clean(self):
        cleaned = super().clean()
        if self.data.get("confirm") != "yes":
            raise forms.ValidationError("Confirm by selecting the button on this page")
        return cleaned


class ManagerResponseForm(Form):
    field_names: ClassVar = {"supported": "whether you support the application"}

    supported = yes_no_field(
        "Do you support this application?",
        "Yes, I support it",
        "No, I do not support it",
        "Choose whether you support the application",
    )
    comment = forms.CharField(
        label="Comment",
        help_text="The applicant sees this. If you do not support the application, say why.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )


class BudgetHolderForm(Form):
    field_names: ClassVar = {"confirmed": "whether you confirm the funding"}

    confirmed = yes_no_field(
        "Do you confirm the funding of this place?",
        "Yes, I confirm the funding",
        "No, I do not fund this place",
        "Choose whether you confirm the funding",
    )


class BursaryRequestForm(Form):
    field_names: ClassVar = {"bursary_statement": "your bursary statement"}

    bursary_statement = forms.CharField(
        label="Why are you asking for a bursary?",
        help_text="Only the academy deciding on it reads this. It is assessed apart from your application for a "
        "place.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=BURSARY_STATEMENT_LIMIT,
        error_messages={"required": "Write why you are asking for a bursary"},
    )


class BursaryDecisionForm(Form):
    field_names: ClassVar = {"award": "whether you award the bursary"}

    award = yes_no_field(
        "Do you award the bursary?", "Award the bursary", "Do not award it", "Choose whether you award the bursary"
    )


class DecisionForm(Form):
    field_names: ClassVar = {
        "decision": "a decision",
        "cohort": "the cohort to offer a place on",
        "reason": "the reason",
    }

    decision = forms.ChoiceField(
        choices=Decision.CHOICES, widget=forms.RadioSelect, error_messages={"required": "Choose a decision"}
    )
    cohort = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="The cohort the applicant chose",
        help_text="Needed when the applicant asked for any cohort in a region.",
    )
    reasons = forms.MultipleChoiceField(
        label="If unsuccessful, why?",
        help_text="Choose at least one. The applicant is told each reason in plain English.",
        choices=RejectionReason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose reasons from the list"},
    )
    reason = forms.CharField(
        label="Anything else the applicant should know",
        help_text="Needed when you choose another reason; the applicant is told it.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.UNSUCCESSFUL and "reasons" not in self.errors:
            refusal = rejection_refusal(cleaned.get("reasons", []), cleaned.get("reason", ""))
            for field, problem in (refusal.problems if refusal else {}).items():
                self.add_error(field, problem)
        return cleaned


class BulkDecisionForm(DecisionForm):
    field_names: ClassVar = {**DecisionForm.field_names, "applications": "the applications to decide"}

    applications = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one application"},
    )

    def __init__(self, *args, applications, decidable, **kwargs):
        """Lists only the `decidable` applications, and takes any of the admin's `applications`: one a colleague
        decided since the page was shown is the decision service's refusal, which names the applicant."""
        super().__init__(*args, **kwargs)
        field = self.fields["applications"]
        field.queryset = applications
        field.label_from_instance = lambda a: f"{a.applicant.full_name}: {a.programme.title}"
        field.widget.choices = ShownChoices(field, decidable)
        self.order_fields(["applications"])


class ShownChoices(ModelChoiceIterator):
    """A model choice field's choices drawn from another queryset than the one it validates against."""

    def __init__(self, field, queryset):
        super().__init__(field)
        self.queryset = queryset


class CompletionForm(Form):
    cpd_hours = forms.IntegerField(
        label="Hours of learning",
        help_text="The hours you spent on the programme, for your CPD record and revalidation evidence.",
        min_value=1,
        max_value=500,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-4", "inputmode": "numeric"}),
        error_messages={"required": "Enter the hours of learning"},
    )
