"""Only the two people in a request ever see it, and each sees the other's e-mail only once the coach accepts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import permissions
from coaching.models import CoachingRequest
from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory, session_date, staff_member

pytestmark = pytest.mark.django_db

REQUEST_POSTS = ["request_accept", "request_decline", "request_withdraw", "request_close", "session_log"]


@pytest.mark.parametrize("state", [{}, {"accepted": True}])
@pytest.mark.parametrize("url_name", ["request_detail", *REQUEST_POSTS])
def test_someone_elses_request_is_not_found_at_any_address_and_nothing_changes(client, url_name, state):
    coaching_request = CoachingRequestFactory(**state)
    before = (coaching_request.status, coaching_request.sessions.count())
    client.force_login(staff_member())
    url = reverse(f"coaching:{url_name}", args=[coaching_request.pk])

    response = client.get(url) if url_name == "request_detail" else client.post(url, session_date(timezone.localdate()))

    assert response.status_code == 404
    coaching_request.refresh_from_db()
    assert (coaching_request.status, coaching_request.sessions.count()) == before


def test_a_coach_does_not_see_requests_made_to_other_coaches(client):
    coaching_request = CoachingRequestFactory()
    client.force_login(CoachProfileFactory().user)

    assert client.get(coaching_request.get_absolute_url()).status_code == 404


def test_the_coachs_email_is_hidden_from_the_mentee_until_the_coach_accepts(client, mentee, coach):
    coaching_request = CoachingRequestFactory(mentee=mentee, coach=coach)
    client.force_login(mentee)
    pages = [reverse("coaching:register"), coach.get_absolute_url(), coaching_request.get_absolute_url()]

    before = [client.get(url).content.decode() for url in pages]
    coaching_request.move_to(CoachingRequest.Status.ACCEPTED)
    coaching_request.save()
    after = client.get(coaching_request.get_absolute_url()).content.decode()

    assert all(coach.user.email not in html for html in before)
    assert "Shared once Cara Coach accepts" in before[2]
    assert f'href="mailto:{coach.user.email}"' in after


def test_the_mentees_email_is_shown_to_the_coach_only_once_accepted(client, mentee, coach):
    coaching_request = CoachingRequestFactory(mentee=mentee, coach=coach)
    client.force_login(coach.user)

    assert mentee.email not in client.get(coaching_request.get_absolute_url()).content.decode()
    client.post(reverse("coaching:request_accept", args=[coaching_request.pk]))
    assert mentee.email in client.get(coaching_request.get_absolute_url()).content.decode()


def test_a_declined_request_never_shares_contact_details(client, mentee, coach):
    coaching_request = CoachingRequestFactory(mentee=mentee, coach=coach, status="declined")
    client.force_login(mentee)

    assert coach.user.email not in client.get(coaching_request.get_absolute_url()).content.decode()


def test_a_pending_profile_is_seen_only_by_its_coach_and_its_academys_admins(client):
    profile = CoachProfileFactory(pending=True)
    url = profile.get_absolute_url()

    client.force_login(staff_member())
    assert client.get(url).status_code == 404
    client.force_login(profile.user)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/coaching/",
        "/coaching/suggestions/",
        "/coaching/mine/",
        "/coaching/profile/",
        "/coaching/academy/",
        "/coaching/coaches/1/",
        "/coaching/requests/1/",
    ],
)
def test_every_coaching_page_needs_a_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("state", "who", "buttons"),
    [
        ({}, "coach", {"accept", "decline"}),
        ({}, "mentee", {"withdraw"}),
        ({}, "stranger", set()),
        ({"accepted": True}, "coach", {"log_session", "close"}),
        ({"accepted": True}, "mentee", {"log_session", "close"}),
        ({"accepted": True}, "stranger", set()),
        ({"closed": True}, "mentee", set()),
        ({"status": "declined"}, "coach", set()),
        ({"status": "withdrawn"}, "mentee", set()),
    ],
)
def test_each_person_is_offered_only_what_they_may_do_now(state, who, buttons):
    coaching_request = CoachingRequestFactory(**state)
    person = {"coach": coaching_request.coach.user, "mentee": coaching_request.mentee, "stranger": staff_member()}[who]

    assert permissions.request_actions(person, coaching_request) == buttons
