"""The cache (its own Redis, as the README's production example has it) stopped while staff sign in and submit:
sessions and pages fall back to the database, every submission is saved, every e-mail goes once, a warning is
logged, and /healthz/ready still says a web process can serve. The broker is the test run's Redis, untouched."""

import logging
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from enrolment.models import Application, Status
from enrolment.services.applications import application_start
from portal import cache_backends
from portal.models import EmailDelivery
from tests.conftest import wait_until
from tests.enrolment.factories import CohortFactory, submit_through_the_form
from tests.portal.factories import TEST_PASSWORD, UserFactory
from tests.support.email_backends import sent_emails
from tests.support.servers import RedisServer

APPLICANTS = 3
EMAILS_PER_SUBMISSION = 2  # "Application submitted" to the applicant, and the request to their line manager
REQUEST_TIME_LIMIT = 3  # seconds: a cache outage must not hold a request up


@pytest.fixture
def cache_server(tmp_path, settings):
    server = RedisServer(tmp_path / "cache")
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache_backends.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield server
    server.stop()


@pytest.fixture
def celery_worker_env(email_dir):
    return {
        "TEST_EMAIL_BACKEND": "tests.support.email_backends.RecordingBackend",
        "TEST_EMAIL_DIR": str(email_dir),
    }


def test_a_cache_that_is_down_answers_a_miss_and_warns_once(cache_server, caplog, monkeypatch):
    monkeypatch.setattr(cache_backends, "_last_warning", [float("-inf")])
    cache.set("kept", "value")
    assert cache.get("kept") == "value"
    cache_server.stop()

    with caplog.at_level(logging.WARNING, logger="portal.cache_backends"):
        assert cache.get("kept") is None
        assert cache.get("kept", "default") == "default"
        assert cache.get_many(["kept"]) == {}
        assert cache.add("new", 1) is False
        cache.set("new", 1)
        cache.delete("kept")

    warnings = [record for record in caplog.records if record.name == "portal.cache_backends"]
    assert len(warnings) == 1, "one warning a minute at most, not one per operation"
    assert "The cache is unavailable" in warnings[0].getMessage()


@pytest.mark.django_db(transaction=True)
def test_staff_sign_in_and_submit_while_the_cache_is_down_and_every_email_goes_once(
    cache_server, celery_workers, email_dir, client
):
    cohort = CohortFactory()
    applicants = [UserFactory(with_profile=True) for _ in range(APPLICANTS)]
    drafts = [application_start(applicant=applicant, programme=cohort.programme) for applicant in applicants]
    celery_workers()
    cache_server.stop()

    assert client.get(reverse("healthz_ready")).status_code == 200
    for draft in drafts:
        response = client.post(reverse("login"), {"username": draft.applicant.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, "signing in writes the session to the database alone"
        assert client.get(reverse("enrolment:applications")).status_code == 200
        status, page, seconds = submit_through_the_form(client, draft)
        assert status == 200
        assert "Application submitted" in page
        assert seconds < REQUEST_TIME_LIMIT, f"the submission took {seconds:.1f}s with the cache down"
        client.post(reverse("logout"))

    assert set(Application.objects.values_list("status", flat=True)) == {Status.AWAITING_MANAGER}
    expected = APPLICANTS * EMAILS_PER_SUBMISSION
    wait_until(lambda: len(sent_emails(email_dir)) == expected, timeout=60, message=f"{expected} e-mails sent")
    time.sleep(1)  # a duplicate, if any, would arrive now
    assert len(sent_emails(email_dir)) == expected
    assert EmailDelivery.objects.filter(sent_at__isnull=False).count() == expected
