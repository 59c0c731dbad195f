"""Single sign-on through OpenID Connect (NHSmail), on mozilla-django-oidc.

The library runs the authorisation code flow with PKCE, keeps state and nonce in the session, fetches the ID token
and checks its RS256 signature against the provider's JWKS, its expiry and its nonce. This backend adds what the
library leaves out: the audience and issuer of the ID token, a verified e-mail address in an allowed domain, and
accounts matched by the provider's (issuer, subject), never by e-mail. A sign-in whose e-mail belongs to an account
not yet linked is held in the session (PENDING) until the person proves that account's password
(portal.sso_views.sso_link).
"""

from urllib.parse import urlencode

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import services
from .models import ExternalIdentity, User

PENDING = "sso_pending_identity"


class SignInRefused(Exception):
    """The provider's answer is not one the portal accepts; `reason` says why, for the person."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def sso_enabled() -> bool:
    return bool(settings.SSO_ENABLED)


class OIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if not sso_enabled():
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SignInRefused("The sign-in was meant for another service.")
        if payload.get("iss") != settings.OIDC_ISSUER:
            raise SignInRefused("The sign-in came from a provider the portal does not use.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload["sub"]:
            raise SignInRefused("The provider's answer did not match the person who signed in.")
        identity = ExternalIdentity.objects.select_related("user").filter(
            issuer=payload["iss"], subject=payload["sub"]
        ).first()
        if identity is not None:
            return identity.user
        email = checked_email(claims)
        name = claims.get("name") or " ".join(filter(None, [claims.get("given_name"), claims.get("family_name")]))
        if User.objects.filter(email__iexact=email).exists():
            self.request.session[PENDING] = {
                "issuer": payload["iss"], "subject": payload["sub"], "email": email,
            }
            return None
        return services.user_register_external(
            email=email, full_name=name, issuer=payload["iss"], subject=payload["sub"]
        )


def checked_email(claims: dict) -> str:
    """The e-mail address of the claims, once the provider says it is verified and its domain is allowed."""
    email = (claims.get("email") or "").strip().lower()
    if not email or claims.get("email_verified") is not True:
        raise SignInRefused("Your NHSmail account did not give a verified e-mail address.")
    domains = [domain.lower() for domain in settings.OIDC_ALLOWED_EMAIL_DOMAINS]
    if domains and email.rsplit("@", 1)[-1] not in domains:
        raise SignInRefused("Your e-mail address is not one this portal accepts for single sign-on.")
    return email


def end_session_url(id_token: str | None) -> str:
    """The provider's own sign-out page, where it has one; the portal's session is already ended."""
    if not settings.OIDC_OP_LOGOUT_ENDPOINT:
        return ""
    query = {"client_id": settings.OIDC_RP_CLIENT_ID}
    if id_token:
        query["id_token_hint"] = id_token
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(query)}"
