"""The academy directory groups local academies by region; an academy's page lists its programmes and cohorts."""

import re

import pytest
from django.urls import reverse

from academies.models import Academy
from tests.academies.factories import AcademyFactory
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import RegionFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def headings(html: str) -> list[str]:
    """The h2 and h3 headings of the page's main content."""
    main = html[html.index("<main") : html.index("</main>")]
    return [text.strip() for text in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", main, re.DOTALL)]


def test_the_directory_lists_academies_by_kind_and_local_academies_under_their_region(client):
    national = AcademyFactory(name="National Academy")
    north, south = RegionFactory(name="North"), RegionFactory(name="South")
    AcademyFactory(name="Northern Academy", local_partner=True, parent=national, region=north)
    AcademyFactory(name="Southern Academy", local_partner=True, parent=national, region=south)
    AcademyFactory(name="Coastal Academy", local_partner=True, parent=national, region=north)
    AcademyFactory(name="Valley System Academy", kind=Academy.Kind.SYSTEM_ACADEMY)
    AcademyFactory(name="College of Leaders", kind=Academy.Kind.OTHER_PROVIDER)

    html = client.get(reverse("academies:list")).content.decode()

    assert headings(html) == [
        "The national academy",
        "Local leadership academies, by region",
        "North",
        "South",
        "System academies",
        "Other providers",
    ]
    assert html.index("Coastal Academy") < html.index("Northern Academy") < html.index("South</h3>")


def test_the_directory_counts_the_programmes_an_academy_provides_and_delivers(client):
    local = AcademyFactory(name="Northern Academy", local_partner=True)
    ProgrammeFactory(provider=local)
    ProgrammeFactory(delivering_academies=[local])

    html = client.get(reverse("academies:list")).content.decode()

    assert re.search(r"Northern Academy</a>\s*<span[^>]*>\(2 programmes\)", html)


def test_an_academy_page_lists_the_programmes_it_provides_and_delivers_and_its_upcoming_cohorts(client):
    academy = AcademyFactory(name="Northern Academy", local_partner=True)
    provided = ProgrammeFactory(title="Own course", provider=academy)
    delivered = ProgrammeFactory(title="National course", delivering_academies=[academy])
    cohort = CohortFactory(programme=delivered, academy=academy, name="Autumn cohort", capacity=15)
    CohortFactory(programme=delivered, name="Someone else's cohort")

    html = client.get(reverse("academies:detail", args=[academy.slug])).content.decode()

    assert f'href="{provided.get_absolute_url()}"' in html
    assert f'href="{delivered.get_absolute_url()}"' in html
    assert "Autumn cohort" in html and "15 of 15" in html
    assert reverse("programmes:cohort_calendar", args=[delivered.slug, cohort.pk]) in html
    assert "Someone else" not in html


def test_an_academy_with_many_cohorts_shows_the_ten_soonest_and_links_to_a_page_of_them_all(client):
    academy = AcademyFactory(name="Northern Academy")
    programme = ProgrammeFactory(title="Ward leadership", provider=academy)
    for day in range(23):
        CohortFactory(
            programme=programme, academy=academy, name=f"Cohort starting on day {60 + day}", starts_in_days=60 + day
        )
    CohortFactory(name="Another academy's cohort")
    all_cohorts = reverse("academies:cohorts", args=[academy.slug])

    html = client.get(reverse("academies:detail", args=[academy.slug])).content.decode()
    first, last = client.get(all_cohorts).content.decode(), client.get(all_cohorts, {"page": 2}).content.decode()

    assert "Cohort starting on day 69" in html and "Cohort starting on day 70" not in html
    assert f'href="{all_cohorts}">See all 23 upcoming cohorts' in html
    assert "23 upcoming cohorts, soonest first" in first and "Northern Academy" in first
    assert "Cohort starting on day 79" in first and "Cohort starting on day 80" not in first
    assert "Cohort starting on day 82" in last
    assert "Another academy" not in html + first + last


def test_the_cohorts_page_of_an_academy_that_does_not_exist_is_404(client):
    assert client.get(reverse("academies:cohorts", args=["no-such-academy"])).status_code == 404
