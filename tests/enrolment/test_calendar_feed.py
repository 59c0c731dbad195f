"""A person's calendar subscription: secret, revocable, with every session of every cohort they hold a place on, and
each session's UID kept while its SEQUENCE rises when it moves."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from enrolment.models import CalendarFeed
from enrolment.services.calendar_feeds import calendar_feed_reset
from enrolment.services.sessions import session_save
from portal.privacy import personal_data_erase, personal_data_export
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.factories import ApplicationFactory
from tests.enrolment.timetable_factories import add_sessions
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def events(client, token) -> dict[str, dict]:
    """The subscription's events by summary, as a calendar app reads them (with no session: the token is the key)."""
    response = client.get(reverse("enrolment:calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_learner_gets_an_address_from_my_learning_with_every_session_of_every_place(client):
    accepted = ApplicationFactory(accepted=True)
    offered = ApplicationFactory(offered=True, applicant=accepted.applicant)
    waiting = ApplicationFactory(waitlisted=True, applicant=accepted.applicant)
    add_sessions(accepted.cohort, 2)
    online = add_sessions(offered.cohort, 1, online_from=1)[0]
    add_sessions(waiting.cohort, 1)
    add_sessions(ApplicationFactory(accepted=True).cohort, 1)
    client.force_login(accepted.applicant)

    response = client.post(reverse("enrolment:calendar_reset"), follow=True)

    token = CalendarFeed.objects.get(person=accepted.applicant).token
    assert reverse("enrolment:calendar_feed", args=[token]) in response.content.decode()
    client.logout()
    found = events(client, token)
    assert sorted(found) == sorted(
        [
            f"Workshop {n}: {application.programme.title}"
            for n, application in ((1, accepted), (2, accepted), (1, offered))
        ]
    )
    event = found[f"Workshop 1: {offered.programme.title}"]
    assert event.decoded("dtstart") == online.starts_at
    assert str(event["location"]) == online.joining_url


def test_a_new_address_stops_the_old_one(client):
    learner = ApplicationFactory(accepted=True).applicant
    old = calendar_feed_reset(person=learner).token
    client.force_login(learner)

    client.post(reverse("enrolment:calendar_reset"))

    new = CalendarFeed.objects.get(person=learner).token
    assert new != old
    assert client.get(reverse("enrolment:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("enrolment:calendar_feed", args=[new])).status_code == 200


def test_each_person_resets_only_their_own_address(client):
    mine = calendar_feed_reset(person=ApplicationFactory(accepted=True).applicant).token
    client.force_login(ApplicationFactory(accepted=True).applicant)

    client.post(reverse("enrolment:calendar_reset"))

    assert CalendarFeed.objects.filter(token=mine).exists()
    assert CalendarFeed.objects.count() == 2


def test_an_address_never_given_or_of_a_deactivated_account_is_not_found(client):
    learner = ApplicationFactory(accepted=True).applicant
    token = calendar_feed_reset(person=learner).token

    assert client.get(reverse("enrolment:calendar_feed", args=["x" * 43])).status_code == 404
    learner.is_active = False
    learner.save()
    assert client.get(reverse("enrolment:calendar_feed", args=[token])).status_code == 404


def test_a_moved_session_keeps_its_uid_and_gets_a_higher_sequence(client):
    accepted = ApplicationFactory(accepted=True)
    session = add_sessions(accepted.cohort, 1)[0]
    token = calendar_feed_reset(person=accepted.applicant).token
    summary = f"Workshop 1: {accepted.programme.title}"
    before = events(client, token)[summary]

    session.starts_at += timedelta(days=1)
    session.ends_at += timedelta(days=1)
    session_save(admin=AcademyAdminFactory(academy=accepted.cohort.academy).user, session=session)

    after = events(client, token)[summary]
    assert after["uid"] == before["uid"]
    assert (before["sequence"], after["sequence"]) == (0, 1)
    assert after.decoded("dtstart") == session.starts_at
    assert after.decoded("last-modified") >= before.decoded("last-modified")


def test_the_subscription_asks_the_same_queries_whatever_the_sessions(client):
    accepted = ApplicationFactory(accepted=True)
    add_sessions(accepted.cohort, 1)
    token = calendar_feed_reset(person=accepted.applicant).token
    url = reverse("enrolment:calendar_feed", args=[token])
    with CaptureQueriesContext(connection) as one:
        client.get(url)

    for _ in range(3):
        add_sessions(ApplicationFactory(accepted=True, applicant=accepted.applicant).cohort, 10)

    with CaptureQueriesContext(connection) as many:
        assert len(events(client, token)) == 31
    assert len(many) == len(one)


def test_the_download_says_a_calendar_address_exists_without_giving_it_and_erasure_removes_it():
    feed, other = calendar_feed_reset(person=UserFactory()), calendar_feed_reset(person=UserFactory())

    exported = personal_data_export(user=feed.person)["calendar_subscription"]
    assert len(exported) == 1 and feed.token not in str(exported)
    personal_data_erase(user=feed.person)

    assert list(CalendarFeed.objects.all()) == [other]
