"""The Django admin shows the register but changes nothing in it: the services' rules (a coach's limit, the
academy's approval, the dates of sessions) would otherwise be bypassed there."""

import pytest
from django.urls import reverse

from coaching.models import CoachingRequest, CoachingSession, CoachProfile
from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def national_admin(client):
    client.force_login(UserFactory(national_admin=True))


def test_a_coach_profile_is_shown_but_neither_added_nor_changed(client):
    coach = CoachProfileFactory(max_mentees=2)
    CoachingRequestFactory.create_batch(2, coach=coach, accepted=True)
    change_url = reverse("admin:coaching_coachprofile_change", args=[coach.pk])

    shown = client.get(change_url)
    changed = client.post(change_url, {"max_mentees": "0", "status": CoachProfile.Status.REJECTED})

    assert shown.status_code == 200
    assert 'name="max_mentees"' not in shown.content.decode()
    assert changed.status_code == 403
    assert client.get(reverse("admin:coaching_coachprofile_add")).status_code == 403
    coach.refresh_from_db()
    assert (coach.max_mentees, coach.status) == (2, CoachProfile.Status.APPROVED)


def test_no_request_or_session_is_added_or_changed(client):
    relationship = CoachingRequestFactory(accepted=True)
    change_url = reverse("admin:coaching_coachingrequest_change", args=[relationship.pk])

    changed = client.post(
        change_url,
        {
            "sessions-TOTAL_FORMS": "1",
            "sessions-INITIAL_FORMS": "0",
            "sessions-0-held_on": "2001-01-01",
            "sessions-0-request": relationship.pk,
        },
    )

    assert changed.status_code == 403
    assert client.get(reverse("admin:coaching_coachingrequest_add")).status_code == 403
    assert not CoachingSession.objects.exists()
    assert CoachingRequest.objects.get(pk=relationship.pk).status == CoachingRequest.Status.ACCEPTED
