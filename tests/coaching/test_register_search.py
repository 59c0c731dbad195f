"""Searching the register with facets whose counts come from aggregate queries, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory, HlmDimensionFactory, staff_member
from tests.portal.factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    client.force_login(staff_member())
    return client


def search(client, **params):
    response = client.get(reverse("coaching:register"), params)
    assert response.status_code == 200
    return response


def listed_names(response):
    return [coach.user.full_name for coach in response.context["pagination"].page]


def option_labels(response, facet):
    return [label for _, label in response.context["filterset"].form.fields[facet].widget.choices]


def test_only_approved_coaches_are_listed(signed_in):
    CoachProfileFactory(user__full_name="Approved Coach")
    CoachProfileFactory(user__full_name="Pending Coach", pending=True)
    CoachProfileFactory(user__full_name="Rejected Coach", status="rejected")

    assert listed_names(search(signed_in)) == ["Approved Coach"]


def test_options_in_a_facet_widen_and_facets_narrow(signed_in):
    north, south = RegionFactory(name="North"), RegionFactory(name="South")
    CoachProfileFactory(user__full_name="North Coach", region=north, offers_mentoring=False)
    CoachProfileFactory(user__full_name="North Mentor", region=north, offers_coaching=False)
    CoachProfileFactory(user__full_name="South Coach", region=south, offers_mentoring=False)

    both_regions = search(signed_in, region=[north.pk, south.pk])
    north_coaching = search(signed_in, region=[north.pk], offers=["coaching"])

    assert listed_names(both_regions) == ["North Coach", "North Mentor", "South Coach"]
    assert listed_names(north_coaching) == ["North Coach"]


def test_each_option_counts_what_choosing_it_would_show_given_the_other_facets(signed_in):
    north, south = RegionFactory(name="North"), RegionFactory(name="South")
    CoachProfileFactory(region=north, offers_mentoring=False)
    CoachProfileFactory(region=north, offers_coaching=False)
    CoachProfileFactory(region=south, offers_mentoring=False)

    response = search(signed_in, region=[north.pk])

    assert option_labels(response, "offers") == ["Coaching (1)", "Mentoring (1)"]
    assert "North (2)" in option_labels(response, "region")
    assert "South (1)" in option_labels(response, "region"), "a facet's own choice does not narrow its counts"


def test_the_availability_facet_leaves_out_full_coaches(signed_in):
    full = CoachProfileFactory(user__full_name="Full Coach", max_mentees=1)
    CoachingRequestFactory(coach=full, accepted=True)
    CoachProfileFactory(user__full_name="Free Coach")

    response = search(signed_in, availability=["has_room"])

    assert listed_names(response) == ["Free Coach"]
    assert option_labels(response, "availability") == ["Has a free place (1)"]
    assert "No free place at the moment" in search(signed_in).content.decode()


def test_searching_by_words_matches_name_or_qualification(signed_in):
    CoachProfileFactory(user__full_name="Ada Lovelace", qualification="Certificate in executive coaching")
    CoachProfileFactory(user__full_name="Grace Hopper", qualification="Diploma in mentoring")

    assert listed_names(search(signed_in, q="executive")) == ["Ada Lovelace"]
    assert listed_names(search(signed_in, q="grace mentoring")) == ["Grace Hopper"]


def test_the_dimension_facet_lists_the_healthcare_leadership_model_with_counts(signed_in):
    engaging = HlmDimensionFactory(name="Engaging the team")
    HlmDimensionFactory(name="Leading with care")
    CoachProfileFactory.create_batch(2, dimensions=[engaging])

    labels = option_labels(search(signed_in), "dimensions")

    assert "Engaging the team (2)" in labels
    assert "Leading with care (0)" in labels


def register_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        search(client, **params)
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "coach", "offers": ["coaching"], "availability": ["has_room"]}])
def test_the_register_makes_the_same_number_of_queries_for_5_and_30_coaches(signed_in, params):
    dimension = HlmDimensionFactory()
    for _ in range(5):
        CoachingRequestFactory(coach=CoachProfileFactory(dimensions=[dimension]), accepted=True)
    register_queries(signed_in, params)  # the signed-in user is now in the cache
    few = register_queries(signed_in, params)

    for _ in range(25):
        CoachingRequestFactory(coach=CoachProfileFactory(dimensions=[dimension], max_mentees=3), accepted=True)
    many = register_queries(signed_in, params)

    assert few == many


@pytest.mark.parametrize(
    "params",
    [
        {"dimensions": ["not-a-number"]},
        {"region": ["99999999"]},
        {"region": ["999999999999999999999999"]},
        {"offers": ["everything"]},
        {"q": "x" * 101},
        {"page": "last-but-one"},
    ],
)
def test_bad_search_input_shows_an_error_or_is_ignored_never_a_server_error(signed_in, params):
    CoachProfileFactory(user__full_name="Still Listed")

    response = search(signed_in, **params)

    assert "Still Listed" in response.content.decode()
    if "page" not in params:
        assert "There is a problem" in response.content.decode()


def test_the_register_needs_a_login(client):
    response = client.get(reverse("coaching:register"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_filter_counts_leave_out_demo_coaches_whose_cards_say_demo(signed_in):
    online = {"meets_online": True, "meets_in_person": False}
    CoachProfileFactory(user__full_name="Real Coach", **online)
    CoachProfileFactory(user__full_name="Made Up Coach", is_demo=True, **online)

    response = search(signed_in, meets=["online"])
    html = response.content.decode()

    assert listed_names(response) == ["Made Up Coach", "Real Coach"]
    assert option_labels(response, "meets") == ["In person (0)", "Online (1)"]
    assert option_labels(response, "offers") == ["Coaching (1)", "Mentoring (1)"]
    assert "The counts leave out" in html
    card = html[html.index("Made Up Coach") :]
    assert card.index(">Demo<") < card.index("nhsuk-card__description")


def test_the_number_of_coaches_counts_demo_coaches_apart_and_says_demo(signed_in):
    CoachProfileFactory.create_batch(2)
    CoachProfileFactory(is_demo=True)

    html = " ".join(search(signed_in).content.decode().split())

    tag = '<strong class="nhsuk-tag nhsuk-tag--yellow">Demo</strong>'
    assert f"2 coaches and mentors, and 1 {tag} coach and mentor</h2>" in html

