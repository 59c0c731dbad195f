"""Forms of applying, answering offers, managers' support and academies' decisions."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import formats

from portal.models import Organisation, Profession, StaffProfile

from .models import Application, ApplicationQuestion
from .selectors import open_cohorts
from .services.applications import ApplicationDetails
from .services.decisions import Decision, rejection_refusal
from .statuses import RejectionReason

STATEMENT_LIMIT = Application._meta.get_field("supporting_statement").max_length


def cohort_choice_label(cohort) -> str:
    place = "online" if cohort.is_online else (cohort.venue or "venue to be confirmed")
    starts = formats.date_format(cohort.starts_on, "j F Y")
    return f"{cohort.name}, {cohort.academy.name}: starts {starts}, {place}"


class ApplicationForm(forms.Form):
    """The application, prefilled from the profile. Saving a draft accepts gaps; the submit service does not."""

    where = forms.ChoiceField(
        label="Which cohort do you want to join?",
        widget=forms.RadioSelect,
        required=False,
        help_text="Choose a cohort, or any cohort in a region if you can travel within it.",
    )
    organisation = forms.ModelChoiceField(
        Organisation.objects.all(), required=False, empty_label="Choose your organisation"
    )
    profession = forms.ModelChoiceField(Profession.objects.all(), required=False, empty_label="Choose your profession")
    grade = forms.ChoiceField(
        label="Band or grade", choices=[("", "Choose"), *StaffProfile.Grade.choices], required=False
    )
    job_title = forms.CharField(max_length=150, required=False)
    supporting_statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=STATEMENT_LIMIT,
        required=False,
        help_text="Why you want to join, what you hope to learn, and how you will use it in your work.",
    )
    line_manager_email = forms.EmailField(label="Your line manager's e-mail address", required=False)

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        programme = application.programme
        cohorts = list(open_cohorts(programme).select_related("academy", "region").order_by("starts_on"))
        self.cohorts = {f"cohort:{cohort.pk}": cohort for cohort in cohorts}
        regions = {cohort.region.pk: cohort.region for cohort in cohorts if cohort.region}
        self.regions = {f"region:{pk}": region for pk, region in regions.items()}
        self.fields["where"].choices = [(key, cohort_choice_label(c)) for key, c in self.cohorts.items()] + [
            (key, f"Any cohort in {region.name}") for key, region in self.regions.items()
        ]
        self.questions = list(ApplicationQuestion.objects.filter(programme=programme))
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=question.prompt,
                help_text=question.hint,
                max_length=question.max_length,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        if programme.positive_action_note:
            self.fields["positive_action_declaration"] = forms.BooleanField(
                label="I confirm that I meet this programme's positive-action criteria",
                help_text=programme.positive_action_note,
                required=False,
            )
        if not self.is_bound:
            self.initial = self._initial_from(application)
        self.order_fields(["where", "organisation", "profession", "grade", "job_title", "supporting_statement"])

    def _initial_from(self, application: Application) -> dict:
        where = ""
        if application.cohort_id:
            where = f"cohort:{application.cohort_id}"
        elif application.region_id:
            where = f"region:{application.region_id}"
        initial = {
            "where": where,
            "organisation": application.organisation_id,
            "profession": application.profession_id,
            "grade": application.grade,
            "job_title": application.job_title,
            "supporting_statement": application.supporting_statement,
            "line_manager_email": application.line_manager_email,
            "positive_action_declaration": application.positive_action_declaration,
        }
        for question in self.questions:
            initial[f"question_{question.pk}"] = (application.answers or {}).get(str(question.pk), "")
        return initial

    def clean_where(self):
        where = self.cleaned_data["where"]
        if where and where not in self.cohorts and where not in self.regions:
            raise forms.ValidationError("Choose one of the cohorts listed")
        return where

    def details(self) -> ApplicationDetails:
        data = self.cleaned_data
        return ApplicationDetails(
            cohort=self.cohorts.get(data["where"]),
            region=self.regions.get(data["where"]),
            supporting_statement=data["supporting_statement"],
            answers={str(q.pk): data[f"question_{q.pk}"] for q in self.questions},
            positive_action_declaration=data.get("positive_action_declaration", False),
            line_manager_email=data["line_manager_email"],
            organisation=data["organisation"],
            profession=data["profession"],
            grade=data["grade"],
            job_title=data["job_title"],
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason (optional)", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class ManagerResponseForm(forms.Form):
    supported = forms.TypedChoiceField(
        label="Do you support this application?",
        choices=[("yes", "Yes, I support it"), ("no", "No, I do not support it")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you support the application"},
    )
    comment = forms.CharField(
        label="Comment",
        help_text="The applicant sees this. If you do not support the application, say why.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )


class DecisionForm(forms.Form):
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


class CompletionForm(forms.Form):
    cpd_hours = forms.IntegerField(
        label="Hours of learning",
        help_text="The hours you spent on the programme, for your CPD record and revalidation evidence.",
        min_value=1,
        max_value=500,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-4", "inputmode": "numeric"}),
        error_messages={"required": "Enter the hours of learning"},
    )
