"""A cohort's ledger of places: allocations to ICSs and organisations plus the open pool make its capacity, and
each place held is charged to one of them. Everything here that reads the ledger to change it runs under the
cohort lock (locking.cohort_lock), as every change of who holds a place does, so no allocation or pool is
overspent, however many requests arrive at once.
"""

from django.db import transaction
from django.db.models import Count, Sum

from enrolment.models import PLACE_HOLDING, Application, Cohort, EnrolmentError, Nomination, PlaceAllocation
from enrolment.permissions import cohorts_changeable_by
from portal.audit import audit_record
from portal.models import AuditEntry, IntegratedCareSystem, Organisation, User
from programmes.models import FundedScheme

from .locking import cohort_lock


class PoolFull(EnrolmentError):
    """Every place of the allocation, or of the open pool, the application's place would be charged to is held."""


class AllocationRefused(EnrolmentError):
    """An allocation the cohort's ledger cannot take: `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = "places"):
        super().__init__(message)
        self.problems = {field: message}


def allocated_places(cohort: Cohort, *, excluding: PlaceAllocation | None = None) -> int:
    allocations = cohort.allocations.exclude(pk=excluding.pk) if excluding else cohort.allocations.all()
    return allocations.aggregate(total=Sum("places"))["total"] or 0


def taken_places(cohort: Cohort, allocation: PlaceAllocation | None) -> int:
    """Places held and charged to `allocation`, or to the open pool when it is None."""
    return cohort.applications.filter(status__in=PLACE_HOLDING, place_allocation=allocation).count()


def charged_allocation(application: Application, cohort: Cohort) -> PlaceAllocation | None:
    """The allocation a place of `cohort` offered to the application is charged to: its nomination's, when it was
    nominated for this cohort; else a ring-fenced allocation of the cohort with room whose rule the applicant
    declared; otherwise none, the open pool. A ring-fenced place is so charged only to a declarant. Read it only
    while holding the cohort lock."""
    nomination = Nomination.objects.filter(application=application).select_related("allocation").first()
    if nomination is not None and nomination.allocation.cohort_id == cohort.pk:
        return nomination.allocation
    declared = cohort.allocations.filter(declarations__application=application).exclude(ring_fence_rule="")
    return next((allocation for allocation in declared.order_by("pk") if pool_room(cohort, allocation) > 0), None)


def pool_room(cohort: Cohort, allocation: PlaceAllocation | None) -> int:
    """Places left in the allocation, or in the open pool; read it only while holding the cohort lock."""
    size = allocation.places if allocation else cohort.capacity - allocated_places(cohort)
    return size - taken_places(cohort, allocation)


def place_refusal(application: Application, cohort: Cohort) -> PoolFull | None:
    """Why the application cannot be offered a place of `cohort` now, or None; the caller holds the cohort lock."""
    allocation = charged_allocation(application, cohort)
    if pool_room(cohort, allocation) > 0:
        return None
    if allocation is None:
        return PoolFull(f"{cohort.name} is full. Put the applicant on the waiting list instead.")
    return PoolFull(
        f"All {allocation.places} places of {cohort.name} allocated to {allocation.area} are taken. "
        "Put the applicant on the waiting list instead."
    )


def capacity_refusal(cohort: Cohort, capacity: int) -> str | None:
    """Why the cohort's capacity cannot become `capacity`: it must hold every allocation and the places taken from
    the open pool. The caller holds the cohort lock."""
    allocated = allocated_places(cohort)
    if not allocated:
        held = taken_places(cohort, None)
        if capacity < held:
            return f"{held} places are already accepted or offered, so the capacity cannot go below {held}."
        return None
    least = allocated + taken_places(cohort, None)
    if capacity < least:
        return (
            f"{allocated} places are allocated and {least - allocated} taken from the open pool, so the capacity "
            f"cannot go below {least}."
        )
    return None


def allocation_set(
    *,
    admin: User,
    cohort_id: int,
    places: int,
    ics: IntegratedCareSystem | None = None,
    organisation: Organisation | None = None,
    nominator: User | None = None,
    scheme: FundedScheme | None = None,
    per_nominator: int | None = None,
) -> PlaceAllocation:
    """Allocates `places` of the cohort to an ICS (whose ICS leads nominate) or to an organisation (whose named
    `nominator` does), or changes the number it has, the funded `scheme` that pays for them and how many of them
    any one nominator may nominate (`per_nominator`, None for no limit). The cohort's capacity must hold every
    allocation and the places taken from the open pool; an allocation cannot go below the places taken from it or
    the people nominated for it; the scheme must fund the cohort's programme, and be demo only for a demo cohort."""
    if (ics is None) == (organisation is None):
        raise AllocationRefused("Choose an ICS or an organisation to allocate places to", None)
    if organisation is not None and nominator is None:
        raise AllocationRefused("Enter the e-mail address of who nominates for the organisation", "nominator")
    if places < 0:
        raise AllocationRefused("The number of places must be 0 or more")
    with transaction.atomic():
        cohort = allocatable_cohort_lock(admin=admin, cohort_id=cohort_id)
        allocation = cohort.allocations.filter(ics=ics, organisation=organisation).first()
        allocation = allocation or PlaceAllocation(cohort=cohort, ics=ics, organisation=organisation)
        _check_places(cohort, allocation, places)
        _check_terms(cohort, allocation, scheme, per_nominator)
        allocation.places = places
        allocation.nominator = nominator if organisation is not None else None
        allocation.scheme = scheme
        allocation.per_nominator = per_nominator
        allocation.save()
        audit_record(
            action=AuditEntry.Action.COHORT_UPDATED,
            actor=admin,
            target=cohort,
            summary=f"allocation {allocation.pk}: {places} places",
        )
    return allocation


