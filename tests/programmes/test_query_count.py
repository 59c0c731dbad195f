"""The catalogue page makes a fixed number of SQL queries, however many programmes, results or choices."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.enrolment.factories import CohortFactory
from tests.programmes.factories import ProgrammeFactory

LIST_URL = reverse("programmes:list")
FOUR_FACETS = {"stage": "new-to-leadership", "format": "blended", "region": "north", "open_now": "yes"}


def queries_for(client, query: dict) -> int:
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


def test_each_facet_chosen_costs_one_query_more_and_a_search_none(client, small_catalogue):
    """The facets nobody chose are counted in one query; a chosen one is counted apart, without its own choice."""
    add_programmes_like_alpha(small_catalogue, 3)
    plain = queries_for(client, {})

    assert queries_for(client, FOUR_FACETS) == plain + len(FOUR_FACETS)
    assert queries_for(client, {"q": "programme"}) == plain


def test_the_same_number_of_queries_whether_a_search_finds_many_programmes_or_none(client, small_catalogue):
    add_programmes_like_alpha(small_catalogue, 20)

    assert queries_for(client, {"q": "test"}) == queries_for(client, {"q": "xylophone"}) == queries_for(client, {})
