"""The catalogue page's facets: each picks out the right programmes, says how many each option would give, shows
what is chosen as removable tags, and the page sorts and pages its results, all from a shareable GET query."""

from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.programmes.factories import ProgrammeFactory

LIST_URL = reverse("programmes:list")


def titles(response) -> list[str]:
    return [programme.title for programme in response.context["pagination"].page]


def option_labels(response, facet: str) -> dict[str, str]:
    return dict(response.context["form"].fields[facet].choices)


@pytest.mark.parametrize(
    ("facet", "value", "expected"),
    [
        ("open_now", "yes", {"Alpha", "Bravo"}),
        ("stage", "new-to-leadership", {"Alpha", "Charlie"}),
        ("stage", "senior-leader", {"Bravo", "Charlie"}),
        ("profession", "nurse", {"Alpha", "Bravo", "Echo"}),
        ("profession", "open-to-all", {"Bravo", "Echo"}),
        ("profession", "gp", {"Bravo", "Charlie", "Echo"}),
        ("format", "blended", {"Alpha"}),
        ("format", "online_self_paced", {"Bravo"}),
        ("format", "face_to_face", {"Charlie"}),
        ("format", "virtual", {"Echo"}),
        ("cost", "free", {"Alpha", "Echo"}),
        ("cost", "fee", {"Bravo"}),
        ("cost", "funded", {"Charlie"}),
        ("duration", "up-to-3-months", {"Delta"}),
        ("duration", "3-to-12-months", {"Alpha", "Echo"}),
        ("duration", "over-a-year", {"Charlie"}),
        ("duration", "not-stated", {"Bravo"}),
        ("region", "north", {"Alpha", "Delta"}),
        ("region", "south", {"Charlie"}),
        ("ics", "riverside", {"Alpha"}),
        ("provider", "national", {"Alpha", "Charlie"}),
        ("provider", "college", {"Bravo", "Delta", "Echo"}),
        ("academy", "local", {"Alpha"}),
        ("hlm", "engaging-the-team", {"Alpha"}),
        ("clcf", "working-with-others", {"Bravo"}),
        ("method", "lean", {"Charlie"}),
        ("cpd", "yes", {"Alpha", "Charlie"}),
        ("positive_action", "yes", {"Bravo"}),
    ],
)
def test_each_facet_option_finds_exactly_its_programmes(client, small_catalogue, facet, value, expected):
    response = client.get(LIST_URL, {facet: value})

    assert response.status_code == 200
    assert set(titles(response)) == expected
    assert response.context["problems"] == []


def test_options_of_one_facet_combine_with_or_and_facets_with_and(client, small_catalogue):
    either_stage = client.get(LIST_URL, {"stage": ["new-to-leadership", "senior-leader"]})
    stage_and_format = client.get(LIST_URL, {"stage": ["new-to-leadership", "senior-leader"], "format": "blended"})

    assert set(titles(either_stage)) == {"Alpha", "Bravo", "Charlie"}
    assert titles(stage_and_format) == ["Alpha"]


def test_each_option_says_how_many_programmes_choosing_it_would_give(client, small_catalogue):
    response = client.get(LIST_URL)

    assert option_labels(response, "format") == {
        "online_self_paced": "Online, self-paced (1)",
        "blended": "Blended (1)",
        "face_to_face": "Face to face (1)",
        "virtual": "Virtual, live online (1)",
    }
    assert option_labels(response, "profession") == {
        "open-to-all": "Open to all professions (2)",
        "nurse": "Nurse (3)",
        "gp": "GP (3)",
    }
    assert option_labels(response, "region") == {"north": "North (2)", "south": "South (1)"}


def test_counts_follow_the_other_facets_but_not_their_own(client, small_catalogue):
    response = client.get(LIST_URL, {"format": "blended"})

    # Another format would be added to the choice (OR), so the format counts ignore the format chosen...
    assert option_labels(response, "format")["face_to_face"] == "Face to face (1)"
    # ...while the other facets count within it, and drop the options that would give nothing.
    assert option_labels(response, "stage") == {"new-to-leadership": "New to leadership (1)"}
    assert option_labels(response, "cost") == {"free": "Free (1)"}