def allocatable_cohort_lock(*, admin: User, cohort_id: int) -> Cohort:
    """The cohort, locked, if the admin's academy may change it and it is not cancelled; inside a transaction."""
    if not cohorts_changeable_by(admin).filter(pk=cohort_id).exists():
        raise EnrolmentError("There is no such cohort.")
    cohort = cohort_lock(cohort_id=cohort_id)
    if cohort.status == Cohort.Status.CANCELLED:
        raise EnrolmentError("This cohort is cancelled, so its places can no longer be allocated.")
    return cohort


def _check_places(cohort: Cohort, allocation: PlaceAllocation, places: int) -> None:
    """The ledger's rules for giving the allocation `places`; the caller holds the cohort lock."""
    if allocation.pk:
        taken = taken_places(cohort, allocation)
        nominated = allocation.nominations.live().count()
        if places < max(taken, nominated):
            raise AllocationRefused(
                f"{taken} places of this allocation are taken and {nominated} people nominated for it, so it "
                f"cannot go below {max(taken, nominated)}"
            )
    free = cohort.capacity - allocated_places(cohort, excluding=allocation) - taken_places(cohort, None)
    if places > free:
        raise AllocationRefused(
            f"Only {max(free, 0)} more places can be allocated: the cohort has {cohort.capacity}, and the rest are "
            "allocated or taken from the open pool"
        )


def _check_terms(
    cohort: Cohort, allocation: PlaceAllocation, scheme: FundedScheme | None, per_nominator: int | None
) -> None:
    """Who pays (a scheme funding the cohort's programme, demo with demo only) and the limit of each nominator,
    which cannot go below what one nominator has nominated already; the caller holds the cohort lock."""
    if scheme is not None and not scheme.programmes.filter(pk=cohort.programme_id).exists():
        raise AllocationRefused(f"{scheme.name} does not fund {cohort.programme}: choose a scheme that does", "scheme")
    if scheme is not None and scheme.is_demo != cohort.is_demo:
        kind = "a demo" if scheme.is_demo else "a real"
        raise AllocationRefused(f"{scheme.name} is {kind} scheme: it cannot pay for this cohort's places", "scheme")
    if per_nominator is not None and per_nominator < 1:
        raise AllocationRefused("The number each nominator may nominate must be 1 or more", "per_nominator")
    if per_nominator is None or not allocation.pk:
        return
    most = (
        allocation.nominations.live()
        .values("nominated_by")
        .annotate(count=Count("pk"))
        .order_by("-count")
        .values_list("count", flat=True)
        .first()
    ) or 0
    if per_nominator < most:
        raise AllocationRefused(
            f"One nominator has already nominated {most} people for this allocation, so each nominator's limit "
            f"cannot go below {most}",
            "per_nominator",
        )
