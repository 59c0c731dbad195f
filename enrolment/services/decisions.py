"""An academy's decisions on applications to its cohorts: offer, waiting list, unsuccessful."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import formats, timezone

from enrolment.models import Application, Cohort, EnrolmentError
from enrolment.permissions import academy_admin_applications, academy_admin_cohorts
from enrolment.statuses import RejectionReason
from portal.audit import audit_record
from portal.locking import lock_row
from portal.models import AuditEntry, User

from .allocations import PoolFull, charged_allocation, place_refusal, pool_room
from .cohorts import InvalidInput
from .funding import funding_refusal
from .locking import cohort_lock
from .transitions import application_transition

NOT_A_COHORT = "Choose one of your academy's cohorts of this programme."

# Every place the application could take is accepted or offered: of the cohort, or of its allocation or open pool.
CohortFull = PoolFull


class Decision:
    OFFER = "offer"
    WAITLIST = "waitlist"
    UNSUCCESSFUL = "unsuccessful"
    CHOICES = [(OFFER, "Offer a place"), (WAITLIST, "Put on the waiting list"), (UNSUCCESSFUL, "Unsuccessful")]


def application_offer(
    *, application_id: int, admin: User, cohort_id: int | None = None, actor_label: str = ""
) -> Application:
    """Offers a place, held until the cohort's offer deadline, if the allocation the place is charged to (the
    nomination's) or the open pool has one free (enrolment.services.allocations). `actor_label` names what acted
    for the admin (an academy API token), in the history and the audit log."""
    with transaction.atomic():
        application, cohort = _lock_for_decision(application_id, admin, cohort_id)
        refusal = place_refusal(application, cohort) or funding_refusal(application, cohort)
        if refusal:
            raise refusal
        offer_place(application, cohort, actor=admin, actor_label=actor_label)
        _audit_decision(admin, application, Decision.OFFER, actor_label)
    return application


def application_waitlist(
    *, application_id: int, admin: User, cohort_id: int | None = None, actor_label: str = ""
) -> Application:
    with transaction.atomic():
        application, cohort = _lock_for_decision(application_id, admin, cohort_id)
        if pool_room(cohort, charged_allocation(application, cohort)) > 0:
            raise EnrolmentError(f"{cohort.name} still has places. Offer one instead of the waiting list.")
        application.cohort = cohort
        application_transition(application, Application.Status.WAITLISTED, actor=admin, actor_label=actor_label)
        _audit_decision(admin, application, Decision.WAITLIST, actor_label)
    return application


class RejectionReasonsMissing(EnrolmentError):
    """An unsuccessful decision without a reason from the list (or "other" without saying what)."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.problems = {field: message}


def rejection_refusal(reasons: Sequence[str], details: str) -> RejectionReasonsMissing | None:
    """Why these reasons cannot make an application unsuccessful, or None. The decision forms ask this too."""
    if not reasons or not set(reasons) <= set(RejectionReason.values):
        return RejectionReasonsMissing("Choose at least one reason the application is unsuccessful", "reasons")
    if RejectionReason.OTHER in reasons and not details.strip():
        return RejectionReasonsMissing("Say what the other reason is: the applicant is told it", "reason")
    return None


@transaction.atomic
def application_reject(
    *, application_id: int, admin: User, reasons: Sequence[str], reason: str = "", actor_label: str = ""
) -> Application:
    """Unsuccessful, for at least one reason of the list (RejectionReason) and any words of the academy's own,
    all of which the applicant is told."""
    refusal = rejection_refusal(reasons, reason)
    if refusal:
        raise refusal
    application = _admin_application_locked(application_id, admin)
    application.rejection_reasons = [code for code in RejectionReason.values if code in reasons]
    application.decision_reason = reason.strip()
    application_transition(
        application,
        Application.Status.UNSUCCESSFUL,
        actor=admin,
        actor_label=actor_label,
        reason=_rejection_text(application),
    )
    _audit_decision(admin, application, Decision.UNSUCCESSFUL, actor_label)
    return application


def _rejection_text(application: Application) -> str:
    """Why it was unsuccessful, in plain English, as the applicant is told (in the e-mail and the history)."""
    said = [f"The academy said: {application.decision_reason}"] if application.decision_reason else []
    return " ".join([*application.rejection_reason_texts, *said])


def _audit_decision(admin: User, application: Application, decision: str, actor_label: str = "") -> None:
    """The reason stays on the application (erasable with it); the log keeps only who decided what, where."""
    audit_record(
        action=AuditEntry.Action.APPLICATION_DECIDED,
        actor=admin,
        actor_label=actor_label,
        target=application,
        summary=f"{decision} (cohort {application.cohort_id})" if application.cohort_id else decision,
    )


@dataclass
class BulkResult:
    done: list[int] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)


def applications_decide(
    *,
    application_ids: list[int],
    admin: User,
    decision: str,
    reasons: Sequence[str] = (),
    reason: str = "",
    cohort_id: int | None = None,
) -> BulkResult:
    """The same decision for many applications, each in its own transaction, so one refusal stops no other."""
    services = {
        Decision.OFFER: lambda pk: application_offer(application_id=pk, admin=admin, cohort_id=cohort_id),
        Decision.WAITLIST: lambda pk: application_waitlist(application_id=pk, admin=admin, cohort_id=cohort_id),
        Decision.UNSUCCESSFUL: lambda pk: application_reject(
            application_id=pk, admin=admin, reasons=reasons, reason=reason
        ),
    }
    result = BulkResult()
    for application_id in application_ids:
        try:
            services[decision](application_id)
        except EnrolmentError as error:
            result.refused[application_id] = str(error)
        else:
            result.done.append(application_id)
    return result


def offer_place(application: Application, cohort: Cohort, *, actor=None, actor_label: str = "") -> None:
    """Offers `cohort` to the application, charging the place to its allocation or the open pool. The caller holds
    the cohort lock and has checked a place is free there."""
    now = timezone.now()
    application.cohort = cohort
    application.place_allocation = charged_allocation(application, cohort)
    application.offer_expires_at = now + timedelta(days=cohort.offer_days)
    application_transition(application, Application.Status.OFFERED, actor=actor, actor_label=actor_label, at=now)


def joining_closed_message(cohort: Cohort) -> str:
    last = formats.date_format(cohort.last_joining_day, "j F Y")
    return f"{cohort.name} can no longer be joined: the last day to join was {last}."


def _lock_for_decision(application_id, admin, cohort_id) -> tuple[Application, Cohort]:
    """Locks the cohort, then the application (always in that order, so two decisions cannot deadlock)."""
    application = academy_admin_applications(admin).filter(pk=application_id).first()
    if application is None:
        raise EnrolmentError("There is no such application.")
    cohort_id = cohort_id or application.cohort_id
    if cohort_id is None:
        raise InvalidInput({"cohort": "Choose the cohort to decide this application for."})
    if not academy_admin_cohorts(admin).filter(pk=cohort_id, programme_id=application.programme_id).exists():
        raise InvalidInput({"cohort": NOT_A_COHORT})
    cohort = cohort_lock(cohort_id=cohort_id)
    if cohort.status == Cohort.Status.CANCELLED:  # read under the lock, so cohort_cancel cannot slip in between
        raise EnrolmentError("That cohort has been cancelled: choose another.")
    if not cohort.is_joinable():
        raise EnrolmentError(joining_closed_message(cohort))
    return _admin_application_locked(application_id, admin), cohort


def _admin_application_locked(application_id: int, admin: User) -> Application:
    application = lock_row(academy_admin_applications(admin), pk=application_id)
    if application is None:
        raise EnrolmentError("There is no such application.")
    return application
