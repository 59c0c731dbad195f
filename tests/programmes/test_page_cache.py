"""The catalogue's page cache (enrolment/discovery/cache.py): visitors get cached pages, fresh as soon as anything
they show changes, and nobody signed in ever gets a cached page or someone else's."""

import hashlib
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from enrolment.discovery.cache import CONTENT_KEY, PROGRAMME_KEY, catalogue_changed
from enrolment.models import Application
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
CATALOGUE = reverse("programmes:list")


def get(client, url, headers=None):
    """The response, and how many SQL queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def warm(client, *urls) -> None:
    """Caches the pages from the catalogue's current version."""
    catalogue_changed()
    for url in urls:
        client.get(url)


@pytest.fixture
def cohort():
    return CohortFactory(programme=ProgrammeFactory(title="Ward leadership"), name="Spring cohort", capacity=10)


@pytest.mark.parametrize("page", ["catalogue", "programme"])
def test_a_visitor_gets_the_same_page_from_the_cache_without_touching_the_database(client, cohort, page):
    url = CATALOGUE if page == "catalogue" else cohort.programme.get_absolute_url()
    catalogue_changed()
    stored, rendering = get(client, url)

    cached, queries = get(client, url)

    assert rendering > 0
    assert queries == 0
    assert cached.status_code == 200
    assert cached.content == stored.content
    assert "Ward leadership" in cached.content.decode()
    assert cached["ETag"]
    assert "Cookie" in cached["Vary"]


