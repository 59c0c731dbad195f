from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application, Status
from enrolment.services.manager_support import (
    CommentRequired,
    ManagerLinkInvalid,
    manager_link_token,
    manager_reminders_send,
    manager_respond,
)
from enrolment.tasks import send_manager_reminder_email, send_manager_request_email
from tests.enrolment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting():
    return ApplicationFactory(
        status=Status.AWAITING_MANAGER,
        line_manager_email="manager@example.nhs.test",
        manager_requested_at=timezone.now(),
    )


def test_the_manager_supports_through_the_link_without_an_account(client, waiting):
    url = reverse("enrolment:manager_support", args=[manager_link_token(waiting)])

    assert client.get(url).status_code == 200
    response = client.post(url, {"supported": "yes", "comment": "A great fit."})

    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == Status.UNDER_REVIEW
    assert waiting.manager_comment == "A great fit."
    assert waiting.events.get().actor_label == "Line manager"


@pytest.mark.usefixtures("tasks_run_in_process")
def test_declining_needs_a_reason_and_then_tells_the_applicant(client, waiting, django_capture_on_commit_callbacks):
    url = reverse("enrolment:manager_support", args=[manager_link_token(waiting)])

    response = client.post(url, {"supported": "no", "comment": ""})
    assert 'id="id_comment_error"' in response.content.decode()
    assert Application.objects.get(pk=waiting.pk).status == Status.AWAITING_MANAGER

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"supported": "no", "comment": "Not this year: we are short-staffed."})

    assert Application.objects.get(pk=waiting.pk).status == Status.NOT_SUPPORTED
    assert [message.to for message in mail.outbox] == [[waiting.applicant.email]]
    assert "did not support" in mail.outbox[0].subject


def test_the_link_works_once(client, waiting):
    url = reverse("enrolment:manager_support", args=[manager_link_token(waiting)])
    client.post(url, {"supported": "yes"})

    response = client.post(url, {"supported": "no", "comment": "Changed my mind"})

    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert Application.objects.get(pk=waiting.pk).status == Status.UNDER_REVIEW


def test_a_tampered_link_is_refused_and_changes_nothing(client, waiting):
    token = manager_link_token(waiting)
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")

    response = client.post(reverse("enrolment:manager_support", args=[tampered]), {"supported": "yes"})

    assert response.status_code == 410
    assert "not valid" in response.content.decode()
    assert Application.objects.get(pk=waiting.pk).status == Status.AWAITING_MANAGER


def test_an_expired_link_is_refused(client, waiting, settings):
    token = manager_link_token(waiting)
    settings.MANAGER_LINK_DAYS = 0

    response = client.get(reverse("enrolment:manager_support", args=[token]))

    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_a_link_for_a_withdrawn_application_no_longer_works(waiting):
    token = manager_link_token(waiting)
    waiting.move_to(Status.WITHDRAWN)

    with pytest.raises(ManagerLinkInvalid):
        manager_respond(token=token, supported=True)


def test_the_manager_is_emailed_a_working_link_once(client, waiting):
    assert send_manager_request_email(waiting.pk) is True
    assert send_manager_request_email(waiting.pk) is False

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["manager@example.nhs.test"]
    link = next(line for line in message.body.splitlines() if "/line-manager/" in line).strip()
    assert client.get(urlparse(link).path).status_code == 200


@pytest.mark.usefixtures("tasks_run_in_process")
def test_a_reminder_goes_after_five_days_without_an_answer_and_only_once(waiting, django_capture_on_commit_callbacks):
    Application.objects.filter(pk=waiting.pk).update(manager_requested_at=timezone.now() - timedelta(days=5, hours=1))
    fresh = ApplicationFactory(status=Status.AWAITING_MANAGER, manager_requested_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        assert manager_reminders_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert manager_reminders_send() == 0

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Reminder")
    assert Application.objects.get(pk=fresh.pk).manager_reminded_at is None
    assert send_manager_reminder_email(waiting.pk) is False, "the same reminder is never sent twice"


@pytest.mark.parametrize("comment", ["", "   "])
def test_the_service_itself_refuses_a_decline_without_a_reason(waiting, comment):
    with pytest.raises(CommentRequired):
        manager_respond(token=manager_link_token(waiting), supported=False, comment=comment)

    assert Application.objects.get(pk=waiting.pk).status == Status.AWAITING_MANAGER
