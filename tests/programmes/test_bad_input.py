"""Whatever the query string, the catalogue page answers with a page and a plain message, never a server error."""

from urllib.parse import quote, quote_from_bytes

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from enrolment.discovery import filters
from programmes.search import search_by_words

LIST_URL = reverse("programmes:list")
FACETS = ["open_now", "stage", "profession", "format", "cost", "duration", "region", "ics", "provider", "academy",
          "hlm", "clcf", "method", "cpd", "positive_action"]
DATE_PARTS = [f"starts_{end}_{part}" for end in ("from", "to") for part in ("day", "month", "year")]
PARAMETERS = ["q", "page", "sort", *FACETS, *DATE_PARTS]
NOT_A_DATE = "Starts on or after must be a real date, like 27 3 2027"


def get(client, query_string: str):
    response = client.get(f"{LIST_URL}?{query_string}")
    assert response.status_code == 200
    return response


def messages(response) -> list[str]:
    return [problem.message for problem in response.context["problems"]]


def titles(response) -> list[str]:
    return [programme.title for programme in response.context["pagination"].page]


def test_an_unknown_filter_value_is_left_out_with_a_message_and_the_known_ones_still_apply(client, small_catalogue):
    response = get(client, "stage=no-such-stage&stage=senior-leader")

    assert messages(response) == ["Career stage has no option “no-such-stage”, so it was left out."]
    assert set(titles(response)) == {"Bravo", "Charlie"}


def test_a_date_that_does_not_exist_is_refused_with_a_message(client, small_catalogue):
    response = get(client, "starts_from_day=31&starts_from_month=2&starts_from_year=2026")

    assert messages(response) == [NOT_A_DATE]
    assert len(titles(response)) == 5
    assert "nhsuk-form-group--error" in response.content.decode()


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ("starts_from_day=1&starts_from_year=2027", "Starts on or after must include a day, a month and a year"),
        ("starts_from_day=1&starts_from_month=3&starts_from_year=27", NOT_A_DATE),
        ("starts_from_day=1&starts_from_month=3&starts_from_year=２０２７", NOT_A_DATE),
        ("starts_from_day=-1&starts_from_month=3&starts_from_year=2027", NOT_A_DATE),
    ],
)
def test_an_incomplete_or_malformed_date_is_refused_with_a_message(client, small_catalogue, parts, message):
    assert messages(get(client, parts)) == [message]


def test_an_end_date_before_the_start_date_is_refused_with_a_message(client, small_catalogue):
    response = get(
        client,
        "starts_from_day=1&starts_from_month=6&starts_from_year=2027"
        "&starts_to_day=1&starts_to_month=5&starts_to_year=2027",
    )

    assert messages(response) == ["‘Starts on or before’ must be the same as or after ‘Starts on or after’"]


@pytest.mark.parametrize("page", ["abc", "1.5", "", "9" * 5000])
def test_a_page_that_is_not_a_number_shows_the_first_page_and_says_so(client, small_catalogue, page):
    response = get(client, f"page={page}")

    assert response.context["pagination"].page.number == 1
    assert messages(response) == (["The page asked for is not a number, so this is the first page."] if page else [])


@pytest.mark.parametrize("page", ["999999", "0", "-3"])
def test_a_page_past_the_end_shows_the_last_page_and_says_so(client, small_catalogue, page):
    response = get(client, f"page={page}")

    assert response.context["pagination"].page.number == 1
    assert messages(response) == ["There is no such page, so this is the last page, page 1."]


def test_a_1000_character_search_is_refused_with_a_message(client, small_catalogue):
    response = get(client, "q=" + "leadership " * 90 + "x" * 10)

    assert messages(response) == ["Search for 200 characters or fewer"]
    assert len(titles(response)) == 5


def test_repeated_parameters_take_the_last_single_value_and_every_distinct_facet_value(client, small_catalogue):
    response = get(client, "q=zzz&q=alpha&sort=bogus&sort=title&page=7&page=1&format=blended&format=blended")

    assert titles(response) == ["Alpha"]
    assert messages(response) == []
    assert [label for label, _ in response.context["tags"]] == ["Search: alpha", "Format: Blended"]


@pytest.mark.parametrize(
    "query_string",
    [
        "q=%ff%fe",
        "stage=%ff%fe",
        "%ff%fe=1",
        "q=%00",
        "q=%c0%af%00%0d%0a",
        "starts_from_day=%ff&starts_from_month=%00&starts_from_year=%e2%82",
    ],
)
def test_bytes_that_are_not_utf_8_and_control_characters_are_answered_plainly(client, small_catalogue, query_string):
    get(client, query_string)


def test_an_unknown_sort_is_refused_with_a_message(client, small_catalogue):
    assert messages(get(client, "sort=price")) == ["Choose how to sort the programmes from the list"]


def encoded_pair(pair) -> str:
    key, value = pair
    value = quote_from_bytes(value) if isinstance(value, bytes) else quote(value)
    return f"{quote(key)}={value}"


pairs = st.tuples(
    st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=8)),
    st.one_of(
        st.text(max_size=40), st.binary(max_size=20), st.integers().map(str), st.sampled_from(["yes", "blended"])
    ),
)
query_strings = st.one_of(
    st.lists(pairs, max_size=8).map(lambda items: "&".join(map(encoded_pair, items))),
    st.binary(max_size=80).map(lambda raw: quote_from_bytes(raw, safe="=&")),
)


@pytest.fixture(params=["postgresql", "by words"])
def search_backend(request, monkeypatch):
    """Each search: PostgreSQL's, and the plainer one SQLite uses, run here on PostgreSQL."""
    if request.param == "by words":
        monkeypatch.setattr(filters, "search", search_by_words)
    return request.param


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query_string=query_strings)
@example(query_string="q=%21%21")
@example(query_string="q=%00&sort=relevance&page=-1")
def test_no_query_string_makes_the_catalogue_page_fail(client, small_catalogue, search_backend, query_string):
    response = client.get(f"{LIST_URL}?{query_string}")

    assert response.status_code in {200, 400}
