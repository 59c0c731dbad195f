"""Reads of allocations and nominations for the pages: a cohort's ledger, a nominator's allocations."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from portal.models import User

from .allocations import LAPSED
from .models import PLACE_HOLDING, Application, Cohort, PlaceAllocation
from .permissions import nominator_allocations

LIVE = ~Q(nominations__application__status__in=LAPSED)

# The most people of an area the nominate page lists for each allocation; anyone else is nominated by e-mail.
PEOPLE_LISTED = 50


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


def _people_of(area: str, ids: set[int]) -> dict[tuple[int, bool], list[User]]:
    """The first PEOPLE_LISTED active people (by name) of each of these areas (an organisation or an ICS, by the
    profile's `area` path) and each of real and demo, in one query."""
    if not ids:
        return {}
    key = F(f"profile__{area}")
    people = (
        User.objects.filter(is_active=True, erased_at__isnull=True, **{f"profile__{area}__in": ids})
        .annotate(
            area_id=key,
            row=Window(RowNumber(), partition_by=[key, F("is_demo")], order_by=[F("full_name"), F("pk")]),
        )
        .filter(row__lte=PEOPLE_LISTED)
        .only("email", "full_name", "is_demo")
        .order_by("full_name", "pk")
    )
    found = {}
    for person in people:
        found.setdefault((person.area_id, person.is_demo), []).append(person)
    return found


def nominable_people(allocations) -> dict[int, list[User]]:
    """For each allocation, up to PEOPLE_LISTED people working in its area to pick from: of its organisation, or
    of its ICS's organisations; real people for a real cohort, demo people for a demo one. Two queries, however
    many allocations and people."""
    by_organisation = _people_of("organisation_id", {a.organisation_id for a in allocations if a.organisation_id})
    by_ics = _people_of("organisation__ics_id", {a.ics_id for a in allocations if a.ics_id})
    people = {}
    for allocation in allocations:
        found, area = (
            (by_organisation, allocation.organisation_id)
            if allocation.organisation_id
            else (
                by_ics,
                allocation.ics_id,
            )
        )
        people[allocation.pk] = found.get((area, allocation.cohort.is_demo), [])
    return people
