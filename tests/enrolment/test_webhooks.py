"""Webhooks: a real HTTP receiver on loopback gets each event once per attempt, signed; a failing receiver gets
retries; a resend is a new attempt, recorded; a private address is refused; nothing of another academy's."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse

from enrolment.models import Application, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from enrolment.services.decisions import application_offer
from enrolment.services.offers import offer_accept
from enrolment.services.webhooks import (
    WebhookRefused,
    webhook_delivery_resend,
    webhook_endpoint_create,
    webhook_url_problem,
)
from enrolment.webhook_sender import webhook_delivery_send
from enrolment.webhooks import WebhookEvent
from portal.models import AuditEntry
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory
from tests.enrolment.webhook_receiver import Receiver, valid_signature

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_in_process")]
ALL_EVENTS = list(WebhookEvent.values)


def test_the_receiver_gets_each_event_once_signed(
    client, admin, academy, cohort, receiver, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    response = client.post(
        reverse("enrolment:workspace_webhook_create"),
        {"academy": academy.pk, "url": receiver.url, "events": ALL_EVENTS},
    )
    endpoint = WebhookEndpoint.objects.get(academy=academy)
    assert endpoint.secret in response.content.decode()  # shown once, on the page that registered it
    assert AuditEntry.objects.filter(action=AuditEntry.Action.WEBHOOK_CREATED, object_id=str(endpoint.pk)).exists()
    application = ApplicationFactory(cohort=cohort, under_review=True)

    with django_capture_on_commit_callbacks(execute=True):
        application_offer(application_id=application.pk, admin=admin)
    with django_capture_on_commit_callbacks(execute=True):
        offer_accept(application_id=application.pk, applicant=application.applicant)

    assert [event["type"] for event in receiver.events()] == ["application.decided", "application.offer_accepted"]
    for (headers, body), delivery in zip(receiver.received, WebhookDelivery.objects.order_by("pk"), strict=True):
        assert valid_signature(headers, body, endpoint.secret)
        assert headers["X-Portal-Event-Id"] == str(delivery.event_id) == json.loads(body)["id"]
        assert json.loads(body)["data"]["application_id"] == application.pk
        assert delivery.delivered_at is not None and not delivery.due
        assert [a.status_code for a in delivery.attempts.all()] == [200]


def test_a_delivered_event_is_not_sent_again_by_a_rerun(admin, academy, cohort, receiver):
    endpoint = webhook_endpoint_create(admin=admin, academy_id=academy.pk, url=receiver.url, events=ALL_EVENTS)
    application = ApplicationFactory(cohort=cohort, under_review=True)
    application_offer(application_id=application.pk, admin=admin)  # the test's transaction never commits: no task
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)

    assert webhook_delivery_send(delivery_id=delivery.pk) is True
    assert webhook_delivery_send(delivery_id=delivery.pk) is False

    assert len(receiver.received) == 1


@pytest.fixture
def eager_retries():
    """Celery runs an eager task's retries at once (countdown ignored) only when it does not propagate the Retry."""
    from config.celery import app

    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


def test_a_failing_receiver_gets_retries_with_the_same_event_id(
    admin, academy, cohort, django_capture_on_commit_callbacks, eager_retries
):
    failing = Receiver(answers=[500, 503])
    webhook_endpoint_create(admin=admin, academy_id=academy.pk, url=failing.url, events=ALL_EVENTS)
    application = ApplicationFactory(cohort=cohort, under_review=True)

    with django_capture_on_commit_callbacks(execute=True):
        application_offer(application_id=application.pk, admin=admin)
    failing.server.shutdown()

    delivery = WebhookDelivery.objects.get()
    assert [a.status_code for a in delivery.attempts.all()] == [500, 503, 200]
    assert delivery.attempts.first().response_excerpt == "receiver broke"
    assert {headers["X-Portal-Event-Id"] for headers, _ in failing.received} == {str(delivery.event_id)}
    assert delivery.delivered_at is not None


def test_a_resend_is_a_new_attempt_recorded(
    client, admin, academy, cohort, receiver, django_capture_on_commit_callbacks
):
    webhook_endpoint_create(admin=admin, academy_id=academy.pk, url=receiver.url, events=ALL_EVENTS)
    application = ApplicationFactory(cohort=cohort, under_review=True)
    with django_capture_on_commit_callbacks(execute=True):
        application_offer(application_id=application.pk, admin=admin)
    delivery = WebhookDelivery.objects.get()
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("enrolment:workspace_webhook_resend", args=[delivery.pk]))

    assert response.status_code == 302
    assert delivery.attempts.count() == 2
    assert [headers["X-Portal-Event-Id"] for headers, _ in receiver.received] == [str(delivery.event_id)] * 2
    assert AuditEntry.objects.filter(action=AuditEntry.Action.WEBHOOK_RESENT, object_id=str(delivery.pk)).exists()
    page = client.get(reverse("enrolment:workspace_webhook", args=[delivery.endpoint_id])).content.decode()
    assert "HTTP 200" in page and "thanks" in page


def test_another_academys_admin_can_neither_see_nor_resend(client, admin, academy, cohort):
    endpoint = WebhookEndpoint.objects.create(academy=academy, url="https://hooks.example.test/", events=ALL_EVENTS)
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event_type="cohort.changed", payload={})
    outsider = AcademyAdminFactory(academy=AcademyFactory(local_partner=True)).user
    client.force_login(outsider)

    assert client.post(reverse("enrolment:workspace_webhook_resend", args=[delivery.pk])).status_code == 404
    assert client.post(reverse("enrolment:workspace_webhook_delete", args=[endpoint.pk])).status_code == 404
    with pytest.raises(WebhookRefused):
        webhook_delivery_resend(admin=outsider, delivery_id=delivery.pk)
    with pytest.raises(WebhookRefused):
        webhook_endpoint_create(admin=outsider, academy_id=academy.pk, url="https://hooks.example.test/", events=["x"])
    assert WebhookEndpoint.objects.count() == 1 and not delivery.attempts.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hooks",
        "https://127.0.0.1/hooks",
        "https://10.1.2.3/hooks",
        "https://169.254.169.254/",
        "https://[::1]/hooks",
        "https://192.168.0.10/",
        "ftp://example.nhs.uk/",
        "https://localhost/",
    ],
)
def test_a_private_loopback_or_link_local_address_is_refused_outside_tests(client, admin, academy, url):
    client.force_login(admin)

    with override_settings(WEBHOOKS_ALLOW_LOOPBACK=False):
        assert webhook_url_problem(url) is not None
        response = client.post(
            reverse("enrolment:workspace_webhook_create"), {"academy": academy.pk, "url": url, "events": ALL_EVENTS}
        )

    assert response.status_code == 200
    assert "error" in response.content.decode().lower()
    assert not WebhookEndpoint.objects.exists()
    assert webhook_url_problem("https://8.8.8.8/hooks") is None


def test_a_cohort_change_is_sent(admin, academy, cohort, receiver, django_capture_on_commit_callbacks):
    from enrolment.services.cohorts import cohort_update

    webhook_endpoint_create(admin=admin, academy_id=academy.pk, url=receiver.url, events=[WebhookEvent.COHORT_CHANGED])
    ApplicationFactory(cohort=cohort, under_review=True, status=Application.Status.UNDER_REVIEW)

    with django_capture_on_commit_callbacks(execute=True):
        cohort_update(admin=admin, cohort_id=cohort.pk, capacity=5)

    assert [(e["type"], e["data"]["capacity"]) for e in receiver.events()] == [("cohort.changed", 5)]
    assert WebhookAttempt.objects.count() == 1
