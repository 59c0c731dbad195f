"""Search that knows the field: the abbreviations and other names the sources use (programmes/synonyms.py) find
the same programmes on PostgreSQL's full-text search and on the search by words SQLite uses; a search about
coaching points to the coaching register, and one naming an academy points to it."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enrolment.discovery import filters
from programmes.search import search_by_words
from programmes.synonyms import SYNONYMS, alternatives
from tests.academies.factories import AcademyFactory
from tests.programmes.factories import ProgrammeFactory

LIST_URL = reverse("programmes:list")
COACHING_REGISTER = reverse("coaching:register")


@pytest.fixture(params=["postgresql", "by words"])
def search_backend(request, monkeypatch):
    """Each search: PostgreSQL's, and the plainer one SQLite uses, run here on PostgreSQL."""
    if request.param == "by words":
        monkeypatch.setattr(filters, "search", search_by_words)
    return request.param


@pytest.fixture
def real_catalogue(db):
    call_command("load_catalogue", verbosity=0)


def found(client, text: str) -> list[str]:
    response = client.get(LIST_URL, {"q": text})
    assert response.status_code == 200
    return [programme.title for programme in response.context["pagination"].page]


@pytest.mark.parametrize("typed", ["BAME", "bme", "ethnic minority", "Black, Asian and minority ethnic"])
def test_each_name_for_minority_ethnic_staff_finds_stepping_up_and_ready_now(
    client, real_catalogue, search_backend, typed
):
    titles = found(client, typed)

    assert {"Stepping Up programme", "Ready Now programme", "Tailored support for aspiring BME leaders"} <= set(titles)


@pytest.mark.parametrize("typed", ["nurse", "nurses", "RCN"])
def test_nurse_finds_the_royal_college_of_nursing(client, real_catalogue, search_backend, typed):
    assert "Royal College of Nursing leadership programmes" in found(client, typed)


@pytest.mark.parametrize("typed", ["GP", "general practice"])
def test_gp_and_general_practice_find_each_other(client, real_catalogue, search_backend, typed):
    assert "Rapid improvement support programme" in found(client, typed)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["AHP", "allied health professionals", "therapist"])
def test_ahp_finds_allied_health_professionals(client, search_backend, typed):
    ProgrammeFactory(title="Ward course", summary="For allied health professionals who lead a team.")
    ProgrammeFactory(title="Board course", summary="For directors.")

    assert found(client, typed) == ["Ward course"]


@pytest.mark.django_db
def test_a_synonym_does_not_widen_a_search_past_its_other_words(client, search_backend):
    ProgrammeFactory(title="Nursing board course", summary="For directors.")
    ProgrammeFactory(title="Nursing ward course", summary="For ward teams.")

    assert found(client, "nurse board") == ["Nursing board course"]


def test_every_term_of_the_table_belongs_to_one_row_only():
    terms = [term for row in SYNONYMS for term in row]

    assert len(terms) == len(set(terms))


def test_a_search_with_no_synonym_is_searched_as_typed():
    assert alternatives("resilience") == ["resilience"]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["coaching", "a mentor", "Coaches"])
def test_a_search_about_coaching_points_to_the_coaching_register(client, typed):
    response = client.get(LIST_URL, {"q": typed})

    assert "Looking for a coach?" in response.content.decode()
    assert f'href="{COACHING_REGISTER}"' in response.content.decode()


@pytest.mark.django_db
def test_other_searches_do_not_point_to_the_coaching_register(client):
    ProgrammeFactory(title="Team course")

    for query in ({"q": "team"}, {}):
        assert "Looking for a coach?" not in client.get(LIST_URL, query).content.decode()


@pytest.mark.django_db
def test_a_search_naming_an_academy_points_to_it(client):
    surrey = AcademyFactory(name="Surrey Heartlands Academy", slug="surrey-heartlands")
    ProgrammeFactory(title="Surrey 500", provider=surrey)
    ProgrammeFactory(title="Team course", provider=AcademyFactory(name="Riverside Leadership Academy"))

    response = client.get(LIST_URL, {"q": "surrey"})

    assert list(response.context["pointers"].academies) == [surrey]
    assert reverse("academies:detail", args=["surrey-heartlands"]) in response.content.decode()


@pytest.mark.django_db
def test_a_search_of_common_words_points_to_no_academy(client):
    ProgrammeFactory(title="Team course", provider=AcademyFactory(name="Riverside Leadership Academy"))

    assert client.get(LIST_URL, {"q": "leadership academy"}).context["pointers"].academies == ()


def test_a_search_by_another_name_of_an_academy_points_to_it(client, real_catalogue):
    names = [academy.name for academy in client.get(LIST_URL, {"q": "RCN"}).context["pointers"].academies]

    assert names == ["Royal College of Nursing"]


@pytest.mark.django_db
def test_a_search_with_synonyms_makes_the_same_number_of_queries_for_few_and_many_academies(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST_URL, {"q": "bame nurse coaching"}).status_code == 200
        return len(captured)

    ProgrammeFactory(provider=AcademyFactory(name="Nursing Academy One"))
    few = queries()
    for number in range(10):
        ProgrammeFactory(provider=AcademyFactory(name=f"Nursing Academy {number}"))

    assert queries() == few
