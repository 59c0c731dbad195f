"""Text search: stemmed and weighted full-text search, typo tolerance on titles and academy names, the indexes
that serve them, and the plainer search by words that SQLite uses."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from academies.models import Academy
from programmes.models import Programme
from programmes.search import SEARCH_CONFIG, programme_search_vector, search_by_words
from tests.academies.factories import AcademyFactory
from tests.programmes.factories import ProgrammeFactory

LIST_URL = reverse("programmes:list")


def found(client, text: str) -> list[str]:
    response = client.get(LIST_URL, {"q": text})
    assert response.status_code == 200
    return [programme.title for programme in response.context["pagination"].page]


@pytest.mark.django_db
def test_a_programme_with_no_provider_is_ranked_like_any_other(client):
    """Its provider's name is like nothing typed: it adds nothing to the rank, and takes nothing from it."""
    ProgrammeFactory(title="Plain course", summary="It builds resilience.", provider=None)
    ProgrammeFactory(title="Resilience course", summary="Plain.")

    assert found(client, "resilience") == ["Resilience course", "Plain course"]


@pytest.fixture
def real_catalogue(db):
    call_command("load_catalogue", verbosity=0)


@pytest.mark.django_db
def test_a_word_in_the_title_outranks_one_in_the_summary_which_outranks_one_in_the_description(client):
    ProgrammeFactory(title="Steady course", summary="Plain.", description="It builds resilience.")
    ProgrammeFactory(title="Bright course", summary="It builds resilience.", description="Plain.")
    ProgrammeFactory(title="Resilience course", summary="Plain.", description="Plain.")
    ProgrammeFactory(title="Other course", summary="Nothing to do with it.")

    assert found(client, "resilience") == ["Resilience course", "Bright course", "Steady course"]


@pytest.mark.django_db
def test_english_stemming_finds_other_forms_of_a_word(client):
    ProgrammeFactory(title="Operations course", summary="Skills for management of a service.")

    assert found(client, "managing") == ["Operations course"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("mary secole", "Mary Seacole programme"),
        ("jener", "Edward Jenner programme"),
        ("elizabeth garet anderson", "Elizabeth Garrett Anderson programme"),
        ("redy now", "Ready Now programme"),
    ],
)
def test_a_misspelt_title_still_finds_its_programme_first(client, real_catalogue, typed, meant):
    assert found(client, typed)[0] == meant


def test_a_misspelt_academy_name_finds_the_programmes_it_provides(client, real_catalogue):
    assert "Surrey 500" in found(client, "surey heartlands")


@pytest.mark.django_db
def test_a_misspelt_name_of_a_delivering_academy_finds_the_programmes_it_delivers(client):
    riverside = AcademyFactory(name="Riverside Leadership Academy")
    ProgrammeFactory(title="Team course", delivering_academies=[riverside])
    ProgrammeFactory(title="Board course")

    assert found(client, "riversid") == ["Team course"]


@pytest.mark.django_db
def test_a_search_with_no_match_finds_nothing_and_says_so(client):
    ProgrammeFactory(title="Team course")

    response = client.get(LIST_URL, {"q": "xylophone"})

    assert response.context["pagination"].page.paginator.count == 0
    assert "No programmes match" in response.content.decode()


def plan(queryset) -> str:
    """The plan PostgreSQL picks when only a bitmap scan of an index that fits the condition can beat a full scan,
    as on a catalogue too big to scan (tests' tables are tiny, and btree full-index scans would win)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    return queryset.explain()


@pytest.mark.django_db
def test_the_full_text_index_serves_the_search_expression():
    query = SearchQuery("leadership", search_type="websearch", config=SEARCH_CONFIG)
    queryset = Programme.objects.alias(document=programme_search_vector()).filter(document=query)

    assert "programme_search_document" in plan(queryset)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: Programme.objects.filter(title__trigram_word_similar="secole"), "programme_title_trigram"),
        (lambda: Academy.objects.filter(name__trigram_word_similar="heartlands"), "academy_name_trigram"),
    ],
)
def test_the_trigram_indexes_serve_typo_tolerant_search(queryset, index):
    assert index in plan(queryset())


@pytest.mark.django_db
def test_the_search_by_words_needs_every_word_and_ranks_title_matches_first():
    ProgrammeFactory(title="Care course", summary="For compassionate leaders of wards.")
    ProgrammeFactory(title="Ward leaders", summary="Compassionate and kind.")
    ProgrammeFactory(title="Ward teams", summary="Nothing else.")

    results = search_by_words(Programme.objects.all(), "ward, compassionate!").order_by("-relevance")

    assert [programme.title for programme in results] == ["Ward leaders", "Care course"]


@pytest.mark.django_db
def test_the_search_by_words_finds_nothing_for_punctuation_alone():
    ProgrammeFactory(title="Ward leaders")

    assert list(search_by_words(Programme.objects.all(), "?!").order_by("-relevance")) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "title"), [("mary secole", "Mary Seacole programme"), ("jener", "Edward Jenner programme")]
)
def test_the_search_by_words_forgives_a_typo_by_the_closest_catalogue_word(typed, title):
    ProgrammeFactory(title="Mary Seacole programme")
    ProgrammeFactory(title="Edward Jenner programme")

    results = search_by_words(Programme.objects.all(), typed)

    assert [programme.title for programme in results] == [title]
