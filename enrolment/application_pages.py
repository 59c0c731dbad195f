"""The application as question pages (one question, or a few, per page), in the GOV.UK pattern: each page saves to
the draft through applications.application_save_answers, then "Check your answers" submits through
application_submit. The pages, their forms and the check-answers rows are here; the views are views/journey.py."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar
from urllib.parse import urlencode

from django import forms
from django.urls import reverse

from portal.form_messages import Form
from portal.models import Profession, StaffProfile
from portal.organisation_selectors import workplace_text
from portal.presentation import day_text

from .models import Application, ApplicationQuestion, RingFenceDeclaration
from .selectors import needs_line_manager, open_cohorts
from .services.funding import needs_budget_holder
from .services.ring_fence import declaration_save, ring_fenced_allocations

STATEMENT_LIMIT = Application._meta.get_field("supporting_statement").max_length


def cohort_choice_label(cohort) -> str:
    return (
        f"{cohort.name}, {cohort.academy.name}: starts {day_text(cohort.starts_on)}, {cohort.where}. "
        f"{cohort.funding_summary}"
    )


class PageForm(Form):
    """One page of the application, bound to the draft: `checked` names the submission rules (by form field) the
    page answers, and changes() gives what it saves."""

    checked: tuple[str, ...] = ()
    shows_workplace = False  # the page shows where the person works, with a link to change it on their profile

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.add_fields()
        if not self.is_bound:
            self.initial = self.initial_from(application)

    def add_fields(self):
        """Fields that depend on the draft's programme."""

    def initial_from(self, application: Application) -> dict:
        return {name: getattr(application, name) for name in self.fields}

    def changes(self) -> dict:
        return dict(self.cleaned_data)


class CohortPageForm(PageForm):
    where = forms.ChoiceField(
        label="Which cohort do you want to join?",
        widget=forms.RadioSelect,
        help_text="Choose a cohort, or any cohort in a region if you can travel within it.",
        error_messages={"required": "Select a cohort", "invalid_choice": "Select one of the cohorts listed"},
    )
    checked = ("where",)

    def add_fields(self):
        cohorts = open_cohorts(self.application.programme).select_related("academy", "region").order_by("starts_on")
        self.cohorts = {f"cohort:{cohort.pk}": cohort for cohort in cohorts}
        regions = {cohort.region.pk: cohort.region for cohort in self.cohorts.values() if cohort.region}
        self.regions = {f"region:{pk}": region for pk, region in regions.items()}
        self.fields["where"].choices = [(key, cohort_choice_label(c)) for key, c in self.cohorts.items()] + [
            (key, f"Any cohort in {region.name}") for key, region in self.regions.items()
        ]

    def initial_from(self, application: Application) -> dict:
        if application.cohort_id:
            return {"where": f"cohort:{application.cohort_id}"}
        return {"where": f"region:{application.region_id}" if application.region_id else ""}

    def changes(self) -> dict:
        where = self.cleaned_data["where"]
        return {"cohort": self.cohorts.get(where), "region": self.regions.get(where)}


class JobPageForm(PageForm):
    """The applicant's job. Their organisation is not asked here: the page shows their profile's, which they change
    on the organisation picker (portal's rules), and the application copies it when saved."""

    field_names: ClassVar = {"job_title": "your job title"}
    shows_workplace = True

    profession = forms.ModelChoiceField(
        Profession.objects.all(),
        required=False,
        empty_label="Choose your profession",
        error_messages={"invalid_choice": "Select your profession from the list"},
    )
    grade = forms.ChoiceField(
        label="Band or grade",
        choices=[("", "Choose your band or grade"), *StaffProfile.Grade.choices],
        required=False,
        error_messages={"invalid_choice": "Select your band or grade from the list"},
    )
    job_title = forms.CharField(max_length=150, required=False)
    checked = ("profession",)

    @cached_property
    def workplace(self) -> str:
        return workplace_text(user_id=self.application.applicant_id)


