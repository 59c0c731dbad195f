"""Suggested matches: ranked by fit with a reason for each, never a conflict of interest, never a full coach."""

import pytest
from django.urls import reverse

from coaching.selectors import coach_suggestions
from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory, HlmDimensionFactory, staff_member
from tests.portal.factories import ProfessionFactory, RegionFactory
from tests.programmes.factories import CareerStageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse():
    return ProfessionFactory(name="Nurse")


@pytest.fixture
def engaging():
    return HlmDimensionFactory(name="Engaging the team")


@pytest.fixture
def mid_level():
    return CareerStageFactory(name="Mid-level leader")


def suggest(mentee, **wanted):
    return coach_suggestions(
        mentee=mentee,
        dimensions=wanted.get("dimensions", []),
        career_stage=wanted.get("career_stage"),
        kind=wanted.get("kind", ""),
    )


def names(suggestions):
    return [suggestion.coach.user.full_name for suggestion in suggestions]


def test_the_closest_fit_comes_first_and_each_suggestion_says_why(mentee, region, nurse, engaging, mid_level):
    mentee.profile.profession = nurse
    mentee.profile.save()
    CoachProfileFactory(
        user__full_name="Best Fit", region=region, dimensions=[engaging], professions=[nurse], career_stages=[mid_level]
    )
    CoachProfileFactory(user__full_name="Online Elsewhere", region=RegionFactory(), meets_online=True)
    CoachProfileFactory(user__full_name="Same Region Only", region=region)

    suggestions = suggest(mentee, dimensions=[engaging], career_stage=mid_level)

    assert names(suggestions) == ["Best Fit", "Same Region Only", "Online Elsewhere"]
    assert suggestions[0].reasons == [
        "Based in your region, North West",
        "Helps with Engaging the team",
        "Works with your profession: Nurse",
        "Works with leaders at your level: Mid-level leader",
        "2 of 2 places free",
    ]
    assert suggestions[2].reasons == ["Meets online", "2 of 2 places free"]


def test_someone_in_the_mentees_own_organisation_is_never_suggested_however_well_they_fit(mentee, region, engaging):
    CoachProfileFactory(
        user__full_name="Colleague", user__profile__organisation=mentee.profile.organisation, region=region,
        dimensions=[engaging], meets_online=True,
    )
    CoachProfileFactory(user__full_name="Outsider", region=region)

    assert names(suggest(mentee, dimensions=[engaging])) == ["Outsider"]


def test_a_full_coach_is_never_suggested(mentee, region):
    full = CoachProfileFactory(user__full_name="Full Coach", region=region, max_mentees=1)
    CoachingRequestFactory(coach=full, accepted=True)
    CoachProfileFactory(user__full_name="Paused Coach", region=region, max_mentees=0)

    assert names(suggest(mentee)) == []


def test_more_free_places_break_a_tie(mentee, region):
    CoachProfileFactory(user__full_name="One Place Left", region=region, max_mentees=3)
    busier = CoachProfileFactory(user__full_name="Aaa Busier", region=region, max_mentees=3)
    CoachingRequestFactory.create_batch(2, coach=busier, accepted=True)

    suggestions = suggest(mentee)

    assert names(suggestions) == ["One Place Left", "Aaa Busier"]
    assert suggestions[1].reasons[-1] == "1 of 3 places free"


def test_only_coaches_the_mentee_could_meet_and_ask_are_suggested(mentee, region):
    CoachProfileFactory(user__full_name="In Person Far Away", region=RegionFactory(), meets_online=False)
    CoachProfileFactory(user__full_name="Awaiting Approval", region=region, pending=True)
    already = CoachProfileFactory(user__full_name="Already Asked", region=region)
    CoachingRequestFactory(mentee=mentee, coach=already)
    CoachProfileFactory(user=mentee, region=region)

    assert names(suggest(mentee)) == []


def test_asking_for_mentoring_leaves_out_coaches_who_only_coach(mentee, region):
    CoachProfileFactory(user__full_name="Coach Only", region=region, offers_mentoring=False)
    CoachProfileFactory(user__full_name="Mentor Too", region=region)

    assert names(suggest(mentee, kind="mentoring")) == ["Mentor Too"]


def test_the_suggestions_page_lists_the_reasons(client, mentee, region, engaging):
    CoachProfileFactory(user__full_name="Best Fit", region=region, dimensions=[engaging])
    client.force_login(mentee)

    html = client.get(reverse("coaching:suggestions"), {"dimensions": [engaging.pk]}).content.decode()

    assert "Best Fit" in html
    assert "Why we suggest them" in html
    assert "Helps with Engaging the team" in html


def test_without_an_organisation_the_page_asks_for_one_and_suggests_nobody(client, region):
    CoachProfileFactory(region=region, meets_online=True, user__full_name="Online Coach")
    client.force_login(staff_member(organisation=None))

    html = client.get(reverse("coaching:suggestions")).content.decode()

    assert "Add your organisation to" in html
    assert "Online Coach" not in html
