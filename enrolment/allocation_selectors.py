"""Reads of allocations and nominations for the pages: a cohort's ledger, a nominator's allocations."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from .allocations import LAPSED
from .models import PLACE_HOLDING, Application, Cohort, PlaceAllocation
from .permissions import nominator_allocations

LIVE = ~Q(nominations__application__status__in=LAPSED)


def with_counts(allocations: QuerySet) -> QuerySet:
    """Annotates each allocation's live nominations and places taken, in the same query."""
    return allocations.annotate(
        nominated=Count("nominations", filter=LIVE, distinct=True),
        taken=Count("places_taken", filter=Q(places_taken__status__in=PLACE_HOLDING), distinct=True),
    ).select_related("ics", "organisation", "nominator", "scheme")


@dataclass(frozen=True)
class Ledger:
    capacity: int
    allocations: list
    open_places: int
    open_taken: int

    @property
    def allocated(self) -> int:
        return sum(allocation.places for allocation in self.allocations)


def cohort_ledger(cohort: Cohort) -> Ledger:
    """The cohort's places: each allocation's (with its nominations and places taken) and the open pool's."""
    allocations = list(with_counts(cohort.allocations.all()))
    allocated = sum(allocation.places for allocation in allocations)
    open_taken = Application.objects.filter(
        cohort=cohort, status__in=PLACE_HOLDING, place_allocation__isnull=True
    ).count()
    return Ledger(
        capacity=cohort.capacity,
        allocations=allocations,
        open_places=cohort.capacity - allocated,
        open_taken=open_taken,
    )


def nominator_page_allocations(user) -> list[PlaceAllocation]:
    """The allocations the user nominates for, with counts, their cohorts and the people nominated."""
    return list(
        with_counts(nominator_allocations(user))
        .select_related("cohort__programme", "cohort__academy")
        .prefetch_related("nominations")
        .order_by("cohort__starts_on", "pk")
    )
