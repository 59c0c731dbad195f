"""The test stack is the real one: PostgreSQL, Redis, Debian's Chromium and axe-core, and the checks can fail."""

import threading

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from tests.conftest import assert_no_axe_violations, axe_violations, run_at_once

ACCESSIBLE_PAGE = """<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Accessible page</title></head>
  <body><main><h1>Leadership programmes</h1><p>Find a programme for your career stage.</p></main></body>
</html>"""

# A 1x1 GIF with no alt text: axe's image-alt rule must catch it.
INACCESSIBLE_PAGE = ACCESSIBLE_PAGE.replace(
    "</main>", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1"></main>'
)


@pytest.mark.django_db
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"
    assert connection.settings_dict["NAME"].startswith("test_")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


def test_broker_is_redis_and_answers_ping():
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=5).ping() is True


def test_chromium_runs_javascript(browser_page):
    browser_page.goto("data:text/html,<title>blank</title>")
    assert browser_page.evaluate("1 + 1") == 2
    assert "HeadlessChrome" in browser_page.evaluate("navigator.userAgent")


def test_browser_reaches_live_server_and_sees_committed_data(live_server, browser_page):
    # An ORM write while Playwright's event loop runs: needs DJANGO_ALLOW_ASYNC_UNSAFE (see conftest).
    get_user_model().objects.create_superuser(email="admin@example.nhs.uk", password="a-long-test-password",
                                              full_name="Test Admin")
    response = browser_page.goto(live_server.url + reverse("admin:login"))
    assert response.ok, response.status
    browser_page.fill("input[name=username]", "admin@example.nhs.uk")
    browser_page.fill("input[name=password]", "a-long-test-password")
    browser_page.click("input[type=submit]")
    browser_page.wait_for_url(live_server.url + reverse("admin:index"))


def test_axe_passes_an_accessible_page(browser_page):
    browser_page.set_content(ACCESSIBLE_PAGE)
    assert axe_violations(browser_page) == []
    assert_no_axe_violations(browser_page)


def test_axe_reports_an_image_without_alt_text(browser_page):
    browser_page.set_content(INACCESSIBLE_PAGE)
    assert "image-alt" in [violation["id"] for violation in axe_violations(browser_page)]
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(browser_page)


def test_run_at_once_fails_when_a_thread_is_still_running_after_its_timeout():
    release = threading.Event()

    def work(item):
        if item == "stuck":
            release.wait(30)

    try:
        with pytest.raises(pytest.fail.Exception, match="1 of 2 threads still running 0.2 seconds after"):
            run_at_once(work, ["done", "stuck"], timeout=0.2)
    finally:
        release.set()
