"""Asking a coach, and the relationship that follows: accept, decline, withdraw, sessions, close."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import CapacityReached, CoachingError, CoachingRequest, CoachProfile, InvalidTransition
from tests.coaching.factories import (
    CoachingRequestFactory,
    CoachingSessionFactory,
    CoachProfileFactory,
    session_date,
    staff_member,
)

pytestmark = pytest.mark.django_db


def ask(client, coach, **data):
    data = {"kind": "coaching", "message": "Hello", **data}
    return client.post(reverse("coaching:coach_detail", args=[coach.pk]), data)


def test_a_staff_member_asks_a_listed_coach_and_the_coach_is_told_once_it_commits(
    client, mentee, coach, django_capture_on_commit_callbacks
):
    client.force_login(mentee)

    with django_capture_on_commit_callbacks() as callbacks:
        response = ask(client, coach, message="I would like help leading my new team.")

    coaching_request = CoachingRequest.objects.get()
    assert response.status_code == 302
    assert response.url == coaching_request.get_absolute_url()
    assert (coaching_request.mentee, coaching_request.coach, coaching_request.status) == (mentee, coach, "requested")
    assert coaching_request.message == "I would like help leading my new team."
    assert len(callbacks) == 1


def test_the_coach_accepts_and_the_relationship_starts(client, coach):
    coaching_request = CoachingRequestFactory(coach=coach)
    client.force_login(coach.user)

    response = client.post(reverse("coaching:request_accept", args=[coaching_request.pk]), follow=True)

    coaching_request.refresh_from_db()
    assert coaching_request.status == "accepted"
    assert coaching_request.accepted_at is not None
    assert "You have accepted the request" in response.content.decode()


def test_the_coach_declines_and_nothing_starts(client, coach):
    coaching_request = CoachingRequestFactory(coach=coach)
    client.force_login(coach.user)

    client.post(reverse("coaching:request_decline", args=[coaching_request.pk]))

    coaching_request.refresh_from_db()
    assert (coaching_request.status, coaching_request.accepted_at) == ("declined", None)


def test_the_mentee_withdraws_a_request_not_yet_answered(client, mentee, coach):
    coaching_request = CoachingRequestFactory(mentee=mentee, coach=coach)
    client.force_login(mentee)

    client.post(reverse("coaching:request_withdraw", args=[coaching_request.pk]))

    coaching_request.refresh_from_db()
    assert coaching_request.status == "withdrawn"


def test_the_mentee_cannot_accept_their_own_request_and_nothing_changes(client, mentee, coach):
    coaching_request = CoachingRequestFactory(mentee=mentee, coach=coach)
    client.force_login(mentee)

    response = client.post(reverse("coaching:request_accept", args=[coaching_request.pk]), follow=True)

    coaching_request.refresh_from_db()
    assert coaching_request.status == "requested"
    assert "There is no such request" in response.content.decode()


def test_the_coach_cannot_withdraw_the_mentees_request():
    coaching_request = CoachingRequestFactory()

    with pytest.raises(CoachingError, match="no such request"):
        services.coaching_request_withdraw(request_id=coaching_request.pk, mentee=coaching_request.coach.user)


@pytest.mark.parametrize("side", ["mentee", "coach"])
def test_either_side_closes_the_relationship_which_frees_the_place(client, side):
    coaching_request = CoachingRequestFactory(accepted=True)
    person = coaching_request.mentee if side == "mentee" else coaching_request.coach.user
    client.force_login(person)

    client.post(reverse("coaching:request_close", args=[coaching_request.pk]))

    coaching_request.refresh_from_db()
    assert coaching_request.status == "closed"
    assert coaching_request.closed_by == person
    assert coaching_request.closed_at is not None
    assert CoachProfile.objects.with_active_mentees().get(pk=coaching_request.coach_id).active_mentees == 0


@pytest.mark.parametrize("side", ["mentee", "coach"])
def test_either_side_logs_a_session_held(client, side):
    coaching_request = CoachingRequestFactory(accepted=True)
    person = coaching_request.mentee if side == "mentee" else coaching_request.coach.user
    client.force_login(person)

    response = client.post(
        reverse("coaching:session_log", args=[coaching_request.pk]), session_date(timezone.localdate())
    )

    assert response.status_code == 302
    session = coaching_request.sessions.get()
    assert (session.held_on, session.logged_by) == (timezone.localdate(), person)


def test_a_session_logged_by_one_side_is_not_counted_twice_when_the_other_logs_it():
    session = CoachingSessionFactory()

    with pytest.raises(CoachingError, match="already logged"):
        services.coaching_session_log(
            request_id=session.request.pk, user=session.request.coach.user, held_on=session.held_on
        )

    assert session.request.sessions.count() == 1


@pytest.mark.parametrize("days_from_today", [1, -2])
def test_a_session_must_fall_between_the_start_of_the_relationship_and_today(client, days_from_today):
    coaching_request = CoachingRequestFactory(accepted=True)
    client.force_login(coaching_request.mentee)
    day = timezone.localdate() + timedelta(days=days_from_today)

    response = client.post(reverse("coaching:session_log", args=[coaching_request.pk]), session_date(day))

    assert response.status_code == 200
    assert "Enter a date between" in response.content.decode()
    assert not coaching_request.sessions.exists()


@pytest.mark.parametrize("status", ["requested", "declined", "closed"])
def test_sessions_can_be_logged_only_while_the_relationship_is_active(status):
    traits = {"requested": {}, "declined": {"status": "declined"}, "closed": {"closed": True}}[status]
    coaching_request = CoachingRequestFactory(**traits)

    with pytest.raises(CoachingError, match="only while the relationship is active"):
        services.coaching_session_log(
            request_id=coaching_request.pk, user=coaching_request.mentee, held_on=timezone.localdate()
        )


def test_accepting_a_request_already_declined_is_refused_by_the_transition_table():
    coaching_request = CoachingRequestFactory(status="declined")

    with pytest.raises(InvalidTransition):
        services.coaching_request_accept(request_id=coaching_request.pk, coach_user=coaching_request.coach.user)


def test_a_full_coach_cannot_accept_another_and_is_told_why(client, coach):
    CoachingRequestFactory.create_batch(2, coach=coach, accepted=True)
    waiting = CoachingRequestFactory(coach=coach)
    client.force_login(coach.user)

    response = client.post(reverse("coaching:request_accept", args=[waiting.pk]), follow=True)

    waiting.refresh_from_db()
    assert waiting.status == "requested"
    assert "You already have 2 of the 2 people you take at once" in response.content.decode()


def test_capacity_is_counted_from_active_relationships_only():
    coach = CoachProfileFactory(max_mentees=1)
    CoachingRequestFactory(coach=coach, closed=True)
    CoachingRequestFactory(coach=coach, status="declined")
    waiting = CoachingRequestFactory(coach=coach)

    services.coaching_request_accept(request_id=waiting.pk, coach_user=coach.user)

    with pytest.raises(CapacityReached):
        services.coaching_request_accept(request_id=CoachingRequestFactory(coach=coach).pk, coach_user=coach.user)


def test_a_coach_whose_profile_went_back_for_approval_cannot_accept_until_approved():
    coaching_request = CoachingRequestFactory(coach=CoachProfileFactory(pending=True))

    with pytest.raises(CoachingError, match="waiting for your academy's approval"):
        services.coaching_request_accept(request_id=coaching_request.pk, coach_user=coaching_request.coach.user)


def test_a_mentee_who_moved_into_the_coachs_organisation_cannot_be_accepted(coach):
    coaching_request = CoachingRequestFactory(coach=coach)
    coaching_request.mentee.profile.organisation = coach.user.profile.organisation
    coaching_request.mentee.profile.save()

    with pytest.raises(CoachingError, match="conflict of interest"):
        services.coaching_request_accept(request_id=coaching_request.pk, coach_user=coach.user)


@pytest.mark.parametrize(
    ("situation", "reason"),
    [
        ("same organisation", "conflict of interest"),
        ("full", "no free place"),
        ("already asked", "already asked this coach"),
        ("no organisation", "Add your organisation to your profile"),
        ("own profile", "This is your profile"),
    ],
)
def test_a_request_the_rules_refuse_shows_why_instead_of_the_form_and_creates_nothing(
    client, mentee, coach, situation, reason
):
    if situation == "same organisation":
        mentee.profile.organisation = coach.user.profile.organisation
        mentee.profile.save()
    elif situation == "full":
        CoachingRequestFactory.create_batch(2, coach=coach, accepted=True)
    elif situation == "already asked":
        CoachingRequestFactory(mentee=mentee, coach=coach)
    elif situation == "no organisation":
        mentee = staff_member(organisation=None)
    elif situation == "own profile":
        mentee = coach.user
    before = CoachingRequest.objects.count()
    client.force_login(mentee)

    page = client.get(reverse("coaching:coach_detail", args=[coach.pk])).content.decode()
    response = ask(client, coach)

    assert reason in page
    assert 'name="message"' not in page
    assert response.status_code == 200
    assert CoachingRequest.objects.count() == before


def test_a_mentee_can_ask_for_mentoring_only_from_a_coach_who_offers_it(mentee):
    coach = CoachProfileFactory(offers_mentoring=False)

    with pytest.raises(CoachingError, match="does not offer mentoring"):
        services.coaching_request_create(mentee=mentee, coach_id=coach.pk, kind="mentoring", message="Hello")


def test_a_closed_relationship_lets_the_mentee_ask_the_same_coach_again(mentee, coach):
    CoachingRequestFactory(mentee=mentee, coach=coach, closed=True)

    again = services.coaching_request_create(mentee=mentee, coach_id=coach.pk, kind="coaching", message="Again")

    assert again.status == "requested"


def test_my_coaching_lists_both_sides_with_sessions_counted(client, mentee, coach):
    as_mentee = CoachingRequestFactory(mentee=mentee, coach=coach, accepted=True)
    CoachingSessionFactory(request=as_mentee)
    own_profile = CoachProfileFactory(user=mentee)
    CoachingRequestFactory(coach=own_profile, mentee__full_name="Pat Asker")
    client.force_login(mentee)

    html = client.get(reverse("coaching:mine")).content.decode()

    assert "Cara Coach" in html
    assert "Pat Asker" in html
    assert '<td class="nhsuk-table__cell nhsuk-table__cell--numeric">1</td>' in html
