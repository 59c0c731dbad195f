"""A person finds their organisation by name or ODS code with a plain search (no JavaScript), and chooses it by
posting its id: closed and (for real people) demo organisations are never offered nor accepted, and the search costs
the same queries however many organisations match."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import StaffProfile
from portal.organisation_selectors import SEARCH_LIMIT
from tests.portal.factories import IntegratedCareSystemFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("organisation_pick")


@pytest.fixture
def person(client):
    user = UserFactory(with_profile=True, profile__unlisted_organisation_name="")
    client.force_login(user)
    return user


def search(client, query) -> str:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_finds_by_part_of_the_name_and_shows_the_ods_code_and_system(client, person):
    ics = IntegratedCareSystemFactory(name="Surrey Heartlands")
    OrganisationFactory(name="Royal Surrey County Hospital NHS Foundation Trust", ods_code="RA2", ics=ics)
    OrganisationFactory(name="Ashford and St Peter's Hospitals", ods_code="RTK")

    html = search(client, "surrey   royal")

    assert "Royal Surrey County Hospital NHS Foundation Trust (RA2), Surrey Heartlands" in html
    assert 'type="radio"' in html
    assert "Ashford" not in html


def test_finds_by_ods_code_ignoring_capitals(client, person):
    OrganisationFactory(name="Ashford and St Peter's Hospitals", ods_code="RTK")

    assert "Ashford and St Peter&#x27;s Hospitals (RTK)" in search(client, "rtk")


def test_closed_organisations_are_not_found(client, person):
    OrganisationFactory(name="Closed Cottage Hospital", ods_code="RXX", is_closed=True)

    html = search(client, "Cottage")

    assert "Closed Cottage Hospital" not in html
    assert "No organisation matches “Cottage”" in html


def test_a_real_person_is_never_offered_a_demo_organisation_and_a_demo_person_sees_it_labelled(client, person):
    OrganisationFactory(name="Demo Riverside Trust", is_demo=True)
    assert "Demo Riverside Trust" not in search(client, "Riverside")

    client.force_login(UserFactory(is_demo=True))
    assert "Demo Riverside Trust (TST" in search(client, "Riverside")
    assert "(Demo)" in search(client, "Riverside")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("a", "The name or ODS code of the organisation must be 2 characters or more"),
        ("x" * 101, "The name or ODS code of the organisation must be 100 characters or fewer"),
        ("   ", "Enter the name or ODS code of the organisation"),
        ("no such place", "No organisation matches “no such place”"),
        ("%_%", "No organisation matches “%_%”"),
        ("' OR 1=1 --", "No organisation matches “&#x27; OR 1=1 --”"),
        ("<script>alert(1)</script>", "No organisation matches “&lt;script&gt;alert(1)&lt;/script&gt;”"),
        ("St\x00Mary", "No organisation matches “St Mary”"),
    ],
)
def test_a_short_long_unmatched_or_hostile_search_gets_a_written_message(client, person, query, message):
    OrganisationFactory(name="Somewhere General Hospital")

    html = search(client, query)

    assert message in html
    assert "Somewhere General Hospital" not in html


def test_a_search_costs_the_same_queries_however_many_match_and_says_it_shows_the_first(client, person):
    OrganisationFactory(name="Practice 1")

    def queries(query) -> int:
        with CaptureQueriesContext(connection) as captured:
            search(client, query)
        return len(captured)

    queries("Practice")  # the signed-in user and roles come from the cache from the second request on
    one = queries("Practice")
    for number in range(2, SEARCH_LIMIT + 5):
        OrganisationFactory(name=f"Practice {number}")
    html = search(client, "Practice")

    assert queries("Practice") == one
    assert html.count('type="radio"') == SEARCH_LIMIT
    assert f"Showing the first {SEARCH_LIMIT} matches" in html


def test_choosing_posts_the_organisation_straight_to_the_url_and_clears_an_unlisted_name(client, person):
    StaffProfile.objects.filter(user=person).update(organisation=None, unlisted_organisation_name="Somewhere")
    chosen = OrganisationFactory()

    response = client.post(URL, {"organisation": chosen.pk})

    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=person)
    assert (profile.organisation, profile.unlisted_organisation_name) == (chosen, "")


@pytest.mark.parametrize(
    "organisation",
    [
        lambda: OrganisationFactory(is_closed=True).pk,
        lambda: OrganisationFactory(is_demo=True).pk,
        lambda: 999999999,
        lambda: "<script>",
        lambda: "",
    ],
    ids=["closed", "demo", "unknown", "hostile", "empty"],
)
def test_a_closed_demo_unknown_or_hostile_choice_is_refused_with_a_message_and_changes_nothing(
    client, person, organisation
):
    before = StaffProfile.objects.values().get(user=person)

    response = client.post(URL, {"organisation": organisation()})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_organisation_error"' in html
    assert "There is a problem" in html
    assert StaffProfile.objects.values().get(user=person) == before


def test_a_safe_next_survives_the_search_and_the_choice_and_is_where_the_person_goes_after(client, person):
    chosen = OrganisationFactory(name="Hillside Practice")
    back = "/my/applications/"

    html = client.get(URL, {"next": back, "q": "Hillside"}).content.decode()
    response = client.post(f"{URL}?{urlencode({'next': back, 'q': 'Hillside'})}", {"organisation": chosen.pk})

    assert f'<input type="hidden" name="next" value="{back}">' in html
    assert f'action="?{urlencode({"next": back, "q": "Hillside"})}"'.replace("&", "&amp;") in html
    assert f'href="{reverse("organisation_unlisted")}?next=/my/applications/"' in html
    assert response.url == back
    assert StaffProfile.objects.get(user=person).organisation == chosen


@pytest.mark.parametrize("next_url", ["https://elsewhere.example/", "//elsewhere.example/profile/", "javascript:x()"])
def test_an_off_site_next_is_ignored_and_never_redirected_to(client, person, next_url):
    chosen = OrganisationFactory()

    html = client.get(URL, {"next": next_url, "q": chosen.name}).content.decode()
    response = client.post(f"{URL}?{urlencode({'next': next_url})}", {"organisation": chosen.pk})

    assert 'name="next"' not in html and f'{reverse("organisation_unlisted")}?next' not in html
    assert response.url == reverse("profile")


def test_naming_an_unlisted_organisation_goes_back_to_a_safe_next(client, person):
    unlisted = reverse("organisation_unlisted")

    safe = client.post(f"{unlisted}?next=/my/applications/", {"name": "St Elsewhere"})
    off_site = client.post(f"{unlisted}?next=https://elsewhere.example/", {"name": "St Elsewhere"})

    assert (safe.url, off_site.url) == ("/my/applications/", reverse("profile"))
    assert StaffProfile.objects.get(user=person).unlisted_organisation_name == "St Elsewhere"
