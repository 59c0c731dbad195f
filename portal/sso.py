"""Single sign-on through OpenID Connect (NHSmail, and any other provider configured), on mozilla-django-oidc.

The library runs the authorisation code flow with PKCE, keeps state and nonce in the session, fetches the ID token
and checks its RS256 signature against the provider's JWKS, its expiry and its nonce. This backend answers only at a
configured provider's callback (/sso/<provider>/callback/), with the library's settings as that provider answers
them (portal.sso_providers.ProviderSettings: its client, its endpoints, its JWKS), and adds what the library leaves
out: the audience and issuer of the ID token (that provider's), a verified e-mail address in that provider's allowed
domains, and accounts matched by the provider's (issuer, subject), never by e-mail. A sign-in whose e-mail belongs
to an account not yet linked is held in the session (PENDING) until the person proves that account's password
(portal.sso_views.sso_link).
"""

from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import services
from .sso_providers import Provider, ProviderSettings, provider_named

PENDING = "sso_pending_identity"
SIGNED_IN_WITH = "sso_provider"  # the name of the provider the session's person signed in with


class SignInRefused(Exception):
    """The provider's answer is not one the portal accepts; `reason` says why, for the person."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def sso_enabled() -> bool:
    return bool(settings.OIDC_PROVIDERS)


class OIDCBackend(ProviderSettings, OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The library reads its settings here, but the provider is known only once its callback calls authenticate.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name != "sso_callback":
            return None
        self.use_provider(provider_named(match.kwargs["provider"]))
        OIDCAuthenticationBackend.__init__(self)  # the library's settings, now as this provider answers them
        return super().authenticate(request, **kwargs)

    def get_token(self, payload):
        return super().get_token({**payload, "redirect_uri": self.provider.callback_url(self.request)})

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.provider.client_id not in audiences:
            raise SignInRefused("The sign-in was meant for another service.")
        if payload.get("iss") != self.provider.issuer:
            raise SignInRefused("The sign-in came from a provider the portal does not use.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload["sub"]:
            raise SignInRefused("The provider's answer did not match the person who signed in.")
        email = checked_email(claims, self.provider)
        name = claims.get("name") or " ".join(filter(None, [claims.get("given_name"), claims.get("family_name")]))
        user = services.external_sign_in(issuer=payload["iss"], subject=payload["sub"], email=email, full_name=name)
        if user is None:
            self.request.session[PENDING] = {
                "provider": self.provider.name, "issuer": payload["iss"], "subject": payload["sub"], "email": email,
            }
        return user


def checked_email(claims: dict, provider: Provider) -> str:
    """The e-mail address of the claims, once the provider says it is verified and its domain is allowed."""
    email = (claims.get("email") or "").strip().lower()
    if not email or claims.get("email_verified") is not True:
        raise SignInRefused(f"Your {provider.title} account did not give a verified e-mail address.")
    domains = provider.allowed_email_domains
    if domains and email.rsplit("@", 1)[-1] not in domains:
        raise SignInRefused("Your e-mail address is not one this portal accepts for single sign-on.")
    return email


def end_session_url(provider: Provider, id_token: str | None) -> str:
    """The provider's own sign-out page, where it has one; the portal's session is already ended."""
    try:
        endpoint = provider.endpoint("logout_endpoint")
    except requests.RequestException:
        return ""
    if not endpoint:
        return ""
    query = {"client_id": provider.client_id}
    if id_token:
        query["id_token_hint"] = id_token
    return f"{endpoint}?{urlencode(query)}"
