"""Bursaries: the applicant asks with a statement; the academy awards or refuses under the cohort's lock, never
beyond the number offered or the budget; the applicant and the cohort's finance team are told by e-mail."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from enrolment import tasks
from enrolment.bursaries import BURSARY_STATEMENT_LIMIT, BursaryKind, BursaryState
from enrolment.models import Application, Cohort, EnrolmentError
from enrolment.permissions import academy_admin_applications
from portal.audit import audit_record
from portal.locking import lock_row
from portal.models import AuditEntry, User

from .funding import ANSWERABLE
from .locking import cohort_lock

# While a bursary can still be asked for: submitted, and the place not yet lost or given up.
BURSARY_OPEN = (*ANSWERABLE, Application.Status.OFFERED, Application.Status.ACCEPTED)


class BursaryRefused(EnrolmentError):
    """A bursary request or decision the rules refuse; `problems` maps a form field to what is wrong, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.problems = {field: message} if field else {}


def bursary_statement_problem(statement: str) -> str | None:
    if not statement.strip():
        return "Write why you are asking for a bursary"
    if len(statement) > BURSARY_STATEMENT_LIMIT:
        return f"Your bursary statement must be {BURSARY_STATEMENT_LIMIT} characters or fewer"
    return None


def bursary_can_ask(application: Application) -> bool:
    return (
        application.cohort is not None
        and application.cohort.offers_bursaries
        and application.status in BURSARY_OPEN
        and not application.bursary_state
    )


@transaction.atomic
def bursary_request(*, application_id: int, applicant: User, statement: str, now=None) -> Application:
    """The applicant asks for a bursary of their cohort, once, with a statement the academy assesses."""
    owned = Application.objects.for_applicant(applicant).select_related("cohort")
    application = lock_row(owned, pk=application_id)
    if application is None:
        raise EnrolmentError("There is no such application.")
    if not bursary_can_ask(application):
        raise BursaryRefused("You cannot ask for a bursary for this application.")
    problem = bursary_statement_problem(statement)
    if problem:
        raise BursaryRefused(problem, "bursary_statement")
    application.bursary_statement = statement.strip()
    application.bursary_state = BursaryState.REQUESTED
    application.bursary_requested_at = now or timezone.now()
    application.save(update_fields=["bursary_statement", "bursary_state", "bursary_requested_at"])
    return application


def bursaries_awarded(cohort: Cohort) -> tuple[int, Decimal]:
    """How many bursaries the cohort has awarded, and their total; read it only while holding cohort_lock."""
    awarded = cohort.applications.filter(bursary_state=BursaryState.AWARDED)
    return awarded.count(), awarded.aggregate(total=Sum("bursary_awarded"))["total"] or Decimal("0")


def bursary_award_refusal(cohort: Cohort) -> BursaryRefused | None:
    count, total = bursaries_awarded(cohort)
    if count >= cohort.bursaries_available:
        return BursaryRefused(f"All {cohort.bursaries_available} bursaries of {cohort.name} are awarded.")
    if cohort.bursary_budget is not None and total + cohort.bursary_value > cohort.bursary_budget:
        left = cohort.bursary_budget - total
        return BursaryRefused(
            f"The bursary budget of {cohort.name} has £{left:,.2f} left: not enough for another bursary of "
            f"£{cohort.bursary_value:,.2f}."
        )
    return None


def bursary_decide(*, application_id: int, admin: User, award: bool, now=None) -> Application:
    """Awards or refuses a bursary asked for, under the cohort's lock, within the number offered and the budget."""
    visible = academy_admin_applications(admin).filter(pk=application_id)
    cohort_id = visible.values_list("cohort_id", flat=True).first()
    if cohort_id is None:
        raise EnrolmentError("There is no such application.")
    with transaction.atomic():
        cohort = cohort_lock(cohort_id=cohort_id)
        application = lock_row(Application.objects.filter(cohort=cohort), pk=application_id)
        if application is None or application.bursary_state != BursaryState.REQUESTED:
            raise BursaryRefused("This application has no bursary request waiting for a decision.")
        refusal = bursary_award_refusal(cohort) if award else None
        if refusal:
            raise refusal
        application.bursary_state = BursaryState.AWARDED if award else BursaryState.REFUSED
        application.bursary_awarded = cohort.bursary_value if award else None
        application.bursary_decided_at = now or timezone.now()
        application.save(update_fields=["bursary_state", "bursary_awarded", "bursary_decided_at"])
        audit_record(
            action=AuditEntry.Action.APPLICATION_DECIDED,
            actor=admin,
            target=application,
            summary=f"bursary: {application.get_bursary_state_display()}",
        )
        tasks.send_bursary_decision_emails.enqueue_on_commit(application.pk)
    return application


def cohort_bursary_problems(cohort: Cohort) -> dict[str, str]:
    """The cohort's bursary settings, checked wherever they are set (the workspace, the Django admin)."""
    if not cohort.offers_bursaries:
        return {}
    if not cohort.bursary_kind:
        return {"bursary_kind": "Choose what each bursary is: an amount, or the fee waived"}
    if cohort.bursary_kind == BursaryKind.AMOUNT and not cohort.bursary_amount:
        return {"bursary_amount": "Enter the amount of each bursary"}
    if cohort.bursary_kind == BursaryKind.FEE_WAIVER and not cohort.fee:
        return {"bursary_kind": "A fee waiver needs the cohort's fee: enter the fee, or offer an amount"}
    return _budget_problems(cohort)


def _budget_problems(cohort: Cohort) -> dict[str, str]:
    if cohort.bursary_budget is None:
        return {}
    total = bursaries_awarded(cohort)[1] if cohort.pk else Decimal("0")
    if total > cohort.bursary_budget:
        return {"bursary_budget": f"£{total:,.2f} is already awarded: the budget cannot be less"}
    if cohort.bursary_budget < cohort.bursary_value:
        return {"bursary_budget": "The budget must cover at least one bursary, or be left empty"}
    return {}
