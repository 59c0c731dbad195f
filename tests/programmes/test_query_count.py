"""The catalogue page makes a fixed number of SQL queries, however many programmes, results or choices."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enrolment.discovery.cache import catalogue_changed
from tests.enrolment.factories import CohortFactory
from tests.programmes.factories import ProgrammeFactory

LIST_URL = reverse("programmes:list")
FOUR_FACETS = {"stage": "new-to-leadership", "format": "blended", "region": "north", "open_now": "yes"}


def queries_for(client, query: dict, *, first_of_a_version: bool = True) -> int:
    """The page's queries; by default as the first request since a change to the catalogue, which also works out
    the facet index (enrolment/discovery/facet_index.py) and is not served from the page cache."""
    if first_of_a_version:
        catalogue_changed()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, query)
    assert response.status_code == 200
    return len(queries)


def add_programmes_like_alpha(catalogue, count: int) -> None:
    """More programmes with stages, professions, academies, frameworks and cohorts, as Alpha has."""
    for programme in ProgrammeFactory.create_batch(
        count,
        career_stages=[catalogue.first],
        professions=[catalogue.nurse],
        delivering_academies=[catalogue.local],
        development_areas=[catalogue.dimension],
        provider=catalogue.national,
    ):
        CohortFactory(programme=programme, academy=catalogue.local, region=catalogue.north, ics=catalogue.riverside)


@pytest.mark.parametrize("query", [{}, FOUR_FACETS, {"q": "programme", **FOUR_FACETS}], ids=["all", "facets", "search"])
def test_the_same_number_of_queries_for_5_and_50_programmes(client, small_catalogue, query):
    few = queries_for(client, query)

    add_programmes_like_alpha(small_catalogue, 45)
    many = queries_for(client, query)

    assert few == many


def test_the_plain_catalogue_makes_the_same_number_of_queries_for_10_and_100_programmes(client, small_catalogue):
    add_programmes_like_alpha(small_catalogue, 5)
    ten = queries_for(client, {})

    add_programmes_like_alpha(small_catalogue, 90)
    hundred = queries_for(client, {})

    assert ten == hundred


def test_the_same_number_of_queries_with_no_facet_chosen_with_four_and_with_a_search(client, small_catalogue):
    add_programmes_like_alpha(small_catalogue, 3)
    plain = queries_for(client, {})

    assert queries_for(client, FOUR_FACETS) == plain
    assert queries_for(client, {"q": "programme", **FOUR_FACETS}) == plain


def test_the_same_number_of_queries_whether_a_search_finds_many_programmes_or_none(client, small_catalogue):
    add_programmes_like_alpha(small_catalogue, 20)

    assert queries_for(client, {"q": "test"}) == queries_for(client, {"q": "xylophone"}) == queries_for(client, {})


def test_a_search_after_the_first_of_a_version_counts_its_options_without_a_query_for_them(client, small_catalogue):
    first = queries_for(client, {"q": "alpha"})

    later = queries_for(client, {"q": "bravo", **FOUR_FACETS}, first_of_a_version=False)

    assert later < first
