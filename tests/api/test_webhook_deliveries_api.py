"""Webhook deliveries through the academy API (issue 19): a token lists its academy's recent deliveries with every
attempt and answer, in constant queries, and a read-write token sends one again through the workspace's service,
audited with the token's name; a read token may not, and another academy's delivery is not found."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enrolment.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from enrolment.webhooks import WebhookEvent
from portal.models import AuditEntry
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.api.conformance import assert_conforms
from tests.api.test_academy_api import client_with, token_for
from tests.enrolment.webhook_receiver import Receiver

pytestmark = pytest.mark.django_db
LIST = "/api/v1/academy/webhooks/deliveries/"
RESEND = "/api/v1/academy/webhooks/deliveries/{id}/resend/"


@pytest.fixture
def admin():
    return AcademyAdminFactory(academy=AcademyFactory(local_partner=True))


def endpoint_of(academy, url="https://hooks.example.test/portal") -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(academy=academy, url=url, events=list(WebhookEvent.values))


def delivered(endpoint, *answers) -> WebhookDelivery:
    """A delivery to `endpoint` whose attempts got `answers` (status codes) in turn."""
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event_type=WebhookEvent.APPLICATION_SUBMITTED, payload={"data": {"application_id": 1}}
    )
    for code in answers:
        WebhookAttempt.objects.create(delivery=delivery, status_code=code, response_excerpt=f"answered {code}")
    return delivery


def resend(client, delivery, body=None, **kwargs):
    url = reverse("api:academy_webhook_delivery_resend", args=[delivery.pk])
    return client.post(url, body if body is not None else {}, format="json", **kwargs)


def test_the_list_holds_the_academys_deliveries_with_their_attempts_in_constant_queries(admin):
    endpoint = endpoint_of(admin.academy)
    first = delivered(endpoint, 500, 200)
    delivered(endpoint_of(AcademyFactory(local_partner=True)), 200)  # another academy's
    client = client_with(token_for(admin, "read").plain)
    url = reverse("api:academy_webhook_deliveries")
    client.get(url)  # the first use notes when the token was last used: not counted here
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    for _ in range(6):
        delivered(endpoint_of(admin.academy, url=f"https://hooks.example.test/{_}"), 503, 502, 200)
    with CaptureQueriesContext(connection) as many:
        listed = client.get(url).json()

    assert response.status_code == 200
    assert_conforms(response, LIST)
    [row] = response.json()["results"]
    assert (row["id"], row["event_id"], row["endpoint_url"]) == (first.pk, str(first.event_id), endpoint.url)
    assert [(a["status_code"], a["response_excerpt"], a["succeeded"]) for a in row["attempts"]] == [
        (200, "answered 200", True),
        (500, "answered 500", False),
    ]
    assert listed["count"] == 7 and listed["results"][-1]["id"] == first.pk  # newest first
    assert len(many) == len(few)


def test_the_list_filters_by_endpoint_and_refuses_a_bad_filter(admin):
    endpoint, other = endpoint_of(admin.academy), endpoint_of(admin.academy, url="https://other.example.test/")
    mine = delivered(endpoint, 200)
    delivered(other, 200)
    client = client_with(token_for(admin, "read").plain)
    url = reverse("api:academy_webhook_deliveries")

    assert [row["id"] for row in client.get(url, {"endpoint": endpoint.pk}).json()["results"]] == [mine.pk]
    for query, field in (({"endpoint": "first"}, "endpoint"), ({"colour": "blue"}, "colour")):
        bad = client.get(url, query)
        assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
        assert field in bad.json()["errors"]
        assert_conforms(bad, LIST)


@pytest.mark.usefixtures("tasks_run_in_process")
def test_a_resend_is_a_new_attempt_with_the_same_event_id_audited_with_the_tokens_name(
    admin, django_capture_on_commit_callbacks
):
    created = token_for(admin)
    with Receiver() as receiver:
        delivery = delivered(endpoint_of(admin.academy, url=receiver.url), 200)
        with django_capture_on_commit_callbacks(execute=True):
            response = resend(client_with(created.plain), delivery)

    assert response.status_code == 202
    assert_conforms(response, RESEND, "POST")
    assert response.json()["id"] == delivery.pk and response.json()["due"] is True  # as it was when asked
    assert [headers["X-Portal-Event-Id"] for headers, _ in receiver.received] == [str(delivery.event_id)]
    assert [attempt.status_code for attempt in delivery.attempts.order_by("pk")] == [200, 200]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.WEBHOOK_RESENT, object_id=str(delivery.pk))
    assert entry.actor_label == created.token.label and entry.actor == admin.user


def test_a_read_token_may_list_but_not_resend(admin):
    delivery = delivered(endpoint_of(admin.academy), 500)
    client = client_with(token_for(admin, "read").plain)

    assert client.get(reverse("api:academy_webhook_deliveries")).status_code == 200
    response = resend(client, delivery)

    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert_conforms(response, RESEND, "POST")
    assert_nothing_resent(delivery)


def test_another_academys_delivery_is_not_found_and_not_resent(admin):
    theirs = delivered(endpoint_of(AcademyFactory(local_partner=True)), 500)
    client = client_with(token_for(admin).plain)

    response = resend(client, theirs)

    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert_conforms(response, RESEND, "POST")
    assert client.get(reverse("api:academy_webhook_deliveries")).json()["count"] == 0
    assert_nothing_resent(theirs)


@pytest.mark.parametrize(
    "body, field", [({"now": True}, "now"), (["resend"], "non_field_errors")]
)
def test_a_resend_with_fields_it_does_not_take_is_a_400_naming_them_and_changes_nothing(admin, body, field):
    delivery = delivered(endpoint_of(admin.academy), 500)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(due=False)

    response = resend(client_with(token_for(admin).plain), delivery, body)

    assert response.status_code == 400 and field in response.json()["errors"]
    assert_conforms(response, RESEND, "POST")
    assert_nothing_resent(delivery, due=False)


def test_a_resend_with_malformed_json_is_a_400_problem(admin):
    delivery = delivered(endpoint_of(admin.academy), 500)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(due=False)
    url = reverse("api:academy_webhook_delivery_resend", args=[delivery.pk])

    response = client_with(token_for(admin).plain).post(url, "{not json", content_type="application/json")

    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert_nothing_resent(delivery, due=False)


def assert_nothing_resent(delivery, due=True):
    delivery.refresh_from_db()
    assert delivery.due is due and delivery.attempts.count() == 1
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.WEBHOOK_RESENT).exists()
