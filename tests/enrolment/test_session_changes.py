"""A session that moves or is cancelled: everyone holding a place on its cohort gets one e-mail per change, through
the outbox, and a re-run of the task sends nothing more. So does replacing the whole timetable."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from enrolment.models import CohortSession, EnrolmentError, SessionChange
from enrolment.services.sessions import session_delete, session_save
from enrolment.tasks import send_session_change_emails
from portal.models import EmailDelivery
from tests.conftest import wait_until
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.enrolment.timetable_factories import add_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def holders(cohort):
    """Two people with a place on the cohort (one accepted, one offered), and one on its waiting list."""
    return [
        ApplicationFactory(cohort=cohort, accepted=True),
        ApplicationFactory(cohort=cohort, offered=True),
        ApplicationFactory(cohort=cohort, waitlisted=True),
    ]


def session_form(session: CohortSession, **changes) -> dict:
    local = {name: timezone.localtime(getattr(session, name)) for name in ("starts_at", "ends_at")}
    return {
        "title": session.title,
        "kind": session.kind,
        "starts_at": f"{local['starts_at']:%Y-%m-%dT%H:%M}",
        "ends_at": f"{local['ends_at']:%Y-%m-%dT%H:%M}",
        "venue": session.venue,
        **changes,
    }


@pytest.mark.usefixtures("tasks_run_in_process")
def test_moving_a_session_emails_each_place_holder_once(
    client, cohort, admin, holders, django_capture_on_commit_callbacks
):
    session = add_sessions(cohort, 1)[0]
    client.force_login(admin)
    later = timezone.localtime(session.starts_at) + timedelta(days=2)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("enrolment:workspace_session_edit", args=[session.pk]),
            session_form(
                session, starts_at=f"{later:%Y-%m-%dT%H:%M}", ends_at=f"{later + timedelta(hours=6):%Y-%m-%dT%H:%M}"
            ),
        )

    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == sorted(a.applicant.email for a in holders[:2])
    assert mail.outbox[0].subject.startswith("A session has moved")
    assert f"It is now on {later:%-d %B %Y, %H:%M}" in mail.outbox[0].body
    assert CohortSession.objects.get(pk=session.pk).sequence == 1
    change = SessionChange.objects.get()
    assert send_session_change_emails(change.pk) == 0
    assert len(mail.outbox) == 2


@pytest.mark.usefixtures("tasks_run_in_process")
def test_a_new_venue_is_a_change_and_a_new_title_is_not(
    client, cohort, admin, holders, django_capture_on_commit_callbacks
):
    session = add_sessions(cohort, 1)[0]
    client.force_login(admin)
    url = reverse("enrolment:workspace_session_edit", args=[session.pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, session_form(session, title="Opening workshop"))
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, session_form(session, title="Opening workshop", venue="Manchester Town Hall"))
    assert len(mail.outbox) == 2
    assert "Manchester Town Hall" in mail.outbox[0].body


@pytest.mark.usefixtures("tasks_run_in_process")
def test_cancelling_a_session_emails_each_place_holder_once(
    client, cohort, admin, holders, django_capture_on_commit_callbacks
):
    session = add_sessions(cohort, 2)[1]
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("enrolment:workspace_session_delete", args=[session.pk]))

    assert not CohortSession.objects.filter(pk=session.pk).exists()
    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject.startswith("A session has been cancelled")
    assert (
        f"Workshop 2 of {cohort.name} on {timezone.localtime(session.starts_at):%-d %B %Y, %H:%M} has been cancelled"
        in mail.outbox[0].body
    )
    assert send_session_change_emails(SessionChange.objects.get().pk) == 0


def test_a_session_already_over_is_deleted_without_telling_anyone(cohort, admin, holders):
    session = add_sessions(cohort, 1)[0]
    CohortSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2, hours=-3)
    )

    session_delete(admin=admin, session_id=session.pk)

    assert not SessionChange.objects.exists()


def test_a_session_cannot_be_moved_into_another_cohort(cohort, admin, academy):
    session = add_sessions(cohort, 1)[0]
    session.cohort = CohortFactory(programme=cohort.programme, academy=academy)

    with pytest.raises(EnrolmentError, match="stays in its cohort"):
        session_save(admin=admin, session=session)

    assert CohortSession.objects.get(pk=session.pk).cohort_id == cohort.pk
    assert not SessionChange.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_one_email_per_place_holder_for_a_move(celery_worker_process, cohort, admin, holders):
    session = add_sessions(cohort, 1)[0]
    session.venue = "Manchester Town Hall"

    session_save(admin=admin, session=session)

    wait_until(
        lambda: EmailDelivery.objects.filter(key__startswith="session-change:", sent_at__isnull=False).count() == 2,
        message="one e-mail to each of the two place holders",
    )
    assert send_session_change_emails(SessionChange.objects.get().pk) == 0
    assert EmailDelivery.objects.filter(key__startswith="session-change:").count() == 2


GENERATE = {"title": "Workshop", "kind": "workshop", "every_weeks": "4", "starts_at": "09:30", "hours": "6",
            "venue": "Salford Education Centre"}


@pytest.mark.usefixtures("tasks_run_in_process")
def test_replacing_the_timetable_emails_each_place_holder_once(
    client, cohort, admin, holders, django_capture_on_commit_callbacks
):
    add_sessions(cohort, 2)
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("enrolment:workspace_sessions_generate", args=[cohort.pk]), GENERATE)

    assert response.status_code == 302
    sessions = list(cohort.sessions.order_by("starts_at"))
    assert sorted(message.to[0] for message in mail.outbox) == sorted(a.applicant.email for a in holders[:2])
    assert mail.outbox[0].subject.startswith("Your timetable has changed")
    assert (
        f"a new timetable for {cohort.name}: {len(sessions)} sessions, from "
        f"{timezone.localtime(sessions[0].starts_at):%-d %B %Y, %H:%M}" in mail.outbox[0].body
    )
    assert send_session_change_emails(SessionChange.objects.get(kind=SessionChange.Kind.REPLACED).pk) == 0
    assert len(mail.outbox) == 2


@pytest.mark.usefixtures("tasks_run_in_process")
def test_a_timetable_set_before_anyone_holds_a_place_tells_nobody(
    client, cohort, admin, django_capture_on_commit_callbacks
):
    ApplicationFactory(cohort=cohort, waitlisted=True)
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("enrolment:workspace_sessions_generate", args=[cohort.pk]), GENERATE)

    assert cohort.sessions.exists()
    assert mail.outbox == []
    assert not SessionChange.objects.exists()
