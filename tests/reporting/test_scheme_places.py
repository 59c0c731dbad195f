"""Funded schemes' places on the ICS dashboard and the national view, against a hand count.

Scheme "Places fund" (£10,000; Riverside's share £5,000 and 10 leaders, Thames's 5 leaders) funds Alpha.

    allocation  cohort (fee)     area                      places  nominations (application, charged to it)
    r1          priced (£1,000)  Riverside ICS             4       n1 none; n2 offered; n3 accepted; n4 withdrawn
    r2          free (no fee)    Riverside Hospital (org)  2       n5 completed
    t1          priced (£1,000)  Thames ICS                5       n6 accepted
    plain       priced (£1,000)  Riverside ICS (no scheme) 1       -   (paid by no scheme: not counted)

Riverside: allocated 6, nominated 4 (n4 lapsed), offered 3 (n2, n3, n5), taken 2 (n3, n5), released 0, spend
£1,000 (n3; n5's cohort states no fee), 20% of £5,000, 60% of the target of 10 if every place is taken.
National: allocated 11, nominated 5, offered 4, taken 3, spend £2,000 of £10,000, target 15, 73%.
"""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from enrolment.models import Cohort, Status
from reporting.scheme_places import national_scheme_places, system_scheme_places
from reporting.tables.scheme_places import projection_text, spend_text
from tests.enrolment.allocation_factories import NominationFactory, PlaceAllocationFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.programmes.factories import FundedSchemeFactory, SchemeAllocationFactory

pytestmark = pytest.mark.django_db

RIVERSIDE_ROW = [
    "Places fund",
    "6",
    "4",
    "3",
    "2",
    "0",
    "£1,000.00 (fee not stated for 1 of the places taken)",
    "£5,000.00 (20.0% spent)",
    "10",
    "60% of the target if every allocated place is taken: 4 places short",
]
NATIONAL_ROW = [
    "Places fund",
    "11",
    "5",
    "4",
    "3",
    "0",
    "£2,000.00 (fee not stated for 1 of the places taken)",
    "£10,000.00 (20.0% spent)",
    "15",
    "73% of the target if every allocated place is taken: 4 places short",
]


def nominate(allocation, status=None):
    """A nomination for the allocation; with `status`, its application, charged to the allocation once offered."""
    application = None
    if status is not None:
        holds = status in (Status.OFFERED, Status.ACCEPTED, Status.COMPLETED)
        application = ApplicationFactory(
            cohort=allocation.cohort,
            offered=holds,
            status=status,
            place_allocation=allocation if holds else None,
        )
    return NominationFactory(allocation=allocation, application=application)


@pytest.fixture
def places(known):
    scheme = FundedSchemeFactory(name="Places fund", amount_gbp=Decimal("10000"), programmes=[known.alpha])
    SchemeAllocationFactory(
        scheme=scheme, area_name="Riverside", ics=known.riverside, amount_gbp=Decimal("5000"), target_leaders=10
    )
    SchemeAllocationFactory(scheme=scheme, area_name="Thames", ics=known.thames, amount_gbp=None, target_leaders=5)
    priced = CohortFactory(programme=known.alpha, fee=Decimal("1000"), capacity=20)
    free = CohortFactory(programme=known.alpha, fee=None, capacity=20)
    r1 = PlaceAllocationFactory(cohort=priced, ics=known.riverside, places=4, scheme=scheme)
    for status in (None, Status.OFFERED, Status.ACCEPTED, Status.WITHDRAWN):
        nominate(r1, status)
    r2 = PlaceAllocationFactory(cohort=free, ics=None, organisation=known.hospital, places=2, scheme=scheme)
    nominate(r2, Status.COMPLETED)
    nominate(PlaceAllocationFactory(cohort=priced, ics=known.thames, places=5, scheme=scheme), Status.ACCEPTED)
    nominate(PlaceAllocationFactory(cohort=priced, ics=None, organisation=known.gp, places=1), Status.ACCEPTED)
    return scheme


def test_the_systems_figures_match_the_hand_count(known, places):
    (row,) = system_scheme_places(known.riverside)

    assert (row.allocated, row.nominated, row.offered, row.taken, row.released) == (6, 4, 3, 2, 0)
    assert (row.spend, row.unpriced, row.amount, row.target) == (Decimal("1000"), 1, Decimal("5000"), 10)


def test_the_national_roll_up_matches_the_hand_count(places):
    (row,) = national_scheme_places()

    assert (row.allocated, row.nominated, row.offered, row.taken, row.released) == (11, 5, 4, 3, 0)
    assert (row.spend, row.amount, row.target) == (Decimal("2000"), Decimal("10000"), 15)


def test_the_ics_dashboard_shows_each_schemes_places(client, known, places):
    client.force_login(known.lead)

    response = client.get(reverse("reporting:ics_dashboard", args=[known.riverside.slug]))

    table = response.context["scheme_places_table"]
    assert [[cell.text for cell in row] for row in table.rows] == [RIVERSIDE_ROW]
    assert "60% of the target if every allocated place is taken" in response.content.decode()


def test_the_national_view_rolls_the_places_up(client, known, places):
    client.force_login(known.national_admin)

    response = client.get(reverse("reporting:national"))

    assert [[cell.text for cell in row] for row in response.context["scheme_places_table"].rows] == [NATIONAL_ROW]


@pytest.mark.parametrize(
    ("who", "url_name", "args", "expected"),
    [
        ("lead", "reporting:ics_export", ["riverside", "scheme_places"], RIVERSIDE_ROW),
        ("national_admin", "reporting:national_export", ["scheme_places"], NATIONAL_ROW),
    ],
)
def test_each_is_a_csv(client, known, places, who, url_name, args, expected):
    client.force_login(getattr(known, who))

    response = client.get(reverse(url_name, args=args))

    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0][0] == "Scheme"
    assert rows[1:] == [expected]


def test_another_systems_lead_cannot_export_them(client, known, places):
    client.force_login(known.other_lead)

    response = client.get(reverse("reporting:ics_export", args=["riverside", "scheme_places"]))

    assert response.status_code == 404


def test_a_scheme_name_is_neutralised_in_the_csv(client, known, places):
    places.name = "=HYPERLINK(1)"
    places.save()
    client.force_login(known.national_admin)

    response = client.get(reverse("reporting:national_export", args=["scheme_places"]))

    assert "'=HYPERLINK(1)" in response.content.decode()


def test_no_fee_stated_anywhere_says_not_stated_and_no_target_says_so(known, places):
    Cohort.objects.update(fee=None)
    places.allocations.update(target_leaders=None)

    (row,) = system_scheme_places(known.riverside)

    assert spend_text(row) == "Not stated"
    assert projection_text(row) == "No target stated"


def test_the_query_count_does_not_grow_with_the_allocations(
    client, known, places, django_assert_max_num_queries
):
    client.force_login(known.national_admin)
    url = reverse("reporting:national_export", args=["scheme_places"])
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(4):
        other = FundedSchemeFactory(programmes=[known.alpha])
        allocation = PlaceAllocationFactory(ics=known.riverside, places=2, scheme=other)
        nominate(allocation, Status.ACCEPTED)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
