"""The finder's results come first, under the answers given, each with a link back to change it."""

import re

import pytest
from django.urls import reverse

from tests.portal.factories import ProfessionFactory
from tests.programmes.factories import ProgrammeFactory

FINDER_URL = reverse("programmes:finder")
ANSWERS = {"profession": "nurse", "goal": "lead_team", "time": "months"}


@pytest.fixture
def nurse_programme(db):
    nurse = ProfessionFactory(slug="nurse", name="Nurse")
    return ProgrammeFactory(title="Ward leaders", open_to_all_professions=False, professions=[nurse])


def test_answered_it_shows_the_results_and_a_summary_of_the_answers_instead_of_the_questions(client, nurse_programme):
    page = client.get(FINDER_URL, ANSWERS).content.decode()

    assert "Show programmes for me" not in page
    assert page.index("Ward leaders") < page.index("Your answers")
    summary = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[page.index("Your answers") :]))
    assert "What is your profession? Nurse" in summary
    assert "What do you want to do next? Lead a team" in summary
    assert "How much time can you give? Up to 6 months" in summary
    assert "What is your band or grade? Not answered" in summary


def test_each_change_link_goes_back_to_its_question_with_every_answer_kept(client, nurse_programme):
    response = client.get(FINDER_URL, ANSWERS)
    links = re.findall(r'href="(\?[^"]+)#(\w+)"', response.content.decode())
    assert {anchor for _, anchor in links} >= {"id_profession", "id_goal_0", "id_time_0"}

    address = links[0][0].replace("&amp;", "&")
    page = client.get(FINDER_URL + address).content.decode()

    assert "Show programmes for me" in page
    assert "Your answers" not in page
    for _, anchor in links:
        assert f'id="{anchor}"' in page
    assert re.search(r'value="lead_team"[^>]*checked|checked[^>]*value="lead_team"', page)
    assert re.search(r'<option value="nurse" selected>', page)


def test_unanswered_it_asks_the_questions(client, nurse_programme):
    page = client.get(FINDER_URL).content.decode()

    assert "Show programmes for me" in page
    assert "Your answers" not in page
