"""Bad input gives a form error, a 400 or a 404, changes nothing, and is never a server error."""

import pytest
from django.urls import reverse

from coaching.models import CoachingRequest, CoachProfile
from tests.academies.factories import AcademyFactory
from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory, HlmDimensionFactory, staff_member
from tests.portal.factories import ProfessionFactory, RegionFactory
from tests.programmes.factories import CareerStageFactory, FrameworkElementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"message": "x" * 1001}, "Your message must be 1,000 characters or fewer"),
        ({"message": "   "}, "Write a message to the coach"),
        ({"kind": "coaching"}, "Choose what this coach offers"),
        ({"kind": "everything"}, "Choose what this coach offers"),
        ({"kind": ""}, "Choose coaching or mentoring"),
    ],
)
def test_a_bad_request_form_shows_the_error_and_sends_nothing(client, mentee, data, error):
    coach = CoachProfileFactory(offers_coaching=False)
    client.force_login(mentee)

    response = client.post(coach.get_absolute_url(), {"kind": "mentoring", "message": "Hello", **data})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not CoachingRequest.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/coaching/coaches/abc/",
        "/coaching/coaches/-1/",
        "/coaching/coaches/999999999/",
        "/coaching/coaches/99999999999999999999999999/",
        "/coaching/requests/99999999999999999999999999/",
        "/coaching/requests/0/",
    ],
)
def test_an_invalid_id_in_an_address_is_not_found(client, mentee, url):
    client.force_login(mentee)

    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "boxes",
    [
        {},
        {"held_on_day": "3"},
        {"held_on_day": "30", "held_on_month": "2", "held_on_year": "2026"},
        {"held_on_day": "x", "held_on_month": "y", "held_on_year": "z"},
        {"held_on_day": "1", "held_on_month": "1", "held_on_year": "9" * 50},
    ],
)
def test_a_bad_session_date_is_a_form_error_and_logs_nothing(client, boxes):
    coaching_request = CoachingRequestFactory(accepted=True)
    client.force_login(coaching_request.mentee)

    response = client.post(reverse("coaching:session_log", args=[coaching_request.pk]), boxes)

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not coaching_request.sessions.exists()


@pytest.mark.parametrize("url_name", ["request_accept", "request_close", "session_log"])
def test_the_actions_answer_only_post(client, url_name):
    coaching_request = CoachingRequestFactory(accepted=True)
    client.force_login(coaching_request.coach.user)

    assert client.get(reverse(f"coaching:{url_name}", args=[coaching_request.pk])).status_code == 405


def valid_profile(**changes):
    return {
        "academy": AcademyFactory(local_partner=True).pk,
        "offers": ["coaching"],
        "qualification": "Certificate in coaching",
        "dimensions": [HlmDimensionFactory().pk],
        "professions": [ProfessionFactory().pk],
        "career_stages": [CareerStageFactory().pk],
        "region": RegionFactory().pk,
        "meets": ["online"],
        "max_mentees": "2",
        **changes,
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("dimensions", "not-in-the-model"),
        ("offers", []),
        ("offers", ["everything"]),
        ("meets", ["by-pigeon"]),
        ("max_mentees", "11"),
        ("max_mentees", "-1"),
        ("max_mentees", "two"),
        ("qualification", "q" * 201),
        ("academy", "999999999"),
        ("region", ""),
    ],
)
def test_a_bad_profile_form_shows_the_error_and_saves_nothing(client, field, value):
    client.force_login(staff_member())

    response = client.post(reverse("coaching:profile_edit"), valid_profile(**{field: value}))

    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not CoachProfile.objects.exists()


def test_a_dimension_from_another_framework_is_refused(client):
    client.force_login(staff_member())
    other_framework_element = FrameworkElementFactory()

    response = client.post(reverse("coaching:profile_edit"), valid_profile(dimensions=[other_framework_element.pk]))

    assert 'id="id_dimensions_error"' in response.content.decode()
    assert not CoachProfile.objects.exists()


def test_an_academy_that_does_not_run_the_register_cannot_be_chosen(client):
    client.force_login(staff_member())

    response = client.post(reverse("coaching:profile_edit"), valid_profile(academy=AcademyFactory().pk))

    assert 'id="id_academy_error"' in response.content.decode()
    assert not CoachProfile.objects.exists()
