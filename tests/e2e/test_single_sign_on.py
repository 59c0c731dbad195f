"""Single sign-on in the browser through a real OpenID provider (oidc-provider, tests/support/oidc_provider.mjs) on
loopback: a new person signs in with NHSmail, gets an account from the provider's claims, lands where their role
works (enrolment:start), and signs out of the portal, which offers the provider's sign-out."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from portal.models import ExternalIdentity, User
from portal.sso_settings import oidc_providers
from tests.conftest import assert_no_axe_violations
from tests.support.oidc_provider import start_node_provider

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CLAIMS = {"email": "sso.person@nhs.net", "email_verified": True, "name": "Sso Person"}


@pytest.fixture
def provider(live_server, settings, tmp_path):
    """The real provider, configured as the one before OIDC_PROVIDERS was (OIDC_ISSUER, ...), its endpoints read
    from its discovery document."""
    node = start_node_provider(tmp_path, redirect_uris=[f"{live_server.url}/sso/nhsmail/callback/"], claims=CLAIMS)
    settings.OIDC_PROVIDERS = oidc_providers(
        {"OIDC_ISSUER": node.url, "OIDC_RP_CLIENT_ID": "portal-test", "OIDC_RP_CLIENT_SECRET": "test-secret"}
    )
    yield node.url
    node.stop()


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
    expect(page.get_by_role("heading", name="You are signed out")).to_be_visible()
    assert (
        page.get_by_role("link", name="sign out of NHSmail too")
        .get_attribute("href")
        .startswith(f"{provider}/session/end?")
    )
    assert_no_axe_violations(page)
    page.goto(live_server.url + "/profile/")
    assert "/login/" in page.url
