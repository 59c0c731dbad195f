"""portal.metrics: /metrics in Prometheus's text format, for a scraper holding METRICS_TOKEN only."""

import pytest
from django.core import mail
from django.db import transaction
from prometheus_client.parser import text_string_to_metric_families

from portal.locking import RowBusy, lock_row
from portal.metrics import metrics_count
from portal.models import OutboxMessage, User
from portal.notifications import email_send_once
from portal.outbox import outbox_enqueue
from tests.portal.factories import UserFactory
from tests.support.locks import HeldLock

pytestmark = pytest.mark.django_db

TOKEN = "a-metrics-token-for-the-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN


def scrape(client) -> dict[str, float]:
    """Every sample of /metrics by name and labels, e.g. 'portal_outbox_backlog{state="waiting"}'."""
    response = client.get("/metrics", headers=AUTH)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain; version=")
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            labels = ",".join(f'{key}="{value}"' for key, value in sorted(sample.labels.items()))
            samples[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return samples


def test_the_endpoint_is_off_without_a_token(client):
    assert client.get("/metrics", headers=AUTH).status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Bearer {TOKEN}x", TOKEN, f"Basic {TOKEN}"])
def test_the_endpoint_refuses_a_missing_or_wrong_token(client, metrics_on, header):
    response = client.get("/metrics", headers={"Authorization": header} if header else {})

    assert response.status_code == 401 and response["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert b"portal_" not in response.content


def test_a_signed_in_national_admin_still_needs_the_token(client, metrics_on):
    client.force_login(UserFactory(national_admin=True))

    assert client.get("/metrics").status_code == 401


def test_request_latency_is_counted_by_route_and_status(client, metrics_on):
    before = scrape(client).get('portal_request_duration_seconds_count{method="GET",route="about",status="2xx"}', 0)
    client.get("/about/")
    client.get("/nowhere/")

    after = scrape(client)
    assert after['portal_request_duration_seconds_count{method="GET",route="about",status="2xx"}'] == before + 1
    assert after['portal_request_duration_seconds_count{method="GET",route="none",status="4xx"}'] >= 1


def test_the_outbox_backlog_by_state(client, metrics_on):
    outbox_enqueue("portal.tasks.heartbeat")
    outbox_enqueue("portal.tasks.heartbeat")
    OutboxMessage.objects.filter(pk=outbox_enqueue("portal.tasks.heartbeat").pk).update(failed_at="2026-01-01T00:00Z")

    samples = scrape(client)
    assert samples['portal_outbox_backlog{state="waiting"}'] == 2
    assert samples['portal_outbox_backlog{state="failed"}'] == 1
    assert samples['portal_outbox_backlog{state="published"}'] == 0


def test_the_queue_depth_of_the_broker(client, metrics_on):
    from config.celery import app

    app.control.purge()
    app.tasks["portal.tasks.heartbeat"].apply_async()

    assert scrape(client)['portal_queue_depth{queue="celery"}'] == 1
    app.control.purge()


def test_emails_sent_and_failed_are_counted(client, metrics_on, monkeypatch):
    user = UserFactory()
    email_send_once(key="m:1", to=user.email, subject="Hello", template="welcome", context={"user": user})

    def mail_server_down(self, *args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", mail_server_down)
    with pytest.raises(ConnectionError):
        email_send_once(key="m:2", to=user.email, subject="Hello", template="welcome", context={"user": user})

    samples = scrape(client)
    assert len(mail.outbox) == 1
    assert samples["portal_emails_sent_total"] == 1 and samples["portal_emails_failed_total"] == 1


@pytest.mark.django_db(transaction=True)
def test_lock_timeouts_are_counted(client, metrics_on, settings):
    settings.LOCK_TIMEOUT_MS = 100
    user = UserFactory()
    with HeldLock(User, user.pk), pytest.raises(RowBusy), transaction.atomic():
        lock_row(User.objects, pk=user.pk)

    assert scrape(client)["portal_lock_timeouts_total"] == 1


def test_replica_lag_is_absent_without_a_replica_and_read_from_it_when_there_is_one(client, metrics_on, monkeypatch):
    assert not any(name.startswith("portal_replica_lag") for name in scrape(client))

    monkeypatch.setattr("portal.metrics.REPLICA", "default")  # a primary, which replays nothing: lag 0
    assert scrape(client)["portal_replica_lag_seconds"] == 0


def test_an_empty_queue_has_depth_zero(client, metrics_on):
    from config.celery import app

    app.control.purge()

    assert scrape(client)['portal_queue_depth{queue="celery"}'] == 0


def test_a_cache_that_fails_never_fails_the_caller(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    metrics_count("emails_sent")  # dummy cache: incr raises ValueError, swallowed
