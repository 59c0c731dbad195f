"""An academy plans its cohorts: create, change, cancel; and the schedule that moves them along by their dates."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from academies.models import Academy
from enrolment import tasks
from enrolment.models import ACTIVE, Application, Cohort, EnrolmentError
from enrolment.permissions import academies_planned_by, cohorts_changeable_by
from portal.audit import audit_record
from portal.models import AuditEntry, User
from programmes.models import Programme

from .locking import cohort_lock, places_held
from .transitions import application_transition


class CapacityBelowPlacesHeld(EnrolmentError):
    """A cohort cannot have fewer places than are already accepted or offered."""


# Fields an academy admin sets on a cohort.
COHORT_FIELDS = (
    "name",
    "starts_on",
    "ends_on",
    "venue",
    "is_online",
    "region",
    "ics",
    "capacity",
    "applications_open_at",
    "applications_close_at",
    "offer_days",
    "line_manager_support_required",
    "cpd_hours",
)


def academies_run_by(admin: User):
    return Academy.objects.for_admin(admin)


def programmes_deliverable_by(academies):
    """Academies run cohorts of the by-application programmes they provide or deliver."""
    return (
        Programme.objects.filter(Q(provider__in=academies) | Q(delivering_academies__in=academies))
        .filter(access=Programme.Access.BY_APPLICATION)
        .distinct()
    )


@transaction.atomic
def cohort_create(*, admin: User, academy: Academy, programme: Programme, **fields) -> Cohort:
    if not academies_planned_by(admin).filter(pk=academy.pk).exists():
        raise EnrolmentError("You are not an admin of that academy.")
    if not programmes_deliverable_by([academy]).filter(pk=programme.pk).exists():
        raise EnrolmentError(f"{academy.name} does not run cohorts of {programme.title}.")
    cohort = Cohort(academy=academy, programme=programme, **fields)
    cohort.status = cohort.status_on(timezone.now())
    cohort.full_clean()
    cohort.save()
    audit_record(
        action=AuditEntry.Action.COHORT_CREATED, actor=admin, target=cohort, summary=f"capacity {cohort.capacity}"
    )
    return cohort


def cohort_update(*, admin: User, cohort_id: int, **fields) -> Cohort:
    """Changes a cohort; capacity can go down only to the places already held, and extra places are offered on."""
    with transaction.atomic():
        cohort = _admin_cohort_locked(admin, cohort_id)
        held = places_held(cohort)
        if fields.get("capacity", cohort.capacity) < held:
            raise CapacityBelowPlacesHeld(
                f"{held} places are already accepted or offered, so the capacity cannot go below {held}."
            )
        raised = fields.get("capacity", cohort.capacity) > cohort.capacity
        for name, value in fields.items():
            setattr(cohort, name, value)
        cohort.status = cohort.status_on(timezone.now())
        cohort.full_clean()
        cohort.save()
        audit_record(
            action=AuditEntry.Action.COHORT_UPDATED, actor=admin, target=cohort, summary=f"capacity {cohort.capacity}"
        )
        if raised:
            tasks.promote_waiting_list.delay_on_commit(cohort.pk)
    return cohort


def cohort_cancel(*, admin: User, cohort_id: int, reason: str) -> Cohort:
    """Cancels the cohort and releases every applicant to it, each told why."""
    if not reason.strip():
        raise EnrolmentError("Give the reason for cancelling: every applicant is told it.")
    with transaction.atomic():
        cohort = _admin_cohort_locked(admin, cohort_id)
        if cohort.status == Cohort.Status.CANCELLED:
            raise EnrolmentError("This cohort is already cancelled.")
        cohort.status = Cohort.Status.CANCELLED
        cohort.save(update_fields=["status"])
        affected = Application.objects.select_for_update().filter(cohort=cohort, status__in=ACTIVE)
        for application in affected:
            application_transition(
                application, Application.Status.COHORT_CANCELLED, actor=admin, reason=reason.strip()
            )
        audit_record(
            action=AuditEntry.Action.COHORT_CANCELLED,
            actor=admin,
            target=cohort,
            summary=f"{len(affected)} application(s) released",
        )
    return cohort


def cohorts_advance_schedule(*, now=None) -> int:
    """Sets every live cohort's stored status to the one its dates give, in a fixed number of UPDATEs.

    It looks only at dates, not at what ran before, so a run after a day with beat stopped catches up at once,
    and a second run changes nothing.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    live = Cohort.objects.exclude(status__in=[Cohort.Status.CANCELLED, Cohort.Status.FINISHED])
    steps = [
        (Cohort.Status.FINISHED, Q(ends_on__lt=today)),
        (Cohort.Status.RUNNING, Q(starts_on__lte=today, ends_on__gte=today)),
        (Cohort.Status.CLOSED, Q(starts_on__gt=today, applications_close_at__lte=now)),
        (Cohort.Status.OPEN, Q(starts_on__gt=today, applications_open_at__lte=now, applications_close_at__gt=now)),
    ]
    changed = 0
    with transaction.atomic():
        for status, due in steps:
            changed += live.filter(due).exclude(status=status).update(status=status)
    return changed


def _admin_cohort_locked(admin: User, cohort_id: int) -> Cohort:
    if not cohorts_changeable_by(admin).filter(pk=cohort_id).exists():
        raise EnrolmentError("There is no such cohort.")
    return cohort_lock(cohort_id=cohort_id)