def test_an_option_that_would_give_nothing_is_hidden_unless_chosen(client, small_catalogue):
    response = client.get(LIST_URL, {"format": "blended", "stage": "senior-leader"})

    assert titles(response) == []
    assert option_labels(response, "stage") == {
        "new-to-leadership": "New to leadership (1)",
        "senior-leader": "Senior leader (0)",
    }
    assert option_labels(response, "format") == {
        "online_self_paced": "Online, self-paced (1)",
        "blended": "Blended (0)",
        "face_to_face": "Face to face (1)",
    }


def test_a_facet_with_nothing_to_offer_is_not_shown(client, small_catalogue):
    response = client.get(LIST_URL, {"q": "Delta"})

    shown = {field.name for field in response.context["facets"]}
    assert "positive_action" not in shown
    assert "duration" in shown


def test_cohort_places_count_only_cohorts_that_have_not_started(client, small_catalogue):
    response = client.get(LIST_URL, {"region": "south"})

    assert titles(response) == ["Charlie"]


def test_starts_between_finds_upcoming_cohorts_in_the_range_and_programmes_you_can_start_any_day(
    client, small_catalogue
):
    today = timezone.localdate()
    start, end = today + timedelta(days=50), today + timedelta(days=100)

    response = client.get(
        LIST_URL,
        {
            "starts_from_day": start.day,
            "starts_from_month": start.month,
            "starts_from_year": start.year,
            "starts_to_day": end.day,
            "starts_to_month": end.month,
            "starts_to_year": end.year,
        },
    )

    assert set(titles(response)) == {"Bravo", "Charlie", "Delta"}


def test_chosen_filters_show_as_tags_whose_links_remove_just_that_choice(client, small_catalogue):
    response = client.get(LIST_URL, {"q": "programme", "format": ["blended", "virtual"], "sort": "title"})

    tags = dict(response.context["tags"])
    assert set(tags) == {"Search: programme", "Format: Blended", "Format: Virtual, live online"}
    without_blended = parse_qsl(urlsplit(tags["Format: Blended"]).query)
    assert without_blended == [("q", "programme"), ("format", "virtual"), ("sort", "title")]
    assert urlsplit(tags["Search: programme"]).path == LIST_URL


def test_a_search_is_a_get_form_whose_address_gives_anyone_the_same_page(client, small_catalogue):
    query = "?stage=new-to-leadership&cost=free&sort=start"

    mine = client.get(LIST_URL + query)
    theirs = Client().get(LIST_URL + query)

    assert '<form method="get" action="/programmes/"' in mine.content.decode()
    assert titles(mine) == ["Alpha"]
    assert theirs.content == mine.content  # the second visitor's page may come from the page cache


def test_sort_by_start_date_puts_programmes_you_can_start_now_first_and_those_without_cohorts_last(
    client, small_catalogue
):
    response = client.get(LIST_URL, {"sort": "start"})

    assert titles(response) == ["Bravo", "Alpha", "Delta", "Charlie", "Echo"]


def test_sort_by_title_is_the_default_without_a_search(client, small_catalogue):
    assert titles(client.get(LIST_URL)) == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    assert titles(client.get(LIST_URL, {"sort": "relevance"})) == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]


def test_results_come_in_pages_whose_links_keep_the_filters(client, db):
    ProgrammeFactory.create_batch(25, format="virtual")
    ProgrammeFactory(format="blended")

    first = client.get(LIST_URL, {"format": "virtual"})
    second = client.get(LIST_URL, {"format": "virtual", "page": "2"})

    assert len(titles(first)) == 20
    assert len(titles(second)) == 5
    assert set(titles(first)).isdisjoint(titles(second))
    next_query = parse_qsl(urlsplit(first.context["pagination"].next_url).query)
    assert next_query == [("format", "virtual"), ("page", "2")]
    assert 'aria-current="page"' in second.content.decode()


def test_a_change_to_the_catalogue_shows_in_the_counts_of_the_next_search(client, small_catalogue):
    client.get(LIST_URL, {"sort": "title"})  # the facet index of this version is made and kept
    alpha = small_catalogue.programmes["Alpha"]

    alpha.format = "virtual"
    alpha.save()
    counted = option_labels(client.get(LIST_URL, {"sort": "start"}), "format")

    assert counted["virtual"] == "Virtual, live online (2)"