def test_a_browser_revalidating_its_copy_gets_304_without_the_page(client, cohort):
    url = cohort.programme.get_absolute_url()
    warm(client, url)
    etag = client.get(url)["ETag"]

    response, queries = get(client, url, {"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert queries == 0


def test_a_change_to_a_programme_shows_at_once_on_the_catalogue_and_its_page(client, cohort):
    programme = cohort.programme
    warm(client, CATALOGUE, programme.get_absolute_url())

    programme.title = "Ward leadership for charge nurses"
    programme.save()

    assert "Ward leadership for charge nurses" in client.get(CATALOGUE).content.decode()
    assert "Ward leadership for charge nurses" in client.get(programme.get_absolute_url()).content.decode()


def test_a_new_cohort_and_a_new_programme_show_at_once(client, cohort):
    url = cohort.programme.get_absolute_url()
    warm(client, CATALOGUE, url)

    CohortFactory(programme=cohort.programme, name="Autumn cohort")
    ProgrammeFactory(title="Board leadership")

    assert "Autumn cohort" in client.get(url).content.decode()
    assert "Board leadership" in client.get(CATALOGUE).content.decode()


def test_an_offer_made_by_the_services_and_an_application_made_with_a_place_change_the_places_left(client, cohort):
    url = cohort.programme.get_absolute_url()
    application = ApplicationFactory(cohort=cohort, under_review=True)
    warm(client, url)
    assert "10 of 10" in client.get(url).content.decode()

    application.offered_at, application.offer_expires_at = timezone.now(), timezone.now() + timedelta(days=7)
    application.move_to(Application.Status.OFFERED)
    assert "9 of 10" in client.get(url).content.decode()

    ApplicationFactory(cohort=cohort, accepted=True)
    assert "8 of 10" in client.get(url).content.decode()


def test_an_application_that_takes_no_place_keeps_the_cached_page(client, cohort):
    url = cohort.programme.get_absolute_url()
    application = ApplicationFactory(cohort=cohort, under_review=True)
    warm(client, url)

    application.waitlisted_at = timezone.now()
    application.move_to(Application.Status.WAITLISTED)

    assert get(client, url)[1] == 0


def test_signed_in_people_get_their_own_header_and_never_a_cached_page(cohort):
    visitor, alice, bob = Client(), Client(), Client()
    alice.force_login(UserFactory(full_name="Alice Example"))
    bob.force_login(UserFactory(full_name="Bob Example"))
    for url in (CATALOGUE, cohort.programme.get_absolute_url()):
        warm(visitor, url)
        alices = alice.get(url).content.decode()
        bobs, queries = get(bob, url)
        visitors = visitor.get(url).content.decode()

        assert "Alice Example" in alices and "Bob Example" not in alices
        assert "Bob Example" in bobs.content.decode() and "Alice Example" not in bobs.content.decode()
        assert queries > 0
        assert "Log in" in visitors
        assert "Alice Example" not in visitors and "Bob Example" not in visitors
        assert "csrfmiddlewaretoken" not in visitors


def test_signed_in_people_get_the_catalogue_content_from_the_cache_around_their_own_header(cohort):
    alice, bob = Client(), Client()
    alice.force_login(UserFactory(full_name="Alice Example"))
    bob.force_login(UserFactory(full_name="Bob Example"))
    catalogue_changed()
    alices, rendering = get(alice, CATALOGUE)
    bob.get(reverse("profile"))  # Bob's session and Bob with his roles are in the cache, as from his second page on

    bobs, queries = get(bob, CATALOGUE)

    assert rendering >= 5
    assert queries == 0, "Bob and his roles, the programmes and their facets: all kept, the last from Alice's visit"
    assert "Ward leadership" in bobs.content.decode()
    assert "Bob Example" in bobs.content.decode() and "Alice Example" not in bobs.content.decode()
    assert "Alice Example" in alices.content.decode()


def test_the_content_kept_for_everyone_holds_nothing_of_the_person_who_asked_first(cohort):
    alice = Client()
    alice.force_login(UserFactory(full_name="Alice Example", email="alice@example.nhs.test"))
    catalogue_changed()

    alice.get(CATALOGUE)

    kept = cache.get(CONTENT_KEY.format(hashlib.md5(CATALOGUE.encode(), usedforsecurity=False).hexdigest())).value.html
    assert "Ward leadership" in kept
    assert "Alice" not in kept and "alice@example.nhs.test" not in kept
    assert "csrfmiddlewaretoken" not in kept


def test_signed_in_people_get_a_programme_page_from_the_cache_with_their_own_button(cohort):
    url = cohort.programme.get_absolute_url()
    alice_user = UserFactory(full_name="Alice Example", email="alice@example.nhs.test")
    ApplicationFactory(applicant=alice_user, cohort=cohort, under_review=True)
    alice, bob = Client(), Client()
    alice.force_login(alice_user)
    bob.force_login(UserFactory(full_name="Bob Example"))
    catalogue_changed()
    alices, rendering = get(alice, url)
    bob.get(reverse("profile"))

    bobs, queries = get(bob, url)

    assert queries <= 2, "only Bob's button: his application to it, if any, and his profession"
    assert queries < rendering
    assert "View your application" in alices.content.decode() and "Alice Example" in alices.content.decode()
    assert "View your application" not in bobs.content.decode() and "Alice Example" not in bobs.content.decode()
    assert "Spring cohort" in bobs.content.decode() and "Bob Example" in bobs.content.decode()
    kept = cache.get(PROGRAMME_KEY.format(hashlib.md5(url.encode(), usedforsecurity=False).hexdigest())).value
    assert "Spring cohort" in kept.content
    assert "Alice" not in kept.content and "View your application" not in kept.content
    assert "csrfmiddlewaretoken" not in kept.content


def test_a_change_to_a_programme_shows_at_once_to_signed_in_people(cohort):
    member = Client()
    member.force_login(UserFactory())
    warm(member, CATALOGUE)

    cohort.programme.title = "Ward leadership for charge nurses"
    cohort.programme.save()

    assert "Ward leadership for charge nurses" in member.get(CATALOGUE).content.decode()


def test_a_search_with_a_problem_keeps_its_error_title_when_its_content_comes_from_the_cache(cohort):
    member = Client()
    member.force_login(UserFactory())
    url = f"{CATALOGUE}?page=99"
    warm(member, url)

    html = member.get(url).content.decode()

    assert "<title>Error: Find a programme" in html
    assert "There is a problem with this search" in html


def test_a_visitor_with_a_message_waiting_gets_the_page_rendered_with_it(client, cohort):
    url = cohort.programme.get_absolute_url()
    warm(client, url)
    client.cookies["messages"] = "anything"

    page = client.get(url)

    assert page.status_code == 200 and "ETag" not in page, "not the cached page, which has no room for a message"


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "portal.cache_backends.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
)
def test_the_pages_work_when_the_cache_is_down(client, cohort):
    programme = cohort.programme

    assert client.get(CATALOGUE).status_code == 200
    assert client.get(programme.get_absolute_url()).status_code == 200
    programme.title = "Still saved"
    programme.save()
    assert "Still saved" in client.get(programme.get_absolute_url()).content.decode()
