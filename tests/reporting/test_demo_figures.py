"""Demo records are kept out of every real figure: a real system's dashboard, the national view, funded schemes.
A demo system's dashboard shows its own demo figures and says they are demo; the national view ranks demo systems
apart, under a Demo heading. (The known data set's figures are in conftest.py.)"""

import pytest
from django.urls import reverse

from enrolment.models import Status
from reporting.selectors import all_allocations, scheme_progress
from reporting.services import reports_refresh
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import IntegratedCareSystemFactory, OrganisationFactory, UserFactory
from tests.programmes.factories import FundedSchemeFactory, SchemeAllocationFactory
from tests.reporting.factories import application, months_ago, staff_member

pytestmark = pytest.mark.django_db

KNOWN_RIVERSIDE = [("Applications", "5"), ("Offers", "3"), ("Enrolments", "3"), ("Completions", "2")]
KNOWN_NATIONAL = [("Applications", "7"), ("Offers", "4"), ("Enrolments", "5"), ("Completions", "2")]


@pytest.fixture
def demo(known):
    """Accepted places every way a demo record can take part, in Riverside, and a demo system with two."""
    demo_cohort = CohortFactory(programme=known.alpha, capacity=50, is_demo=True)
    real_cohort = CohortFactory(programme=known.alpha, capacity=50)
    accepted = {"applied": months_ago(1)}
    application(staff_member(known.hospital), demo_cohort, Status.ACCEPTED, **accepted)  # a real person
    demo_person = staff_member(known.hospital)
    demo_person.is_demo = True
    demo_person.save()
    application(demo_person, real_cohort, Status.ACCEPTED, **accepted)  # a demo person, a real organisation
    demo_trust = OrganisationFactory(name="Made-up trust", ics=known.riverside, is_demo=True)
    application(staff_member(known.hospital), real_cohort, Status.ACCEPTED, organisation=demo_trust, **accepted)
    made_up = IntegratedCareSystemFactory(slug="made-up", name="Made-up ICS", region=known.north_west, is_demo=True)
    made_up_trust = OrganisationFactory(name="Made-up ICS trust", ics=made_up, is_demo=True)
    for _ in range(2):
        application(staff_member(made_up_trust), demo_cohort, Status.ACCEPTED, **accepted)
    reports_refresh()
    return made_up


def report(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.content.decode()
    return response


def test_a_real_systems_dashboard_counts_no_demo_record(client, known, demo):
    response = report(client, known.lead, reverse("reporting:ics_dashboard", args=[known.riverside.slug]))

    assert response.context["totals_list"] == KNOWN_RIVERSIDE
    assert "Made-up trust" not in response.content.decode()


def test_the_national_view_counts_no_demo_record_and_ranks_demo_systems_apart(client, known, demo):
    response = report(client, known.national_admin, reverse("reporting:national"))

    assert response.context["totals_list"] == KNOWN_NATIONAL
    systems = next(table for table in response.context["ranking_tables"] if table.slug == "systems")
    assert "Made-up ICS" not in [row[1].text for row in systems.rows]
    north_west = next(table for table in response.context["ranking_tables"] if table.slug == "regions").rows[0]
    assert [cell.text for cell in north_west[1:3]] == ["North West", "6"]
    demo_table = response.context["demo_table"]
    assert [[cell.text for cell in row][1:4] for row in demo_table.rows] == [["Made-up ICS", "North West", "2"]]
    assert "Demo" in demo_table.title
    assert 'id="demo">Demo systems <strong class="nhsuk-tag nhsuk-tag--yellow">Demo</strong>' in (
        response.content.decode()
    )


def test_a_demo_systems_dashboard_shows_its_demo_figures_and_says_so(client, known, demo):
    response = report(client, UserFactory(national_admin=True), reverse("reporting:ics_dashboard", args=[demo.slug]))

    assert response.context["totals_list"] == [
        ("Applications", "2"),
        ("Offers", "2"),
        ("Enrolments", "2"),
        ("Completions", "0"),
    ]
    assert "every figure on this page comes from demo data" in response.content.decode()


def test_funded_schemes_count_no_demo_enrolment(known, demo):
    SchemeAllocationFactory(
        scheme=FundedSchemeFactory(name="Alpha in Riverside", programmes=[known.alpha]),
        area_name="Riverside",
        region=None,
        ics=known.riverside,
        target_leaders=100,
    )

    (progress,) = scheme_progress(allocations=all_allocations(), today=months_ago(0).date())
    (demo_progress,) = scheme_progress(allocations=all_allocations(), today=months_ago(0).date(), demo=True)

    assert progress.enrolled == 1  # a1, the known data set's one accepted Alpha place in Riverside
    assert demo_progress.enrolled == 3
