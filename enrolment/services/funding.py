"""Who pays: an employer-funded place needs its budget holder's confirmation, given from a signed link (signed_links)
without an account, before the academy can offer it.

The link expires BUDGET_HOLDER_LINK_DAYS after the request and works once; a reminder goes
BUDGET_HOLDER_REMINDER_DAYS after the request, once.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from enrolment import tasks
from enrolment.funding import BudgetHolderAnswer, FundingKind, FundingState
from enrolment.models import Application, Cohort, EnrolmentError
from enrolment.statuses import Status
from portal.audit import audit_record
from portal.locking import lock_row
from portal.models import AuditEntry, User

from .signed_links import EXPIRED, LinkInvalid, signed_link_application, signed_link_token

SALT = "enrolment.budget-holder"
# While the budget holder can still answer: submitted and not yet decided or withdrawn.
ANSWERABLE = (Status.AWAITING_MANAGER, Status.UNDER_REVIEW, Status.WAITLISTED)


NO_BUDGET_HOLDER = (
    "No budget holder is named for this application yet: the applicant can name one from their application page, "
    "and the place can be offered once the budget holder confirms the funding."
)


class FundingNotConfirmed(EnrolmentError):
    """An employer-funded place cannot be offered until the budget holder confirms the funding."""


class BudgetHolderRefused(EnrolmentError):
    """A budget holder named after submission was refused: `problems` maps each form field to what is wrong."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("Check the budget holder's details.")
        self.problems = problems


def needs_budget_holder(application: Application) -> bool:
    return application.cohort is not None and application.cohort.is_employer_funded


def budget_holder_wanted(application: Application) -> bool:
    """A submitted application that has asked no budget holder yet and may be placed on an employer-funded cohort:
    one made for any cohort in a region that has one, or placed on one by the academy."""
    if application.status not in ANSWERABLE or application.budget_holder_requested_at is not None:
        return False
    if application.cohort is not None:
        return application.cohort.is_employer_funded
    return (
        application.region_id is not None
        and application.programme.cohorts.open_for_applications(timezone.now())
        .filter(region=application.region_id, funding_kind=FundingKind.EMPLOYER)
        .exists()
    )


def funding_label(application: Application) -> str:
    """Where the application's funding stands, for the academy's decision page; empty when nobody pays."""
    if application.funding_state:
        return application.funding_state_label
    return FundingState.UNNAMED.label if budget_holder_wanted(application) else ""


def budget_holder_problem(application: Application, now) -> dict[str, str]:
    """A submission rule: an employer-funded cohort needs the budget holder's name and address, not the
    applicant's own."""
    if not needs_budget_holder(application):
        return {}
    return _holder_problems(application)


def _holder_problems(application: Application) -> dict[str, str]:
    problems = {}
    if not application.budget_holder_name.strip():
        problems["budget_holder_name"] = "Enter your budget holder's name"
    email = application.budget_holder_email
    if not email:
        problems["budget_holder_email"] = "Enter your budget holder's e-mail address: your employer pays for this place"
    elif email.lower() == application.applicant.email.lower():
        problems["budget_holder_email"] = "Enter your budget holder's e-mail address, not your own"
    return problems


def budget_holder_request(application: Application, *, now) -> None:
    """On submission, inside its transaction: e-mails the budget holder once it commits."""
    if needs_budget_holder(application):
        _holder_request(application, now)


def _holder_request(application: Application, now) -> None:
    application.budget_holder_requested_at = now
    application.save(update_fields=["budget_holder_requested_at"])
    tasks.send_budget_holder_email.enqueue_on_commit(application.pk, False)


@transaction.atomic
def application_budget_holder_name(
    *, application_id: int, applicant: User, name: str, email: str, now=None
) -> Application:
    """After submission, the applicant names the budget holder a placing on an employer-funded cohort needs (the
    same rule as at submission), and the budget holder gets their link."""
    now = now or timezone.now()
    owned = Application.objects.for_applicant(applicant).select_related("programme", "cohort", "applicant")
    application = lock_row(owned, pk=application_id)
    if application is None:
        raise EnrolmentError("There is no such application.")
    if not budget_holder_wanted(application):
        raise EnrolmentError("This application does not need a budget holder now.")
    application.budget_holder_name = name.strip()
    application.budget_holder_email = email.strip().lower()
    problems = _holder_problems(application)
    if problems:
        raise BudgetHolderRefused(problems)
    application.save(update_fields=["budget_holder_name", "budget_holder_email"])
    _holder_request(application, now)
    return application


