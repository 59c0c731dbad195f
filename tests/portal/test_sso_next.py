"""A single sign-on that links to an existing account (its password proved on the link page) ends where the person
was going, like any other sign-in: the `next` of the sign-in page goes through the provider's start (which keeps it
in the session only if it is on this site) and through the link page. Against a real provider on loopback
(tests/support/oidc_provider.py)."""

import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from academies.services import academy_invitation_send, academy_invitation_token
from portal.models import ExternalIdentity
from portal.sso_settings import oidc_providers
from tests.academies.factories import AcademyAdminFactory
from tests.portal.factories import TEST_PASSWORD, UserFactory
from tests.support.oidc_provider import sign_in_at, start_node_provider

pytestmark = pytest.mark.django_db
CALLBACK = "http://testserver/sso/nhsmail/callback/"
EMAIL = "colleague@nhs.net"


@pytest.fixture(scope="module")
def node_provider(tmp_path_factory):
    claims = {"email": EMAIL, "email_verified": True, "name": "Invited Colleague"}
    provider = start_node_provider(tmp_path_factory.mktemp("oidc"), redirect_uris=[CALLBACK], claims=claims)
    yield provider
    provider.stop()


@pytest.fixture
def nhsmail(node_provider, settings):
    settings.OIDC_PROVIDERS = oidc_providers(
        {
            "OIDC_PROVIDERS": "nhsmail",
            "OIDC_NHSMAIL_TITLE": "NHSmail",
            "OIDC_NHSMAIL_ISSUER": node_provider.url,
            "OIDC_NHSMAIL_CLIENT_ID": "portal-test",
            "OIDC_NHSMAIL_CLIENT_SECRET": "test-secret",
        }
    )
    return node_provider


@pytest.fixture
def invitation_url():
    admin = AcademyAdminFactory()
    invitation = academy_invitation_send(actor=admin.user, academy=admin.academy, email=EMAIL)
    return reverse("roles:invitation", args=[academy_invitation_token(invitation)])


def sign_in_with_nhsmail_and_link(client, next_url: str):
    """From the sign-in page with `next`, through the provider's button, its sign-in and the link page's password;
    returns the link page's answer."""
    page = client.get(f"{reverse('login')}?{urlencode({'next': next_url})}").content.decode()
    button = unescape(re.search(r'href="([^"]+)">Sign in with NHSmail</a>', page).group(1))
    authorization = client.get(button)["Location"]
    linking = client.get(sign_in_at(authorization, login="colleague-1", back_to=CALLBACK))
    assert linking["Location"] == reverse("sso_link")
    return client.post(reverse("sso_link"), {"password": TEST_PASSWORD})


def test_linking_an_account_goes_back_to_the_invitation_the_person_was_going_to(client, nhsmail, invitation_url):
    user = UserFactory(email=EMAIL)

    response = sign_in_with_nhsmail_and_link(client, invitation_url)

    assert response.status_code == 302 and response["Location"] == invitation_url
    assert ExternalIdentity.objects.get(issuer=nhsmail.url, subject="colleague-1").user == user
    assert "Accept invitation" in client.get(invitation_url).content.decode()
    assert "oidc_login_next" not in client.session


@pytest.mark.parametrize("elsewhere", ["https://evil.example.test/", "//evil.example.test/", "javascript:alert(1)"])
def test_linking_never_sends_anyone_to_another_site(client, nhsmail, elsewhere):
    UserFactory(email=EMAIL)

    response = sign_in_with_nhsmail_and_link(client, elsewhere)

    assert response["Location"] == reverse("enrolment:start")
    assert int(client.session["_auth_user_id"]) == ExternalIdentity.objects.get().user_id
