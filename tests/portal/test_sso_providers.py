"""Single sign-on through more than one provider, configured from the environment (portal.sso_settings): each has
its own button, its own start and callback, its endpoints from its discovery document when not given, and its own
keys, issuer and client; an answer or a token of one provider presented at another's callback is refused. The
providers are real: two oidc-provider processes (tests/support/oidc_provider.py), and two loopback issuers whose
tokens the tests sign (tests/support/oidc_issuer.py)."""

import os
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from portal import services
from portal.models import ExternalIdentity, User
from portal.sso_settings import oidc_providers
from tests.conftest import REPO_ROOT, run_at_once
from tests.support.oidc_issuer import start_issuer
from tests.support.oidc_provider import sign_in_at, start_node_provider

pytestmark = pytest.mark.django_db
NAMES = ("nhsmail", "carehub")
CALLBACKS = {name: f"http://testserver/sso/{name}/callback/" for name in NAMES}
CLAIMS = {
    "nhsmail": {"email": "nurse@nhs.net", "email_verified": True, "name": "Ward Nurse"},
    "carehub": {"email": "carer@carehub.example", "email_verified": True, "name": "Home Carer"},
}


def environment(urls: dict[str, str], **more) -> dict:
    """OIDC_PROVIDERS=nhsmail,carehub with each one's issuer and client only: the endpoints come from discovery."""
    values = {"OIDC_PROVIDERS": ",".join(NAMES), "OIDC_NHSMAIL_TITLE": "NHSmail", "OIDC_CAREHUB_TITLE": "Care Hub"}
    for name, url in urls.items():
        prefix = f"OIDC_{name.upper()}_"
        values.update(
            {f"{prefix}ISSUER": url, f"{prefix}CLIENT_ID": "portal-test", f"{prefix}CLIENT_SECRET": "test-secret"}
        )
    return {**values, **more}


@pytest.fixture(scope="module")
def node_providers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc")
    providers = {
        name: start_node_provider(folder, redirect_uris=list(CALLBACKS.values()), claims=CLAIMS[name]) for name in NAMES
    }
    yield providers
    for provider in providers.values():
        provider.stop()


@pytest.fixture
def two_providers(node_providers, settings):
    settings.OIDC_PROVIDERS = oidc_providers(
        environment(
            {name: provider.url for name, provider in node_providers.items()},
            OIDC_CAREHUB_BUTTON_LABEL="Sign in with your Care Hub account",
            OIDC_CAREHUB_ALLOWED_EMAIL_DOMAINS="carehub.example",
        )
    )
    return {name: provider.url for name, provider in node_providers.items()}


def start(client, name: str) -> str:
    response = client.get(reverse("sso_start", kwargs={"provider": name}))
    assert response.status_code == 302
    return response["Location"]


def test_the_sign_in_page_has_a_button_for_each_provider(client, two_providers):
    page = client.get(reverse("login")).content.decode()
    for name, label in (("nhsmail", "Sign in with NHSmail"), ("carehub", "Sign in with your Care Hub account")):
        assert f'href="{reverse("sso_start", kwargs={"provider": name})}">{label}</a>' in page
    assert page.index("Sign in with NHSmail") < page.index("Sign in with your Care Hub account")


def test_a_person_signs_in_through_the_second_provider_its_endpoints_discovered(client, two_providers):
    authorization = start(client, "carehub")
    assert authorization.startswith(f"{two_providers['carehub']}/auth?")  # from its discovery document
    assert parse_qs(urlsplit(authorization).query)["redirect_uri"] == [CALLBACKS["carehub"]]
    response = client.get(sign_in_at(authorization, login="carer-7", back_to=CALLBACKS["carehub"]))
    assert response.status_code == 302 and response["Location"] == reverse("enrolment:start")
    identity = ExternalIdentity.objects.get(issuer=two_providers["carehub"], subject="carer-7")
    assert identity.user.email == "carer@carehub.example" and int(client.session["_auth_user_id"]) == identity.user.pk
    signed_out = client.post(reverse("logout")).content.decode()
    assert f'href="{two_providers["carehub"]}/session/end?client_id=portal-test&amp;id_token_hint=' in signed_out
    assert "sign out of Care Hub too" in signed_out and two_providers["nhsmail"] not in signed_out


def test_an_answer_of_one_provider_at_the_others_callback_is_refused(client, two_providers):
    answer = sign_in_at(start(client, "nhsmail"), login="nurse-1", back_to=CALLBACKS["nhsmail"])
    response = client.get(reverse("sso_callback", kwargs={"provider": "carehub"}) + "?" + urlsplit(answer).query)
    assert response.status_code == 400 and "meant for signing in with another provider" in response.content.decode()
    again = client.get(answer)  # the sign-in it answered is over: its state was dropped
    assert again.status_code == 400
    assert not User.objects.exists() and "_auth_user_id" not in client.session