def funding_refusal(application: Application, cohort: Cohort) -> FundingNotConfirmed | None:
    """Why a place on `cohort` cannot be offered to the application yet, or None."""
    if not cohort.is_employer_funded or application.budget_holder_answer == BudgetHolderAnswer.CONFIRMED:
        return None
    if application.budget_holder_answer == BudgetHolderAnswer.DECLINED:
        return FundingNotConfirmed("The budget holder declined to fund this place, so it cannot be offered.")
    if not application.budget_holder_email:
        return FundingNotConfirmed(NO_BUDGET_HOLDER)
    return FundingNotConfirmed(
        f"{cohort.name} is employer-funded: the place can be offered once the budget holder confirms the funding."
    )


def funded_for(applications, cohort: Cohort):
    """Those of `applications` that a place on `cohort` can be offered to, as funding_refusal says."""
    if not cohort.is_employer_funded:
        return applications
    return applications.filter(budget_holder_answer=BudgetHolderAnswer.CONFIRMED)


def budget_holder_link_token(application: Application) -> str:
    return signed_link_token(application, salt=SALT, nonce_field="budget_holder_nonce")


def budget_holder_link_expires_at(application: Application):
    return application.budget_holder_requested_at + timedelta(days=settings.BUDGET_HOLDER_LINK_DAYS)


def budget_holder_link_application(token: str, *, now=None) -> Application:
    """The application a link is for, if the link is genuine, unused and within its days from the request."""
    application = signed_link_application(
        token, salt=SALT, nonce_field="budget_holder_nonce", days=settings.BUDGET_HOLDER_LINK_DAYS
    )
    if application is None or application.budget_holder_answer or application.status not in ANSWERABLE:
        raise LinkInvalid("This link has already been used, or the application no longer needs an answer.")
    if application.budget_holder_requested_at is None:
        raise LinkInvalid("This application has not asked for its funding to be confirmed.")
    if budget_holder_link_expires_at(application) <= (now or timezone.now()):
        raise LinkInvalid(EXPIRED)
    return application


@transaction.atomic
def budget_holder_respond(*, token: str, confirmed: bool, now=None) -> Application:
    """Confirms or declines the funding, once; the applicant and the academy see the answer."""
    now = now or timezone.now()
    application = budget_holder_link_application(token, now=now)
    application = lock_row(Application.objects.select_related("cohort"), pk=application.pk)
    if application.budget_holder_answer or application.status not in ANSWERABLE:
        raise LinkInvalid("This link has already been used.")
    application.budget_holder_answer = BudgetHolderAnswer.CONFIRMED if confirmed else BudgetHolderAnswer.DECLINED
    application.budget_holder_answered_at = now
    application.budget_holder_nonce = uuid.uuid4()
    application.save(update_fields=["budget_holder_answer", "budget_holder_answered_at", "budget_holder_nonce"])
    if confirmed and application.status == Status.WAITLISTED:
        tasks.promote_waiting_list.enqueue_on_commit(application.cohort_id)
    audit_record(
        action=AuditEntry.Action.APPLICATION_DECIDED,
        actor_label="Budget holder",
        target=application,
        summary=f"budget holder: {application.get_budget_holder_answer_display()}",
    )
    return application


def budget_holder_reminders_send(*, now=None) -> int:
    """Reminds budget holders who have not answered BUDGET_HOLDER_REMINDER_DAYS after the request, while the link
    still works, once each; a re-run finds them already reminded."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Application.objects.select_for_update(skip_locked=True)
            .filter(
                status__in=ANSWERABLE,
                budget_holder_answer="",
                budget_holder_reminded_at__isnull=True,
                budget_holder_requested_at__lte=now - timedelta(days=settings.BUDGET_HOLDER_REMINDER_DAYS),
                budget_holder_requested_at__gt=now - timedelta(days=settings.BUDGET_HOLDER_LINK_DAYS),
            )
            .values_list("pk", flat=True)
        )
        Application.objects.filter(pk__in=due).update(budget_holder_reminded_at=now)
        for application_id in due:
            tasks.send_budget_holder_email.enqueue_on_commit(application_id, True)
    return len(due)
