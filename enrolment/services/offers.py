"""The applicant's answer to an offer, and offers that run out."""

from django.db import transaction
from django.utils import timezone

from enrolment.models import Application, EnrolmentError
from portal.locking import lock_row
from portal.models import User

from .decisions import joining_closed_message
from .locking import cohort_lock
from .transitions import application_transition


class OfferExpired(EnrolmentError):
    """The deadline passed; the place has gone, or is about to go, to the waiting list."""


def offer_accept(*, application_id: int, applicant: User) -> Application:
    with transaction.atomic():
        application = _own_offer_locked(application_id, applicant)
        if application.offer_expires_at <= timezone.now():
            raise OfferExpired("This offer has expired, so the place can no longer be accepted.")
        if not application.cohort.is_joinable():
            raise EnrolmentError(joining_closed_message(application.cohort))
        application_transition(application, Application.Status.ACCEPTED, actor=applicant)
    return application


def offer_decline(*, application_id: int, applicant: User, reason: str = "") -> Application:
    with transaction.atomic():
        application = _own_offer_locked(application_id, applicant)
        application_transition(application, Application.Status.DECLINED, actor=applicant, reason=reason)
    return application


def offer_expire(*, application_id: int, now=None) -> bool:
    """Expires one offer if it is still outstanding and past its deadline; returns whether it did."""
    now = now or timezone.now()
    cohort_id = Application.objects.filter(pk=application_id).values_list("cohort_id", flat=True).first()
    if cohort_id is None:
        return False
    with transaction.atomic():
        cohort_lock(cohort_id=cohort_id)
        application = lock_row(Application.objects, pk=application_id)
        if application.status != Application.Status.OFFERED or application.offer_expires_at > now:
            return False
        application_transition(
            application, Application.Status.OFFER_EXPIRED, actor_label="Portal", reason="Not accepted by the deadline"
        )
    return True


def offers_expire_due(*, now=None) -> int:
    """Expires every overdue offer, each in its own transaction; a re-run finds nothing left to do."""
    now = now or timezone.now()
    due = Application.objects.filter(status=Application.Status.OFFERED, offer_expires_at__lte=now).values_list(
        "pk", flat=True
    )
    return sum(offer_expire(application_id=pk, now=now) for pk in list(due))


def _own_offer_locked(application_id: int, applicant: User) -> Application:
    """Locks the cohort and then the application, the same order every place-changing service uses."""
    application = Application.objects.for_applicant(applicant).filter(pk=application_id).first()
    if application is None:
        raise EnrolmentError("There is no such application.")
    if application.cohort_id:
        cohort_lock(cohort_id=application.cohort_id)
    application = lock_row(Application.objects, pk=application_id)
    if application.status != Application.Status.OFFERED:
        raise EnrolmentError(f"There is no offer to answer: the application is '{application.get_status_display()}'.")
    return application
