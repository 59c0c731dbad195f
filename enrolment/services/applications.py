"""A member of staff's side of an application: start, save, submit, withdraw."""

from collections.abc import Collection
from dataclasses import dataclass, replace

from django.db import IntegrityError, transaction
from django.utils import timezone

from enrolment import tasks
from enrolment.models import (
    ACTIVE,
    Application,
    ApplicationQuestion,
    Cohort,
    EnrolmentError,
)
from portal.locking import lock_row
from portal.models import Profession, Region, StaffProfile, User
from programmes.models import Programme

from ..selectors import needs_line_manager, open_cohorts
from .eligibility import application_refusal, profession_refusal
from .funding import budget_holder_problem, budget_holder_request
from .locking import cohort_lock
from .transitions import application_transition


class IncompleteApplication(EnrolmentError):
    """Submission refused: `problems` maps each form field to what is missing."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("The application is not complete.")
        self.problems = problems


@dataclass(frozen=True)
class ApplicationDetails:
    """What the applicant writes; every field may be incomplete in a draft. Their organisation is not among them: it
    is where their profile says they work (chosen through portal.organisations' rules), copied at each save."""

    cohort: Cohort | None = None
    region: Region | None = None
    supporting_statement: str = ""
    answers: dict | None = None
    positive_action_declaration: bool = False
    line_manager_email: str = ""
    budget_holder_name: str = ""
    budget_holder_email: str = ""
    profession: Profession | None = None
    grade: str = ""
    job_title: str = ""

    @classmethod
    def of(cls, application: Application) -> "ApplicationDetails":
        """What the application holds now."""
        return cls(
            cohort=application.cohort,
            region=application.region,
            supporting_statement=application.supporting_statement,
            answers=dict(application.answers or {}),
            positive_action_declaration=application.positive_action_declaration,
            line_manager_email=application.line_manager_email,
            budget_holder_name=application.budget_holder_name,
            budget_holder_email=application.budget_holder_email,
            profession=application.profession,
            grade=application.grade,
            job_title=application.job_title,
        )


def application_start(*, applicant: User, programme: Programme, now=None) -> Application:
    """Returns the applicant's open application to the programme, or a new draft prefilled from their profile,
    if application_refusal (what the programme page's button shows) has no reason to refuse.

    A double-clicked "Apply" races two inserts; the partial unique constraint lets only one win, and the loser
    returns the winner's draft.
    """
    now = now or timezone.now()
    existing = Application.objects.filter(applicant=applicant, programme=programme, status__in=ACTIVE).first()
    if existing:
        return existing
    profile = StaffProfile.objects.select_related("profession").filter(user=applicant).first()
    profile = profile or StaffProfile(user=applicant)
    cohorts = list(programme.cohorts.upcoming(timezone.localdate(now)))
    refusal = application_refusal(programme=programme, profession=profile.profession, cohorts=cohorts, now=now)
    if refusal:
        raise EnrolmentError(refusal.message)
    try:
        with transaction.atomic():
            return Application.objects.create(
                applicant=applicant,
                programme=programme,
                organisation=profile.organisation,
                profession=profile.profession,
                grade=profile.grade,
                job_title=profile.job_title,
                line_manager_email=profile.line_manager_email,
            )
    except IntegrityError:
        return Application.objects.get(applicant=applicant, programme=programme, status__in=ACTIVE)


@transaction.atomic
def application_save_answers(
    *, application_id: int, applicant: User, changes: dict, checked: Collection[str] = (), now=None
) -> Application:
    """Saves one page of the draft: `changes` (ApplicationDetails fields) over what it holds. The submission rules
    for the form fields in `checked` (the page's) are asked at once; a problem saves nothing."""
    application = _own_application_locked(application_id, applicant)
    if application.status != Application.Status.DRAFT:
        raise EnrolmentError("This application has been submitted, so it can no longer be changed.")
    if "answers" in changes:
        changes = {**changes, "answers": {**(application.answers or {}), **changes["answers"]}}
    _apply_details(application, replace(ApplicationDetails.of(application), **changes))
    problems = {field: problem for field, problem in submission_problems(application, now).items() if field in checked}
    if problems:
        raise IncompleteApplication(problems)
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def application_submit(*, application_id: int, applicant: User, details: ApplicationDetails, now=None) -> Application:
    """Saves and submits the draft; it goes to the line manager first where the programme or cohort asks for it.
    Every rule of application_start is asked again, of what the applicant now declares, at `now`."""
    now = now or timezone.now()
    application = _own_application_locked(application_id, applicant)
    if application.status != Application.Status.DRAFT:
        raise EnrolmentError("This application has already been submitted.")
    _apply_details(application, details)
    problems = submission_problems(application, now)
    if problems:
        raise IncompleteApplication(problems)
    asks_manager = needs_line_manager(application)
    status = Application.Status.AWAITING_MANAGER if asks_manager else Application.Status.UNDER_REVIEW
    application_transition(application, status, actor=applicant, reason="Submitted", at=now)
    if asks_manager:
        tasks.send_manager_request_email.enqueue_on_commit(application.pk)
    budget_holder_request(application, now=now)
    return application


def application_withdraw(*, application_id: int, applicant: User, reason: str = "") -> Application:
    """Withdraws at any open stage; a place it held goes to the waiting list."""
    cohort_id = (
        Application.objects.for_applicant(applicant)
        .filter(pk=application_id)
        .values_list("cohort_id", flat=True)
        .first()
    )
    with transaction.atomic():
        if cohort_id:
            cohort_lock(cohort_id=cohort_id)
        application = _own_application_locked(application_id, applicant)
        application_transition(application, Application.Status.WITHDRAWN, actor=applicant, reason=reason)
    return application


def submission_problems(application: Application, now=None) -> dict[str, str]:
    """What stops the application being submitted, by form field, in words for the applicant: each rule of
    SUBMISSION_RULES gives its field's problem, if any."""
    now = now or timezone.now()
    problems = {}
    for rule in SUBMISSION_RULES:
        problems |= rule(application, now)
    return problems


def _where_problem(application: Application, now) -> dict[str, str]:
    """The cohort or region chosen must be open for applications: window open, not cancelled, still joinable."""
    cohorts = open_cohorts(application.programme, now)
    if application.cohort is None and application.region is None:
        return {"where": "Choose a cohort, or any cohort in a region"}
    if application.cohort and not cohorts.filter(pk=application.cohort_id).exists():
        return {"where": "Applications to this cohort are closed. Choose another cohort"}
    if application.region and not cohorts.filter(region=application.region).exists():
        return {"where": "No cohort in this region is open for applications. Choose another"}
    return {}


def _profession_problem(application: Application, now) -> dict[str, str]:
    """A programme for some professions only needs the applicant's, and it must be one of them."""
    programme = application.programme
    if programme.open_to_all_professions or not programme.professions.exists():
        return {}
    if application.profession is None:
        names = ", ".join(p.name.lower() for p in programme.professions.all())
        return {"profession": f"Choose your profession: this programme is for {names}"}
    refusal = profession_refusal(programme, application.profession)
    return {"profession": refusal} if refusal else {}


def _statement_problem(application: Application, now) -> dict[str, str]:
    if application.supporting_statement.strip():
        return {}
    return {"supporting_statement": "Write your supporting statement"}


def _question_problems(application: Application, now) -> dict[str, str]:
    """Every required question of the programme's own needs an answer."""
    answers = application.answers or {}
    return {
        f"question_{question.pk}": f"Answer the question: {question.prompt}"
        for question in ApplicationQuestion.objects.filter(programme=application.programme, required=True)
        if not str(answers.get(str(question.pk), "")).strip()
    }


def _positive_action_problem(application: Application, now) -> dict[str, str]:
    if not application.programme.positive_action_note or application.positive_action_declaration:
        return {}
    return {"positive_action_declaration": "Confirm that you meet this programme's positive-action criteria"}


def _line_manager_problem(application: Application, now) -> dict[str, str]:
    """A line manager's address where the programme or cohort needs their support, and never the applicant's own."""
    email = application.line_manager_email
    if email and email.lower() == application.applicant.email.lower():
        return {"line_manager_email": "Enter your line manager's e-mail address, not your own"}
    if not email and needs_line_manager(application, now):
        return {"line_manager_email": "Enter your line manager's e-mail address: this programme needs their support"}
    return {}


SUBMISSION_RULES = (
    _where_problem,
    _profession_problem,
    _statement_problem,
    _question_problems,
    _positive_action_problem,
    _line_manager_problem,
    budget_holder_problem,
)


def _own_application_locked(application_id: int, applicant: User) -> Application:
    owned = Application.objects.for_applicant(applicant).select_related("programme", "cohort", "applicant")
    application = lock_row(owned, pk=application_id)
    if application is None:
        raise EnrolmentError("There is no such application.")
    return application


def _workplace_id(user_id: int) -> int | None:
    """The organisation the person's profile says they work for, its row locked until the application is saved."""
    profiles = StaffProfile.objects.select_for_update().filter(user_id=user_id)
    return profiles.values_list("organisation_id", flat=True).first()


def _apply_details(application: Application, details: ApplicationDetails) -> None:
    if details.cohort is not None and details.cohort.programme_id != application.programme_id:
        raise EnrolmentError("That cohort is not of this programme.")
    application.cohort = details.cohort
    application.region = None if details.cohort else details.region
    application.supporting_statement = details.supporting_statement
    application.answers = details.answers or {}
    application.positive_action_declaration = details.positive_action_declaration
    application.line_manager_email = details.line_manager_email.strip().lower()
    application.budget_holder_name = details.budget_holder_name.strip()
    application.budget_holder_email = details.budget_holder_email.strip().lower()
    application.organisation_id = _workplace_id(application.applicant_id)
    application.profession = details.profession
    application.grade = details.grade
    application.job_title = details.job_title
