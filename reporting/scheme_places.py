"""Funded schemes' places: the cohort places each scheme pays for (PlaceAllocation.scheme), how far they have got
(allocated, nominated, offered, taken, released), what they cost against the scheme's amount, and where they leave
the target. Read live from the ledger, in two queries however many allocations and schemes there are.

Offered: places offered and still held (waiting for an answer, accepted or completed); taken: places accepted
(completed or not). Spend: the cohort's fee times the places taken, where the academy states a fee.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from enrolment.allocations import LAPSED
from enrolment.models import PARTICIPANTS, PLACE_HOLDING, PlaceAllocation
from portal.models import IntegratedCareSystem
from programmes.models import FundedScheme, SchemeAllocation


@dataclass
class SchemePlaces:
    """One scheme's places in one area (a system) or the whole country."""

    scheme: FundedScheme
    amount: Decimal | None  # the scheme's money for the area; None: not stated
    target: int | None  # leaders the area aims to develop; None: not stated
    allocated: int = 0
    nominated: int = 0
    offered: int = 0
    taken: int = 0
    released: int = 0
    spend: Decimal = Decimal("0")
    unpriced: int = 0  # places taken in cohorts that state no fee
    priced: bool = False  # some allocation's cohort states a fee

    def add(self, allocation: PlaceAllocation) -> None:
        self.allocated += allocation.places
        self.nominated += allocation.nominated
        self.offered += allocation.offered
        self.taken += allocation.taken
        self.released += allocation.released_places
        fee = allocation.cohort.fee
        if fee is None:
            self.unpriced += allocation.taken
        else:
            self.priced = True
            self.spend += fee * allocation.taken


def _counted(allocations: QuerySet) -> QuerySet:
    return allocations.annotate(
        nominated=Count("nominations", filter=~Q(nominations__application__status__in=LAPSED), distinct=True),
        offered=Count("places_taken", filter=Q(places_taken__status__in=PLACE_HOLDING), distinct=True),
        taken=Count("places_taken", filter=Q(places_taken__status__in=PARTICIPANTS), distinct=True),
    ).select_related("scheme", "cohort")


def _rolled_up(allocations: QuerySet, shares: dict) -> list[SchemePlaces]:
    """`shares`: {scheme id: (amount, target)} for the area."""
    found: dict[int, SchemePlaces] = {}
    for allocation in _counted(allocations):
        scheme = allocation.scheme
        if scheme.pk not in found:
            found[scheme.pk] = SchemePlaces(scheme, *shares.get(scheme.pk, (None, None)))
        found[scheme.pk].add(allocation)
    return sorted(found.values(), key=lambda row: row.scheme.name)


def system_scheme_places(ics: IntegratedCareSystem) -> list[SchemePlaces]:
    """The schemes paying for places allocated to the system or its organisations, with the system's share of
    each scheme (its SchemeAllocation's amount and target). A demo system's demo schemes, a real one's real."""
    allocations = PlaceAllocation.objects.filter(
        Q(ics=ics) | Q(organisation__ics=ics), scheme__isnull=False, scheme__is_demo=ics.is_demo
    )
    shares = {
        share.scheme_id: (share.amount_gbp, share.target_leaders)
        for share in SchemeAllocation.objects.filter(ics=ics).order_by("scheme_id", "pk")
    }
    return _rolled_up(allocations, shares)


def national_scheme_places() -> list[SchemePlaces]:
    """Every real scheme's allocated places rolled up, against the scheme's whole amount and its areas' targets
    added up (None where no area states one)."""
    schemes = FundedScheme.objects.filter(is_demo=False).annotate(
        targets=Count("allocations", filter=Q(allocations__target_leaders__isnull=False)),
        target=Sum("allocations__target_leaders"),
    )
    shares = {scheme.pk: (scheme.amount_gbp, scheme.target if scheme.targets else None) for scheme in schemes}
    return _rolled_up(PlaceAllocation.objects.filter(scheme__isnull=False, scheme__is_demo=False), shares)
