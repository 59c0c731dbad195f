"""The public catalogue API: programmes with their facets and sources, academies, and upcoming cohorts with places
left and sessions; the catalogue page's filters; pages; ETags and the page cache; bad parameters as 400 problems.
Every response is checked against the generated schema."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enrolment.models import CohortSession
from programmes.models import Programme
from tests.academies.factories import AcademyFactory
from tests.api.conformance import assert_conforms
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import SourceDocumentFactory
from tests.programmes.factories import CareerStageFactory, FrameworkElementFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

PROGRAMMES = "/api/v1/programmes/"
COHORTS = "/api/v1/cohorts/"


def session_of(cohort, title="Workshop 1"):
    starts = timezone.now() + timedelta(days=61)
    ends = starts + timedelta(hours=3)
    return CohortSession.objects.create(cohort=cohort, title=title, starts_at=starts, ends_at=ends)


def test_a_programme_comes_with_its_facets_and_sources(client):
    stage = CareerStageFactory(slug="aspiring-leaders", name="Aspiring leaders")
    element = FrameworkElementFactory()
    source = SourceDocumentFactory(code="S01", title="The programme's page")
    programme = ProgrammeFactory(career_stages=[stage], development_areas=[element], sources=[source])

    response = client.get(reverse("api:programme", kwargs={"slug": programme.slug}))

    assert_conforms(response, "/api/v1/programmes/{slug}/")
    body = response.json()
    assert body["career_stages"] == [{"slug": "aspiring-leaders", "name": "Aspiring leaders"}]
    assert body["frameworks"] == [{"framework": element.framework.slug, "slug": element.slug, "name": element.name}]
    assert body["sources"] == [{"code": "S01", "title": "The programme's page"}]
    assert body["provider"] == {"slug": programme.provider.slug, "name": programme.provider.name, "is_demo": False}
    assert body["is_demo"] is False


def test_programmes_are_filtered_as_on_the_catalogue_page(client):
    stage = CareerStageFactory(slug="senior-leaders")
    ProgrammeFactory(title="Chosen", career_stages=[stage])
    ProgrammeFactory(title="Not chosen")

    response = client.get(reverse("api:programmes"), {"stage": "senior-leaders"})

    assert_conforms(response, PROGRAMMES)
    assert [programme["title"] for programme in response.json()["results"]] == ["Chosen"]


def test_programmes_are_filtered_by_format_not_taken_for_a_response_format(client):
    """`format` is the catalogue's facet here, not DRF's ?format= renderer override (which answered 404)."""
    ProgrammeFactory(title="Blended", format=Programme.Format.BLENDED)
    ProgrammeFactory(title="Residential", format=Programme.Format.RESIDENTIAL)

    response = client.get(reverse("api:programmes"), {"format": Programme.Format.BLENDED})

    assert_conforms(response, PROGRAMMES)
    assert [programme["title"] for programme in response.json()["results"]] == ["Blended"]


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ({"stage": "no-such-stage"}, "stage", "Career stage has no option “no-such-stage”"),
        ({"format": "band_7"}, "format", "Format has no option “band_7”"),
        ({"format": "é" * 500}, "format", f"Format has no option “{'é' * 39}…”"),
        ({"sort": "price"}, "sort", "Choose how to sort the programmes from the list"),
        ({"q": "x" * 201}, "q", "Search for 200 characters or fewer"),
        ({"page": "9"}, "page", "Enter a page number from 1 to 1"),
        ({"page": "first"}, "page", "Enter a page number from 1 to 1"),
        ({"page": ""}, "page", "Enter a page number from 1 to 1"),
        ({"sort": ""}, "sort", "Give a value, or leave the parameter out"),
        ({"starts_to_month": " "}, "starts_to_month", "Give a value, or leave the parameter out"),
    ],
)
def test_a_bad_parameter_is_a_problem_naming_it(client, query, parameter, message):
    ProgrammeFactory()

    response = client.get(reverse("api:programmes"), query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == {parameter: [message]}
    assert_conforms(response, PROGRAMMES)


def test_a_bad_date_is_a_problem_naming_it(client):
    response = client.get(reverse("api:programmes"), {"starts_from_day": "40", "starts_from_month": "1",
                                                      "starts_from_year": "2027"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["starts_from"]


def test_an_unknown_programme_is_a_404_problem(client):
    response = client.get(reverse("api:programme", kwargs={"slug": "no-such-programme"}))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert_conforms(response, "/api/v1/programmes/{slug}/")


def test_upcoming_cohorts_say_their_places_left_and_sessions(client):
    cohort = CohortFactory(capacity=3)
    ApplicationFactory(cohort=cohort, offered=True)
    session_of(cohort)
    CohortFactory(starts_in_days=-10, lasts_days=30)  # started: not upcoming

    response = client.get(reverse("api:cohorts"))

    assert_conforms(response, COHORTS)
    [listed] = response.json()["results"]
    assert listed["id"] == cohort.pk
    assert listed["places_left"] == 2
    assert [session["title"] for session in listed["sessions"]] == ["Workshop 1"]
    assert "joining_url" not in listed["sessions"][0]


def test_demo_cohorts_are_marked(client):
    CohortFactory(is_demo=True)

    response = client.get(reverse("api:cohorts"))

    assert [cohort["is_demo"] for cohort in response.json()["results"]] == [True]


def test_cohorts_of_one_programme(client):
    wanted = CohortFactory()
    CohortFactory()

    response = client.get(reverse("api:cohorts"), {"programme": wanted.programme.slug})

    assert [cohort["id"] for cohort in response.json()["results"]] == [wanted.pk]
    bad = client.get(reverse("api:cohorts"), {"programme": "not a slug"})
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["programme"]
    assert_conforms(bad, COHORTS)


def _cohorts_with_sessions(count: int) -> None:
    for _ in range(count):
        cohort = CohortFactory()
        session_of(cohort, "One")
        session_of(cohort, "Two")
        ApplicationFactory(cohort=cohort, offered=True)


def _queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_cohorts_query_count_does_not_grow_with_the_rows(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    _cohorts_with_sessions(1)
    one = _queries_for(client, COHORTS)
    _cohorts_with_sessions(5)
    six = _queries_for(client, COHORTS)

    assert one == six == 3  # count, page, sessions


def test_the_programmes_query_count_does_not_grow_with_the_rows(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    ProgrammeFactory(career_stages=[CareerStageFactory()], delivering_academies=[AcademyFactory()])
    one = _queries_for(client, PROGRAMMES)
    for _ in range(5):
        ProgrammeFactory(career_stages=[CareerStageFactory()], delivering_academies=[AcademyFactory()])

    assert _queries_for(client, PROGRAMMES) == one


def test_a_visitor_gets_an_etag_and_a_304_for_it_until_the_catalogue_changes(client):
    programme = ProgrammeFactory(title="Before")
    url = reverse("api:programmes")
    client.get(url)  # makes the catalogue's version
    first = client.get(url)

    assert first["ETag"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304

    programme.title = "After"
    programme.save()
    changed = client.get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed.json()["results"][0]["title"] == "After"


def test_a_new_session_changes_the_cached_cohorts(client):
    cohort = CohortFactory()
    client.get(COHORTS)
    assert client.get(COHORTS).json()["results"][0]["sessions"] == []

    session_of(cohort)

    assert [session["title"] for session in client.get(COHORTS).json()["results"][0]["sessions"]] == ["Workshop 1"]


def test_academies_are_listed_with_their_sources(client):
    academy = AcademyFactory(sources=[SourceDocumentFactory(code="S02")])

    listed = client.get(reverse("api:academies"))
    one = client.get(reverse("api:academy", kwargs={"slug": academy.slug}))

    assert_conforms(listed, "/api/v1/academies/")
    assert_conforms(one, "/api/v1/academies/{slug}/")
    assert one.json()["sources"][0]["code"] == "S02"
    assert academy.slug in [listed_academy["slug"] for listed_academy in listed.json()["results"]]


def test_nothing_is_posted_to_the_catalogue(client):
    response = client.post(reverse("api:programmes"), data="{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