class LineManagerPageForm(PageForm):
    field_names: ClassVar = {"line_manager_email": "the e-mail address"}

    line_manager_email = forms.EmailField(
        label="Your line manager's e-mail address",
        help_text="We will e-mail them a link to support your application. They do not need an account.",
        max_length=254,
        error_messages={
            "required": "Enter your line manager's e-mail address",
            "invalid": "Enter your line manager's e-mail address in the correct format, like name@example.nhs.uk",
        },
    )
    checked = ("line_manager_email",)


class BudgetHolderPageForm(PageForm):
    field_names: ClassVar = {
        "budget_holder_name": "the budget holder's name",
        "budget_holder_email": "the e-mail address",
    }

    budget_holder_name = forms.CharField(label="Your budget holder's name", max_length=150)
    budget_holder_email = forms.EmailField(
        label="Your budget holder's e-mail address",
        help_text="Your employer pays for this place. We will e-mail your budget holder a link to confirm the "
        "funding. They do not need an account.",
        max_length=254,
        error_messages={
            "invalid": "Enter your budget holder's e-mail address in the correct format, like name@example.nhs.uk",
        },
    )
    checked = ("budget_holder_name", "budget_holder_email")


class StatementPageForm(PageForm):
    field_names: ClassVar = {"supporting_statement": "your supporting statement"}

    supporting_statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=STATEMENT_LIMIT,
        help_text="Why you want to join, what you hope to learn, and how you will use it in your work.",
        error_messages={
            "required": "Enter your supporting statement",
        },
    )
    checked = ("supporting_statement",)


class QuestionsPageForm(PageForm):
    """The programme's own questions, and its positive-action declaration if it has one."""

    @property
    def checked(self) -> tuple[str, ...]:
        return tuple(self.fields)

    def add_fields(self):
        self.questions = list(ApplicationQuestion.objects.filter(programme=self.application.programme))
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=question.prompt,
                help_text=question.hint,
                max_length=question.max_length,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.field_names = {f"question_{question.pk}": "your answer" for question in self.questions}
        note = self.application.programme.positive_action_note
        if note:
            self.fields["positive_action_declaration"] = forms.BooleanField(
                label="I confirm that I meet this programme's positive-action criteria", help_text=note, required=False
            )

    def initial_from(self, application: Application) -> dict:
        answers = application.answers or {}
        initial = {f"question_{q.pk}": answers.get(str(q.pk), "") for q in self.questions}
        return initial | {"positive_action_declaration": application.positive_action_declaration}

    def changes(self) -> dict:
        data = self.cleaned_data
        changes = {"answers": {str(q.pk): data[f"question_{q.pk}"] for q in self.questions}}
        if "positive_action_declaration" in data:
            changes["positive_action_declaration"] = data["positive_action_declaration"]
        return changes


class DeclarationPageForm(PageForm):
    """Whether the applicant is someone a ring-fenced allocation's rule names: optional, saved apart from the
    application (enrolment.services.ring_fence.declaration_save), and seen only by the deciding academy."""

    field_names: ClassVar = {"declared": "the places kept"}

    declared = forms.MultipleChoiceField(
        label="Do any of these describe you?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Some places on this cohort are kept for people the programme's own published rules name. "
        "Answering is optional. Only the academy deciding your application sees your answer.",
        error_messages={"invalid_choice": "Select only the descriptions listed"},
    )

    def add_fields(self):
        self.allocations = list(ring_fenced_allocations(self.application.cohort_id))
        self.fields["declared"].choices = [(str(a.pk), a.ring_fence_rule) for a in self.allocations]

    def initial_from(self, application: Application) -> dict:
        return {"declared": [str(pk) for pk in self.declared_ids(application)]}

    @staticmethod
    def declared_ids(application: Application) -> list[int]:
        return list(
            RingFenceDeclaration.objects.filter(
                application=application, allocation__cohort_id=application.cohort_id
            ).values_list("allocation_id", flat=True)
        )

    def changes(self) -> dict:
        return {"allocation_ids": [int(pk) for pk in self.cleaned_data["declared"]]}

    def shown(self) -> str:
        declared = set(self.declared_ids(self.application))
        rules = [a.ring_fence_rule for a in self.allocations if a.pk in declared]
        return "; ".join(rules) or "None of these, or you chose not to say"


def _save_declaration(*, application_id: int, applicant, changes: dict, checked=()) -> Application:
    return declaration_save(application_id=application_id, applicant=applicant, **changes)


