"""Every response carries the Content-Security-Policy and the security headers; production adds HTTPS-only
cookies, HSTS and the redirect to HTTPS."""

import json
import re

import pytest

from tests.portal.test_settings import ROOT, manage

EXPECTED_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self' https://assets.nhs.uk",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
PRODUCTION_ENV = {
    "SECRET_KEY": "a-production-secret-of-more-than-fifty-characters-0123456789abcdef",
    "ALLOWED_HOSTS": "testserver",
}


def policy(header: str) -> dict:
    return dict(directive.strip().split(" ", 1) for directive in header.split(";") if directive.strip())


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/", "/login/", "/programmes/", "/no-such-page/"])
def test_pages_carry_the_policy_and_the_security_headers(client, address):
    response = client.get(address)

    assert policy(response["Content-Security-Policy"]) == EXPECTED_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


# E-mails are not pages: no CSP header reaches a mail client, which ignores stylesheets anyway.
PAGE_TEMPLATES = sorted(path for path in (ROOT / "templates").rglob("*.html") if "emails" not in path.parts)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


@pytest.mark.parametrize("template", PAGE_TEMPLATES, ids=lambda path: str(path.relative_to(ROOT / "templates")))
def test_no_page_template_has_inline_script_style_or_event_handlers(template):
    """The policy would refuse them: the script goes in static/js, the style in static/css."""
    text = template.read_text()

    assert not INLINE_SCRIPT.search(text)
    assert not INLINE_STYLE.search(text)
    assert not EVENT_HANDLER.search(text)


def test_the_templates_that_write_script_elements_write_only_json_ld_data():
    """Structured data is JSON-LD: script-src does not govern it, and the browser never runs it."""
    writers = [path for path in ROOT.glob("*/templatetags/*.py") if "<script" in path.read_text()]
    assert writers

    for path in writers:
        assert set(re.findall(r"<script[^>]*>", path.read_text())) == {'<script type="application/ld+json">'}


# Static files are not collected here, so the probe swaps production's manifest storage for the plain one.
PROBE = """
import json
from django.conf import settings
from django.test import Client, override_settings
client = Client()
uncollected = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": uncollected}):
    plain = client.get("/login/")
    secure = client.get("/login/", secure=True)
cookie = secure.cookies["csrftoken"]
print(json.dumps({
    "redirect": [plain.status_code, plain.get("Location", "")],
    "hsts": secure.get("Strict-Transport-Security", ""),
    "policy": secure.get("Content-Security-Policy", ""),
    "csrf_cookie": {"secure": bool(cookie["secure"]), "httponly": bool(cookie["httponly"])},
    "session_cookie": {"secure": settings.SESSION_COOKIE_SECURE, "httponly": settings.SESSION_COOKIE_HTTPONLY},
}))
"""


def test_production_sends_only_secure_httponly_cookies_hsts_and_redirects_to_https():
    result = manage("shell", "-c", PROBE, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr

    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["redirect"] == [301, "https://testserver/login/"]
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert policy(seen["policy"]) == EXPECTED_POLICY
    assert seen["csrf_cookie"] == {"secure": True, "httponly": True}
    assert seen["session_cookie"] == {"secure": True, "httponly": True}
