"""Release: on the day the academy sets (PlaceAllocation.release_on), an allocation's places nobody uses (neither
taken nor held by a live nomination) go back to the open pool, and the waiting list moves. The beat task
(tasks.release_allocations) runs allocations_release_due; each allocation is released once, stamped released_at
under the cohort lock, so a re-run, or two at once, leaves it alone."""

from datetime import date

from django.db import transaction
from django.utils import formats, timezone

from enrolment import tasks
from enrolment.models import Cohort, EnrolmentError, PlaceAllocation
from enrolment.permissions import cohorts_changeable_by
from portal.audit import audit_record
from portal.models import AuditEntry, User

from .allocations import AllocationRefused, taken_places
from .locking import cohort_lock


class ReleaseDateRefused(AllocationRefused):
    def __init__(self, message: str):
        super().__init__(message, "release_on")


def _release_date_refusal(allocation: PlaceAllocation, cohort: Cohort, release_on: date | None):
    if allocation.released_at:
        day = formats.date_format(timezone.localtime(allocation.released_at), "j F Y")
        return ReleaseDateRefused(f"These places were already released on {day}.")
    if release_on is None:
        return None
    if release_on < timezone.localdate():
        return ReleaseDateRefused("The release date must be today or later")
    if release_on > cohort.last_joining_day:
        last = formats.date_format(cohort.last_joining_day, "j F Y")
        return ReleaseDateRefused(f"The release date must be on or before {last}, the last day to join")
    return None


def allocation_release_date_set(*, admin: User, allocation_id: int, release_on: date | None) -> PlaceAllocation:
    """Sets (or, with None, clears) the day the allocation's unused places go back to the open pool: from today
    to the cohort's last day to join, and only before they have been released."""
    with transaction.atomic():
        found = PlaceAllocation.objects.filter(pk=allocation_id, cohort__in=cohorts_changeable_by(admin)).first()
        if found is None:
            raise EnrolmentError("There is no such allocation.")
        cohort = cohort_lock(cohort_id=found.cohort_id)
        allocation = PlaceAllocation.objects.get(pk=allocation_id)
        refusal = _release_date_refusal(allocation, cohort, release_on)
        if refusal:
            raise refusal
        allocation.release_on = release_on
        allocation.save(update_fields=["release_on"])
        audit_record(
            action=AuditEntry.Action.COHORT_UPDATED,
            actor=admin,
            target=cohort,
            summary=f"allocation {allocation.pk}: release on {release_on or 'no date'}",
        )
    return allocation


def allocations_release_due(*, today: date | None = None) -> int:
    """Releases every allocation whose release date has come and that is not yet released; returns how many
    places went back to the open pool."""
    today = today or timezone.localdate()
    due = PlaceAllocation.objects.filter(release_on__lte=today, released_at__isnull=True)
    return sum(_release(pk, cohort_id) for pk, cohort_id in due.values_list("pk", "cohort_id"))


@transaction.atomic
def _release(allocation_id: int, cohort_id: int) -> int:
    cohort = cohort_lock(cohort_id=cohort_id)
    allocation = PlaceAllocation.objects.get(pk=allocation_id)
    if allocation.released_at:  # another run released it first
        return 0
    used = max(taken_places(cohort, allocation), allocation.nominations.live().count())
    released = max(allocation.places - used, 0)
    allocation.places -= released
    allocation.released_places = released
    allocation.released_at = timezone.now()
    allocation.save(update_fields=["places", "released_places", "released_at"])
    audit_record(
        action=AuditEntry.Action.COHORT_UPDATED,
        actor_label="Portal",
        target=cohort,
        summary=f"allocation {allocation.pk}: {released} unused places released to the open pool",
    )
    if released:
        tasks.promote_waiting_list.enqueue_on_commit(cohort.pk)
    return released
