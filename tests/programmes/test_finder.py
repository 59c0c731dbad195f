"""'Find a programme for me': the ranking rules on their own, four people on the real catalogue, and the page."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from programmes.finder import Answers, ProgrammeFacts, assess, rank
from tests.portal.factories import ProfessionFactory, StaffProfileFactory

FINDER_URL = reverse("programmes:finder")
NURSE_STARTING_OUT = Answers(profession="nurse", goal="first_role", band="band_5")


def facts(title: str, **fields) -> ProgrammeFacts:
    return ProgrammeFacts(slug=title.lower(), title=title, summary="", url=f"/programmes/{title.lower()}/", **fields)


def test_a_programme_only_for_other_professions_is_left_out():
    for_doctors = facts("Doctors", career_stages=frozenset({"new-to-leadership"}), professions=frozenset({"gp"}))

    assert assess(for_doctors, NURSE_STARTING_OUT) is None


def test_a_programme_only_for_other_career_stages_is_left_out():
    for_boards = facts("Boards", career_stages=frozenset({"executive-and-board"}), open_to_all_professions=True)

    assert assess(for_boards, NURSE_STARTING_OUT) is None


def test_a_positive_action_programme_is_suggested_only_to_someone_who_asks_to_see_them():
    programme = facts("Stepping", positive_action=True)

    assert assess(programme, NURSE_STARTING_OUT) is None
    match = assess(programme, Answers(profession="nurse", goal="first_role", positive_action=True))
    assert match.reasons == ("a positive action programme for Black, Asian and minority ethnic staff",)


def test_being_free_or_open_now_is_not_enough_without_fitting_the_person():
    free_and_open = facts("Anything", cost="free", open_to_all_professions=True, open_access=True)

    assert assess(free_and_open, NURSE_STARTING_OUT) is None


def test_each_reason_says_what_fits():
    programme = facts(
        "Jenner",
        career_stages=frozenset({"new-to-leadership"}),
        open_to_all_professions=True,
        cost="free",
        format="online_self_paced",
        open_access=True,
    )

    match = assess(programme, Answers(profession="nurse", goal="first_role", band="band_5", setting="online"))

    assert match.reasons == (
        "for first-level leaders",
        "suits leaders at your band or grade",
        "free and open to all staff, self-paced",
        "runs online",
        "you can start now",
    )


def test_a_programme_longer_than_the_time_given_ranks_below_one_that_fits_it():
    stage = frozenset({"new-to-leadership"})
    short = facts("Short", career_stages=stage, duration_months=3)
    long = facts("Long", career_stages=stage, duration_months=12)

    ranked = rank([long, short], Answers(profession="nurse", goal="first_role", time="months"))

    assert [match.programme.title for match in ranked] == ["Short", "Long"]
    assert "takes 3 months, within the time you can give" in ranked[0].reasons


def test_a_programme_for_a_few_professions_outranks_one_for_many():
    few = facts("Few", professions=frozenset({"consultant", "gp"}))
    many = facts("Many", professions=frozenset({"consultant", "gp", "nurse", "manager"}))

    ranked = rank([many, few], Answers(profession="consultant", goal="lead_service"))

    assert [(match.programme.title, match.reasons) for match in ranked] == [
        ("Few", ("aimed specifically at your profession",)),
        ("Many", ("aimed at your profession",)),
    ]


def test_equal_scores_are_ordered_by_title_and_the_list_is_cut_at_the_limit():
    stage = frozenset({"system-leader"})
    programmes = [facts(title, career_stages=stage) for title in ["Delta", "Alpha", "Charlie", "Bravo"]]

    ranked = rank(programmes, Answers(profession="nurse", goal="lead_system"), limit=3)

    assert [match.programme.title for match in ranked] == ["Alpha", "Bravo", "Charlie"]


@pytest.fixture
def real_catalogue(db):
    call_command("load_catalogue", verbosity=0)


def suggestions(client, **answers) -> list:
    response = client.get(FINDER_URL, answers)
    assert response.status_code == 200
    assert response.context["form"].errors == {}
    return response.context["matches"]


def reasons_of(matches, title: str) -> tuple[str, ...]:
    return next(match.reasons for match in matches if match.programme.title == title)


def titles_of(matches) -> list[str]:
    return [match.programme.title for match in matches]


def test_a_band_5_nurse_new_to_leading_is_offered_edward_jenner_first(client, real_catalogue):
    matches = suggestions(client, profession="nurse", band="band_5", goal="first_role")

    assert titles_of(matches)[:2] == ["Edward Jenner programme", "Royal College of Nursing leadership programmes"]
    assert "free and open to all staff, self-paced" in reasons_of(matches, "Edward Jenner programme")
    assert "Aspiring Chief Executives programme" not in titles_of(matches)
    # Source 004 does not say who Mary Seacole is for, so nothing says it is for first-level leaders.
    assert "Mary Seacole programme" not in titles_of(matches)


def test_a_consultant_aiming_to_lead_a_service_is_offered_senior_and_consultant_programmes(client, real_catalogue):
    matches = suggestions(client, profession="consultant", band="consultant", goal="lead_service")

    assert set(titles_of(matches)[:4]) == {
        "Elizabeth Garrett Anderson programme",
        "Leadership for consultants",
        "Royal College of Nursing leadership programmes",
        "Senior Clinical Leaders",
    }
    # FMLM is a professional body for medical leadership; its source does not say who may join.
    assert "Faculty of Medical Leadership and Management (FMLM)" not in titles_of(matches)
    assert reasons_of(matches, "Leadership for consultants") == ("aimed specifically at your profession",)
    assert "Mary Seacole programme" not in titles_of(matches)


def test_an_aspiring_bame_senior_leader_is_offered_the_positive_action_programmes_first(client, real_catalogue):
    matches = suggestions(client, profession="manager", band="band_8a", goal="lead_service", positive_action="yes")

    assert titles_of(matches)[:3] == [
        "Ready Now programme",
        "Stepping Up programme",
        "Tailored support for aspiring BME leaders",
    ]
    assert "for senior leaders" in reasons_of(matches, "Ready Now programme")
    assert all(
        "a positive action programme for Black, Asian and minority ethnic staff" in match.reasons
        for match in matches[:3]
    )


def test_a_social_worker_in_a_system_programme_is_offered_system_leadership(client, real_catalogue):
    matches = suggestions(client, profession="social-worker", goal="lead_system", setting="either")

    assert titles_of(matches)[0] == "Leadership for Change Programme"
    assert reasons_of(matches, "Leadership for Change Programme") == ("for system leaders", "open to all staff")
    # The leaders who took part in Frimley's programme are not a list of who it is for.
    assert "Frimley Health and Care 2020 leadership development programme" not in titles_of(matches)
    assert all("for system leaders" in match.reasons for match in matches[:6])
    assert "Faculty of Medical Leadership and Management (FMLM)" not in titles_of(matches)


@pytest.mark.django_db
def test_the_questions_start_from_what_the_profile_says(client):
    profile = StaffProfileFactory(profession=ProfessionFactory(slug="midwife"), grade="band_6")
    client.force_login(profile.user)

    response = client.get(FINDER_URL)

    assert response.context["matches"] is None
    assert response.context["form"]["profession"].value() == "midwife"
    assert response.context["form"]["band"].value() == "band_6"


@pytest.mark.django_db
def test_answers_the_form_does_not_offer_are_refused_with_messages_not_errors(client):
    response = client.get(FINDER_URL, {"profession": "astronaut", "goal": "rule-the-world", "time": "\x00"})

    assert response.status_code == 200
    assert response.context["matches"] is None
    assert set(response.context["form"].errors) == {"profession", "goal", "time"}
    assert "There is a problem" in response.content.decode()
