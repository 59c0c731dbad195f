"""A walk of the public pages over the real catalogue finds none of the claims the sources do not make."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from academies.models import Academy
from programmes.models import Programme
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

# Claims an earlier catalogue made that its sources (../shared/seeds/catalogue-facts.md) do not.
CLAIMS_BEYOND_THE_SOURCES = [
    "every level from first-line leader to chief executive",
    "own declaration",
    "(all of ",  # a locality shown as a whole region
    "for first-level leaders",  # Mary Seacole: the source does not say who it is for
    "By application to a cohort",  # how a programme is joined is an academy's fact, not the catalogue's
    "To join, contact",  # a body the sources may not name as running the programme
]


@pytest.fixture
def real_catalogue():
    call_command("load_catalogue", verbosity=0)


def claims_on(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    return [claim for claim in CLAIMS_BEYOND_THE_SOURCES if claim in text]


def test_the_home_about_and_academy_pages_make_no_claim_beyond_the_sources(client, real_catalogue):
    urls = [reverse("home"), reverse("about"), reverse("academies:list"), reverse("programmes:list")]
    urls += [reverse("academies:detail", args=[slug]) for slug in Academy.objects.values_list("slug", flat=True)]

    assert {url: claims_on(client, url) for url in urls} == dict.fromkeys(urls, [])


def test_the_national_view_shows_no_locality_as_a_whole_region(client, real_catalogue):
    client.force_login(UserFactory(national_admin=True))

    table = client.get(reverse("reporting:national")).context["scheme_table"]

    areas = {row[1].text for row in table.rows}
    assert {"Central Lancashire", "Nottingham", "Barnet & Enfield"} <= areas
    assert not [area for area in areas if "all of" in area]


def test_no_programme_page_makes_a_claim_beyond_the_sources(client, real_catalogue):
    urls = [programme.get_absolute_url() for programme in Programme.objects.all()]

    assert {url: claims_on(client, url) for url in urls} == dict.fromkeys(urls, [])
