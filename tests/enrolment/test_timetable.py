"""The learner's timetable: every session on the offer, the confirmation of a place, "My learning", the e-mails of
both, and the line manager's page; the number of queries does not grow with the sessions or the places."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Status
from enrolment.services.manager_support import manager_link_token
from enrolment.tasks import send_application_event_email
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.enrolment.timetable_factories import add_sessions

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_offer_shows_every_session_with_its_time_and_venue_or_joining_link(client):
    offered = ApplicationFactory(offered=True)
    first, _, online = add_sessions(offered.cohort, 3, online_from=3)
    client.force_login(offered.applicant)

    page = client.get(reverse("enrolment:application_detail", args=[offered.pk])).content.decode()

    assert "The timetable you are offered" in page
    assert page.count("Salford Education Centre") == 2
    assert first.when_text in page
    assert "09:30 to 16:00" in first.when_text
    assert f'href="{online.joining_url}"' in page
    assert page.index("Workshop 1") < page.index("Accept the place")


def test_after_accepting_the_confirmation_shows_the_timetable(client):
    offered = ApplicationFactory(offered=True)
    add_sessions(offered.cohort, 2)
    client.force_login(offered.applicant)

    response = client.post(reverse("enrolment:offer_accept", args=[offered.pk]), follow=True)

    page = response.content.decode()
    assert "Place accepted" in page
    assert "Your timetable" in page
    assert "Workshop 1" in page and "Workshop 2" in page


def test_an_application_without_a_place_shows_no_timetable(client):
    waiting = ApplicationFactory(waitlisted=True)
    add_sessions(waiting.cohort, 2)
    client.force_login(waiting.applicant)

    page = client.get(reverse("enrolment:application_detail", args=[waiting.pk])).content.decode()

    assert "Workshop 1" not in page


def test_the_applications_page_asks_the_same_queries_for_one_session_or_twenty(client):
    few = ApplicationFactory(accepted=True)
    many = ApplicationFactory(accepted=True, applicant=few.applicant)
    add_sessions(few.cohort, 1)
    add_sessions(many.cohort, 20)
    client.force_login(few.applicant)
    queries(client, reverse("enrolment:application_detail", args=[few.pk]))  # the signed-in user is now in the cache

    one = queries(client, reverse("enrolment:application_detail", args=[few.pk]))

    assert queries(client, reverse("enrolment:application_detail", args=[many.pk])) == one


def test_my_learning_shows_the_sessions_of_every_place_held_and_no_others(client):
    accepted = ApplicationFactory(accepted=True)
    offered = ApplicationFactory(offered=True, applicant=accepted.applicant)
    waiting = ApplicationFactory(waitlisted=True, applicant=accepted.applicant)
    someone_elses = ApplicationFactory(accepted=True)
    add_sessions(accepted.cohort, 2)
    add_sessions(offered.cohort, 1, online_from=1)
    add_sessions(waiting.cohort, 1)
    add_sessions(someone_elses.cohort, 1)
    client.force_login(accepted.applicant)

    page = client.get(reverse("enrolment:learning")).content.decode()

    assert accepted.cohort.name in page and offered.cohort.name in page
    assert waiting.cohort.name not in page and someone_elses.cohort.name not in page
    assert page.count("Salford Education Centre") == 2
    assert "https://meet.example.nhs.test/workshop-1" in page


def test_my_learning_asks_the_same_queries_whatever_the_places_and_sessions(client):
    accepted = ApplicationFactory(accepted=True)
    add_sessions(accepted.cohort, 1)
    client.force_login(accepted.applicant)
    queries(client, reverse("enrolment:learning"))  # the signed-in user is now in the cache
    one = queries(client, reverse("enrolment:learning"))

    for _ in range(4):
        add_sessions(ApplicationFactory(accepted=True, applicant=accepted.applicant).cohort, 12)

    assert queries(client, reverse("enrolment:learning")) == one


@pytest.mark.parametrize(
    ("source", "target"), [(Status.UNDER_REVIEW, Status.OFFERED), (Status.OFFERED, Status.ACCEPTED)]
)
def test_the_offer_and_confirmation_emails_list_every_session(source, target):
    application = ApplicationFactory(status=source, offer_expires_at=timezone.now() + timedelta(days=7))
    first, online = add_sessions(application.cohort, 2, online_from=2)
    event = application.move_to(target)

    send_application_event_email(event.pk)

    text, html = mail.outbox[0].body, mail.outbox[0].alternatives[0][0]
    assert f"- Workshop 1: {first.when_text}, Salford Education Centre" in text
    assert f"- Workshop 2: {online.when_text}, Online ({online.joining_url})" in text
    assert f'href="{online.joining_url}"' in html


def test_other_emails_give_no_timetable():
    application = ApplicationFactory(under_review=True)
    add_sessions(application.cohort, 2)
    event = application.move_to(Status.WAITLISTED)

    send_application_event_email(event.pk)

    assert "Workshop 1" not in mail.outbox[0].body


def test_the_line_manager_sees_the_time_commitment(client):
    waiting = ApplicationFactory(status=Status.AWAITING_MANAGER, line_manager_email="manager@example.nhs.test")
    sessions = add_sessions(waiting.cohort, 3)

    page = client.get(reverse("enrolment:manager_support", args=[manager_link_token(waiting)])).content.decode()

    days = ", ".join(f"{s.starts_at:%-d %B %Y}" for s in sessions)
    assert f"The cohort meets 3 times, 19.5 hours in all, on 3 days: {days}." in page
    assert sessions[2].when_text in page


def test_the_line_managers_page_asks_the_same_queries_for_one_session_or_twenty(client):
    few = ApplicationFactory(status=Status.AWAITING_MANAGER, line_manager_email="manager@example.nhs.test")
    many = ApplicationFactory(status=Status.AWAITING_MANAGER, line_manager_email="manager@example.nhs.test")
    add_sessions(few.cohort, 1)
    add_sessions(many.cohort, 20)

    one = queries(client, reverse("enrolment:manager_support", args=[manager_link_token(few)]))

    assert queries(client, reverse("enrolment:manager_support", args=[manager_link_token(many)])) == one


def test_the_line_manager_is_told_when_the_dates_are_not_set_yet(client):
    waiting = ApplicationFactory(
        status=Status.AWAITING_MANAGER,
        line_manager_email="manager@example.nhs.test",
        cohort=CohortFactory(),
    )

    page = client.get(reverse("enrolment:manager_support", args=[manager_link_token(waiting)])).content.decode()

    assert "The academy has not set the dates of the cohort's sessions yet." in page