def test_a_code_of_one_provider_sent_to_the_others_callback_is_refused(client, two_providers):
    """A mix-up: the sign-in started for Care Hub is taken to NHSmail, whose code comes back to Care Hub's callback
    with Care Hub's state; Care Hub does not know the code, so nobody is signed in."""
    query = urlsplit(start(client, "carehub")).query
    answer = sign_in_at(f"{two_providers['nhsmail']}/auth?{query}", login="nurse-1", back_to=CALLBACKS["carehub"])
    response = client.get(answer)
    assert response.status_code == 400 and "Care Hub could not confirm who you are" in response.content.decode()
    assert not User.objects.exists() and "_auth_user_id" not in client.session


@pytest.fixture
def two_issuers(settings):
    started = {name: start_issuer() for name in NAMES}
    issuers = {name: issuer for name, (issuer, _) in started.items()}
    values = {"OIDC_PROVIDERS": ",".join(NAMES)}
    for name, issuer in issuers.items():
        values.update(issuer.environ(name=name, title=name))
    settings.OIDC_PROVIDERS = oidc_providers(values)
    yield issuers
    for _, server in started.values():
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("claims_this_issuer", [False, True], ids=["issued by the other", "claiming this issuer"])
def test_an_id_token_of_one_provider_at_the_others_callback_is_refused(client, two_issuers, claims_this_issuer):
    nhsmail, carehub = two_issuers["nhsmail"], two_issuers["carehub"]
    request = {name: values[0] for name, values in parse_qs(urlsplit(start(client, "carehub")).query).items()}
    claims = {"iss": carehub.url} if claims_this_issuer else {}
    carehub.grant("code-1", nhsmail.id_token(nonce=request["nonce"], **claims), CLAIMS["carehub"])
    callback = reverse("sso_callback", kwargs={"provider": "carehub"})
    response = client.get(callback, {"code": "code-1", "state": request["state"]})
    assert response.status_code == 400 and "not signed in" in response.content.decode()
    assert not User.objects.exists() and "_auth_user_id" not in client.session


def test_a_provider_whose_discovery_fails_gives_a_clear_page(client, two_issuers, settings):
    settings.OIDC_PROVIDERS["carehub"]["endpoints"] = {}  # the loopback issuer publishes no discovery document
    response = client.get(reverse("sso_start", kwargs={"provider": "carehub"}))
    assert response.status_code == 502 and "carehub is not answering" in response.content.decode()


def test_a_provider_not_configured_has_no_pages(client, two_issuers):
    for page in ("sso_start", "sso_callback"):
        assert client.get(reverse(page, kwargs={"provider": "elsewhere"})).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_first_sign_ins_at_once_make_one_account():
    users = []

    def sign_in(_):
        users.append(
            services.external_sign_in(
                issuer="https://login.example", subject="subject-1", email="new@nhs.net", full_name="New Person"
            )
        )

    for _ in range(3):  # the race is not won the same way every time
        assert run_at_once(sign_in, range(4)) == []
    assert User.objects.count() == 1 and ExternalIdentity.objects.count() == 1
    assert {user.pk for user in users} == {User.objects.get().pk}


# --------------------------------------------------------------------------------------------------------------
# The settings


def test_the_providers_come_from_the_environment_in_their_order():
    providers = oidc_providers(environment({"nhsmail": "https://a.example", "carehub": "https://b.example"}))
    assert list(providers) == ["nhsmail", "carehub"]
    assert providers["carehub"]["issuer"] == "https://b.example" and providers["carehub"]["endpoints"] == {}
    assert providers["carehub"]["button_label"] == "Sign in with Care Hub"


def test_the_single_provider_variables_of_before_still_configure_nhsmail():
    providers = oidc_providers(
        {"OIDC_ISSUER": "https://a.example", "OIDC_RP_CLIENT_ID": "portal", "OIDC_ALLOWED_EMAIL_DOMAINS": "nhs.net",
         "OIDC_OP_TOKEN_ENDPOINT": "https://a.example/token"}
    )
    assert list(providers) == ["nhsmail"]
    assert providers["nhsmail"]["button_label"] == "Sign in with NHSmail"
    assert providers["nhsmail"]["allowed_email_domains"] == ["nhs.net"]
    assert providers["nhsmail"]["endpoints"] == {"token_endpoint": "https://a.example/token"}
    assert oidc_providers({}) == {}


@pytest.mark.parametrize("missing", ["OIDC_CAREHUB_ISSUER", "OIDC_CAREHUB_CLIENT_ID"])
def test_a_provider_named_without_its_issuer_or_client_is_a_clear_error(missing):
    values = environment({"nhsmail": "https://a.example", "carehub": "https://b.example"})
    del values[missing]
    with pytest.raises(ImproperlyConfigured, match=f"{missing} is not set"):
        oidc_providers(values)


def test_a_provider_name_that_cannot_be_a_variable_is_refused():
    with pytest.raises(ImproperlyConfigured, match="'care-hub' is not a provider name"):
        oidc_providers({"OIDC_PROVIDERS": "care-hub"})


def test_the_portal_does_not_start_with_a_provider_missing_its_issuer():
    environ = {**os.environ, "OIDC_PROVIDERS": "carehub", "OIDC_CAREHUB_CLIENT_ID": "portal"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"], cwd=REPO_ROOT, env=environ, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: OIDC_CAREHUB_ISSUER is not set" in result.stderr
