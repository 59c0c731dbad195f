"""Login attempts are limited per e-mail address and IP address (django-axes), with a page that says what to do."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.portal.factories import TEST_PASSWORD, UserFactory
from tests.portal.test_settings import ROOT

pytestmark = pytest.mark.django_db

LIMIT = 5


@pytest.fixture(autouse=True)
def limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT


def log_in(client, email, password, ip="192.0.2.10"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def fail(client, email, times, ip="192.0.2.10"):
    """Logs in with a wrong password `times` times; the failure that reaches the limit already shows the lockout."""
    for attempt in range(1, times + 1):
        response = log_in(client, email, "not-the-password", ip=ip)
        if attempt < LIMIT:
            assert response.status_code == 200
            assert "Enter a correct e-mail address and password." in response.content.decode()
        else:
            assert response.status_code == 429


def test_the_right_password_works_after_fewer_failures_than_the_limit(client):
    user = UserFactory()
    fail(client, user.email, LIMIT - 1)

    response = log_in(client, user.email, TEST_PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("enrolment:start")


def test_after_the_limit_even_the_right_password_is_refused_with_the_lockout_page(client):
    user = UserFactory()
    fail(client, user.email, LIMIT)

    response = log_in(client, user.email, TEST_PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many attempts to log in" in page
    assert "paused for 15 minutes" in page
    assert 'class="nhsuk-header' in page  # the portal's own page, not a bare error text
    assert "_auth_user_id" not in client.session


def test_the_count_ignores_the_case_of_the_email_address(client):
    user = UserFactory()
    fail(client, user.email.upper(), LIMIT)

    assert log_in(client, f"  {user.email}", TEST_PASSWORD).status_code == 429


def test_a_lockout_holds_for_one_address_from_one_place_only(client):
    user, other = UserFactory(), UserFactory()
    fail(client, user.email, LIMIT)

    assert log_in(client, other.email, TEST_PASSWORD).status_code == 302
    client.logout()
    assert log_in(client, user.email, TEST_PASSWORD, ip="198.51.100.7").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, settings):
    user = UserFactory()
    fail(client, user.email, LIMIT)
    assert log_in(client, user.email, TEST_PASSWORD).status_code == 429

    past_cool_off = settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - past_cool_off)

    assert log_in(client, user.email, TEST_PASSWORD).status_code == 302


def test_a_good_login_resets_the_count(client):
    user = UserFactory()
    fail(client, user.email, LIMIT - 1)
    assert log_in(client, user.email, TEST_PASSWORD).status_code == 302
    client.logout()

    fail(client, user.email, LIMIT - 1)

    assert log_in(client, user.email, TEST_PASSWORD).status_code == 302


def test_the_limit_and_the_cool_off_are_configurable():
    show = "from django.conf import settings; print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME)"
    environment = {**os.environ, "LOGIN_FAILURE_LIMIT": "3", "LOGIN_LOCKOUT_MINUTES": "45"}

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", show],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=True,
    )

    assert result.stdout.split()[-2:] == ["3", "0:45:00"]


@pytest.mark.parametrize("length", [255, 256, 1000, 10_000])
def test_an_overlong_e_mail_address_is_refused_on_the_form_without_a_server_error(client, length):
    """axes records the address a failure was for in a 255-character column: a longer one must never reach it."""
    email = "a" * (length - len("@nhs.net")) + "@nhs.net"

    response = log_in(client, email, "not-the-password")

    assert response.status_code == 200
    assert "Enter a correct e-mail address and password." in response.content.decode()
    assert all(len(attempt.username) <= 254 for attempt in AccessAttempt.objects.all())
