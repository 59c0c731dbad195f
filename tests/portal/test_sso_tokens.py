"""Single sign-on refuses every ID token it must not trust, against a real issuer on loopback (tests/support/
oidc_issuer.py) that serves its JWKS and hands out each code once: the callback runs mozilla-django-oidc's own
checks plus the portal's (audience, issuer, verified e-mail, match by subject). A refusal is a clear page, and
makes and links no account."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from portal.models import ExternalIdentity, User
from portal.sso import PENDING
from portal.sso_settings import oidc_providers
from tests.portal.factories import TEST_PASSWORD, UserFactory
from tests.support.oidc_issuer import rsa_key, start_issuer

pytestmark = pytest.mark.django_db
NHSMAIL = {"provider": "nhsmail"}
NEW = {"sub": "subject-1", "email": "new.person@nhs.net", "email_verified": True, "name": "New Person"}


@pytest.fixture
def issuer(settings):
    issuer, server = start_issuer()
    settings.OIDC_PROVIDERS = oidc_providers({"OIDC_PROVIDERS": "nhsmail", **issuer.environ()})
    yield issuer
    server.shutdown()
    server.server_close()


def start(client) -> dict:
    response = client.get(reverse("sso_start", kwargs=NHSMAIL))
    assert response.status_code == 302
    query = parse_qs(urlparse(response["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    return {name: values[0] for name, values in query.items()}


def callback(client, issuer, code="code-1", claims=NEW, **token):
    request = start(client)
    issuer.grant(code, issuer.id_token(nonce=token.pop("nonce", request["nonce"]), **token), claims)
    return client.get(reverse("sso_callback", kwargs=NHSMAIL), {"code": code, "state": request["state"]})


def assert_refused(response, text: str):
    assert response.status_code == 400
    assert text in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_a_new_person_gets_an_account_from_the_verified_claims(client, issuer):
    response = callback(client, issuer)
    assert response.status_code == 302
    assert response["Location"] == reverse("enrolment:start")
    user = User.objects.get(email="new.person@nhs.net")
    assert user.full_name == "New Person" and not user.has_usable_password()
    assert ExternalIdentity.objects.get(user=user).subject == "subject-1"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_a_later_sign_in_matches_the_subject_not_the_email(client, issuer):
    user = UserFactory(email="someone@nhs.net")
    ExternalIdentity.objects.create(user=user, issuer=issuer.url, subject="subject-1")
    callback(client, issuer, claims={**NEW, "email": "changed@nhs.net"})
    assert int(client.session["_auth_user_id"]) == user.pk
    assert not User.objects.filter(email="changed@nhs.net").exists()


@pytest.mark.parametrize(
    "token",
    [
        pytest.param({"key": rsa_key()}, id="forged signature"),
        pytest.param({"exp": 1_000_000_000, "iat": 999_999_000}, id="expired"),
        pytest.param({"aud": "another-service"}, id="wrong audience"),
        pytest.param({"iss": "https://elsewhere.example"}, id="wrong issuer"),
        pytest.param({"nonce": "not-the-nonce-this-session-sent"}, id="wrong nonce"),
    ],
)
def test_an_untrusted_id_token_is_refused_and_makes_no_account(client, issuer, token):
    response = callback(client, issuer, **token)
    assert_refused(response, "not signed in")
    assert not User.objects.exists()


def test_a_replayed_code_is_refused(client, issuer):
    callback(client, issuer)
    client.logout()
    request = start(client)
    response = client.get(reverse("sso_callback", kwargs=NHSMAIL), {"code": "code-1", "state": request["state"]})
    assert_refused(response, "NHSmail could not confirm who you are")


def test_a_replayed_state_is_refused(client, issuer):
    request = start(client)
    issuer.grant("code-1", issuer.id_token(nonce=request["nonce"]), NEW)
    client.get(reverse("sso_callback", kwargs=NHSMAIL), {"code": "code-1", "state": request["state"]})
    client.logout()
    response = client.get(reverse("sso_callback", kwargs=NHSMAIL), {"code": "code-1", "state": request["state"]})
    assert response.status_code == 400
    assert "_auth_user_id" not in response.wsgi_request.session


def test_a_cancelled_sign_in_says_so_and_makes_no_account(client, issuer):
    request = start(client)
    response = client.get(
        reverse("sso_callback", kwargs=NHSMAIL), {"error": "access_denied", "state": request["state"]}
    )
    assert_refused(response, "You did not finish signing in with NHSmail")
    assert not User.objects.exists()


def test_an_unverified_email_neither_links_nor_creates(client, issuer):
    UserFactory(email="new.person@nhs.net")
    response = callback(client, issuer, claims={**NEW, "email_verified": False})
    assert_refused(response, "did not give a verified e-mail address")
    assert not ExternalIdentity.objects.exists()
    assert PENDING not in client.session
    assert User.objects.count() == 1


def test_an_email_outside_the_allowed_domains_is_refused(client, issuer, settings):
    settings.OIDC_PROVIDERS["nhsmail"]["allowed_email_domains"] = ["nhs.net"]
    response = callback(client, issuer, claims={**NEW, "email": "someone@example.com"})
    assert_refused(response, "not one this portal accepts")
    assert not User.objects.exists()


def test_an_existing_account_is_linked_only_after_its_password(client, issuer):
    user = UserFactory(email="new.person@nhs.net")
    response = callback(client, issuer)
    assert response["Location"] == reverse("sso_link")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("sso_link"), {"password": "not-the-password"})
    assert "Enter the password of your portal account" in wrong.content.decode()
    assert not ExternalIdentity.objects.exists() and "_auth_user_id" not in client.session
    right = client.post(reverse("sso_link"), {"password": TEST_PASSWORD})
    assert right["Location"] == reverse("enrolment:start")
    assert ExternalIdentity.objects.get(issuer=issuer.url, subject="subject-1").user == user
    assert int(client.session["_auth_user_id"]) == user.pk


def test_the_link_page_without_a_pending_sign_in_goes_to_sign_in(client, issuer):
    assert client.post(reverse("sso_link"), {"password": "x"})["Location"] == reverse("login")


def test_sign_out_ends_the_session_and_offers_the_providers(client, issuer):
    callback(client, issuer)
    response = client.post(reverse("logout"))
    assert "_auth_user_id" not in response.wsgi_request.session
    assert f'href="{issuer.url}/session/end?client_id=portal-test&amp;id_token_hint=' in response.content.decode()


def test_without_configuration_there_is_no_button_and_no_sso(client, settings):
    settings.OIDC_PROVIDERS = {}
    assert "Sign in with NHSmail" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sso_start", kwargs=NHSMAIL)).status_code == 404
    assert client.get(reverse("sso_callback", kwargs=NHSMAIL)).status_code == 404


def test_the_button_shows_where_configured(client, issuer):
    assert "Sign in with NHSmail" in client.get(reverse("login")).content.decode()


def test_local_accounts_can_be_turned_off(client, issuer, settings):
    settings.LOCAL_ACCOUNTS_ENABLED = False
    UserFactory(email="local@example.org")
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with NHSmail" in page and 'type="password"' not in page
    response = client.post(reverse("login"), {"username": "local@example.org", "password": TEST_PASSWORD})
    assert response.status_code == 403 and "_auth_user_id" not in client.session
    assert client.get(reverse("register")).status_code == 404
