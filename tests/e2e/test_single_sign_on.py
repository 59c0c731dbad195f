"""Single sign-on in the browser through a real OpenID provider (oidc-provider, tests/support/oidc_provider.mjs) on
loopback: a new person signs in with NHSmail, gets an account from the provider's claims, lands where their role
works (enrolment:start), and signs out of the portal, which offers the provider's sign-out."""

import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

from portal.models import ExternalIdentity, User
from tests.conftest import assert_no_axe_violations
from tests.support.servers import free_port

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
REPO_ROOT = Path(__file__).resolve().parent.parent.parent
CLAIMS = {"email": "sso.person@nhs.net", "email_verified": True, "name": "Sso Person"}


@pytest.fixture
def provider(live_server, settings, tmp_path):
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    log = (tmp_path / "oidc-provider.log").open("w")
    env = {
        **os.environ,
        "PORT": str(port),
        "REDIRECT_URI": f"{live_server.url}/sso/callback/",
        "ACCOUNT_CLAIMS": json.dumps(CLAIMS),
    }
    process = subprocess.Popen(  # noqa: S603
        ["node", "tests/support/oidc_provider.mjs"], cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=1)  # noqa: S310
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "oidc-provider.log").read_text()
            time.sleep(0.2)
    for name, value in {
        "SSO_ENABLED": True,
        "OIDC_ISSUER": issuer,
        "OIDC_RP_CLIENT_ID": "portal-test",
        "OIDC_RP_CLIENT_SECRET": "test-secret",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{issuer}/auth",
        "OIDC_OP_TOKEN_ENDPOINT": f"{issuer}/token",
        "OIDC_OP_USER_ENDPOINT": f"{issuer}/me",
        "OIDC_OP_JWKS_ENDPOINT": f"{issuer}/jwks",
        "OIDC_OP_LOGOUT_ENDPOINT": f"{issuer}/session/end",
    }.items():
        setattr(settings, name, value)
    yield issuer
    process.terminate()
    process.wait(timeout=10)
    log.close()


def test_a_new_person_signs_in_with_nhsmail_and_signs_out(live_server, provider, new_browser_page):
    page = new_browser_page()
    page.goto(live_server.url + "/login/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Sign in with NHSmail").click()
    page.wait_for_url(f"{provider}/**")
    page.locator("input[name=login]").fill("nhsmail-subject-42")
    page.locator("input[name=password]").fill("anything")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click()  # the provider's consent
    page.wait_for_url(f"{live_server.url}/**")
    user = User.objects.get(email="sso.person@nhs.net")
    assert user.full_name == "Sso Person"
    assert ExternalIdentity.objects.get(user=user).subject == "nhsmail-subject-42"
    assert page.url == live_server.url + reverse("programmes:list")  # enrolment:start's place for a new person
    page.get_by_role("button", name="Log out").click()
    assert page.get_by_role("heading", name="You are signed out").is_visible()
    assert page.get_by_role("link", name="sign out of NHSmail too").get_attribute("href").startswith(
        f"{provider}/session/end?"
    )
    assert_no_axe_violations(page)
    page.goto(live_server.url + "/profile/")
    assert "/login/" in page.url