def _has_ring_fence(application: Application) -> bool:
    return ring_fenced_allocations(application.cohort_id).exists()


def _has_questions(application: Application) -> bool:
    programme = application.programme
    return bool(programme.positive_action_note) or ApplicationQuestion.objects.filter(programme=programme).exists()


def _always(application: Application) -> bool:
    return True


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    form_class: type[PageForm]
    applies: Callable[[Application], bool] = _always
    save: Callable[..., Application] | None = None  # when the page saves elsewhere than the application

    def url(self, application: Application) -> str:
        return reverse("enrolment:application_page", args=[application.pk, self.slug])


PAGES = (
    Page("cohort", "Choose a cohort", CohortPageForm),
    Page("your-job", "Your job", JobPageForm),
    Page("line-manager", "Your line manager", LineManagerPageForm, needs_line_manager),
    Page("budget-holder", "Who pays for your place", BudgetHolderPageForm, needs_budget_holder),
    Page("statement", "Your supporting statement", StatementPageForm),
    Page("questions", "Questions from the programme", QuestionsPageForm, _has_questions),
    Page("places-kept", "Places kept for some applicants", DeclarationPageForm, _has_ring_fence, _save_declaration),
)


def pages_for(application: Application) -> list[Page]:
    """The pages this draft asks, in order: the line manager's only where their support is needed."""
    return [page for page in PAGES if page.applies(application)]


def page_for(application: Application, slug: str) -> Page | None:
    return next((page for page in pages_for(application) if page.slug == slug), None)


def page_after(application: Application, page: Page) -> str:
    """The next page's URL; after the last, "Check your answers"."""
    pages = pages_for(application)
    later = pages[pages.index(page) + 1 :] if page in pages else []
    return later[0].url(application) if later else reverse("enrolment:application_check", args=[application.pk])


def page_before(application: Application, page: Page) -> str:
    """The Back link: the page before, or the programme's "Apply" page before the first."""
    pages = pages_for(application)
    index = pages.index(page)
    if index == 0:
        return reverse("enrolment:apply", args=[application.programme.slug])
    return pages[index - 1].url(application)


def page_of_field(application: Application, field: str) -> str:
    """The URL of the page that asks a form field (a submission problem's key)."""
    for page in pages_for(application):
        form = page.form_class(application=application)
        if field in form.fields:
            return page.url(application)
    return reverse("enrolment:application_check", args=[application.pk])


@dataclass(frozen=True)
class Answer:
    """A row of "Check your answers"."""

    label: str
    value: str
    change_url: str


def _cohort_answer(application: Application) -> str:
    if application.cohort:
        return cohort_choice_label(application.cohort)
    return f"Any cohort in {application.region.name}" if application.region else ""


def _organisation_answer(application: Application) -> Answer:
    """Where the applicant works, changed on their profile's organisation picker, which then returns to the check."""
    check = reverse("enrolment:application_check", args=[application.pk])
    change = f"{reverse('organisation_pick')}?{urlencode({'next': check})}"
    return Answer("Organisation", workplace_text(user_id=application.applicant_id), change)


def _page_answers(application: Application, page: Page) -> list[Answer]:
    """The page's answers as rows, each linking back to the page (which then returns to the check)."""
    change = f"{page.url(application)}?check=1"
    if page.form_class is CohortPageForm:
        return [Answer("Cohort", _cohort_answer(application), change)]
    form = page.form_class(application=application)
    if isinstance(form, DeclarationPageForm):
        return [Answer("Places kept for some applicants: describes you", form.shown(), change)]
    rows = [Answer(str(field.label), _shown(application, form, field.name), change) for field in form]
    return [_organisation_answer(application), *rows] if form.shows_workplace else rows


def _shown(application: Application, form: PageForm, name: str) -> str:
    display = getattr(application, f"get_{name}_display", None)
    if display:
        return display()
    value = getattr(application, name) if hasattr(application, name) else form.initial.get(name)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value or "")


def check_answers(application: Application) -> list[Answer]:
    """Every answer the draft's pages ask, in their order; an empty value shows as not answered."""
    return [answer for page in pages_for(application) for answer in _page_answers(application, page)]
