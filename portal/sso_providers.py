"""The configured single sign-on providers (settings.OIDC_PROVIDERS, read by portal.sso_settings), and each one's
endpoints: those the environment gives, the rest from the issuer's discovery document
(`<issuer>/.well-known/openid-configuration`), fetched when first needed and kept in the cache for
OIDC_DISCOVERY_CACHE_SECONDS. A discovery document that names another issuer is not used."""

from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.urls import reverse
from mozilla_django_oidc.utils import import_from_settings

# The discovery document's name for each endpoint, and mozilla-django-oidc's setting for it.
DISCOVERED = {
    "authorization_endpoint": ("authorization_endpoint", "OIDC_OP_AUTHORIZATION_ENDPOINT"),
    "token_endpoint": ("token_endpoint", "OIDC_OP_TOKEN_ENDPOINT"),
    "user_endpoint": ("userinfo_endpoint", "OIDC_OP_USER_ENDPOINT"),
    "jwks_endpoint": ("jwks_uri", "OIDC_OP_JWKS_ENDPOINT"),
    "logout_endpoint": ("end_session_endpoint", None),
}


class DiscoveryFailed(requests.RequestException):
    """The issuer's discovery document could not be read, or is not the issuer's."""


@dataclass(frozen=True)
class Provider:
    name: str
    issuer: str
    client_id: str
    client_secret: str = ""
    allowed_email_domains: list = field(default_factory=list)
    title: str = ""
    button_label: str = ""
    endpoints: dict = field(default_factory=dict)

    def endpoint(self, kind: str) -> str:
        """The endpoint the environment gives, else the discovery document's ("" when neither has one)."""
        if kind in self.endpoints:
            return self.endpoints[kind]
        return discovery(self.issuer).get(DISCOVERED[kind][0], "")

    def library_settings(self) -> dict:
        """This provider's values of mozilla-django-oidc's settings."""
        values = {"OIDC_RP_CLIENT_ID": self.client_id, "OIDC_RP_CLIENT_SECRET": self.client_secret}
        values.update({setting: self.endpoint(kind) for kind, (_, setting) in DISCOVERED.items() if setting})
        return values

    def callback_url(self, request) -> str:
        return request.build_absolute_uri(reverse("sso_callback", kwargs={"provider": self.name}))


def discovery(issuer: str) -> dict:
    key = f"oidc-discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        document = _fetch_discovery(issuer)
        cache.set(key, document, settings.OIDC_DISCOVERY_CACHE_SECONDS)
    return document


def _fetch_discovery(issuer: str) -> dict:
    response = requests.get(
        f"{issuer.rstrip('/')}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
    )
    response.raise_for_status()
    try:
        document = response.json()
    except ValueError as error:
        raise DiscoveryFailed(f"{issuer}'s discovery document is not JSON.") from error
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise DiscoveryFailed(f"{issuer}'s discovery document names another issuer.")
    return document


def providers() -> list[Provider]:
    return [Provider(**values) for values in settings.OIDC_PROVIDERS.values()]


def configured_provider(name: str | None) -> Provider | None:
    values = settings.OIDC_PROVIDERS.get(name)
    return None if values is None else Provider(**values)


def provider_named(name: str) -> Provider:
    """The configured provider of that name; a page for any other is not found."""
    provider = configured_provider(name)
    if provider is None:
        raise Http404
    return provider


class ProviderSettings:
    """Makes mozilla-django-oidc's views and backend read their settings as one provider answers them (its client,
    its endpoints), and the rest from the project's settings."""

    provider: Provider | None = None
    provider_settings: dict = {}  # noqa: RUF012 - replaced, never changed, by use_provider

    def use_provider(self, provider: Provider) -> None:
        self.provider = provider
        self.provider_settings = provider.library_settings()

    def get_settings(self, attr, *args):
        if attr in self.provider_settings:
            return self.provider_settings[attr]
        return import_from_settings(attr, *args)
