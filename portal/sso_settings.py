"""The single sign-on providers, read from the environment once, when the settings load (config/settings/base.py).

OIDC_PROVIDERS names them, comma-separated, in the order of their buttons; each name NAME has OIDC_NAME_ISSUER,
OIDC_NAME_CLIENT_ID (both required), OIDC_NAME_CLIENT_SECRET, OIDC_NAME_ALLOWED_EMAIL_DOMAINS, OIDC_NAME_TITLE,
OIDC_NAME_BUTTON_LABEL, and optionally its endpoints (OIDC_NAME_AUTHORIZATION_ENDPOINT, ..._TOKEN_ENDPOINT,
..._USER_ENDPOINT, ..._JWKS_ENDPOINT, ..._LOGOUT_ENDPOINT); an endpoint not given is read from the issuer's
discovery document (portal.sso_providers). Without OIDC_PROVIDERS, the single provider's variables of before
(OIDC_ISSUER, OIDC_RP_CLIENT_ID, ...) still configure one provider, named "nhsmail". A provider named but missing
its issuer or client id stops the start with ImproperlyConfigured naming the variable.

Plain Python, no models: the settings import it before Django is set up.
"""

import re
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

ENDPOINTS = ("AUTHORIZATION_ENDPOINT", "TOKEN_ENDPOINT", "USER_ENDPOINT", "JWKS_ENDPOINT", "LOGOUT_ENDPOINT")
KEYS = ("ISSUER", "CLIENT_ID", "CLIENT_SECRET", "ALLOWED_EMAIL_DOMAINS", "TITLE", "BUTTON_LABEL", *ENDPOINTS)
REQUIRED = ("ISSUER", "CLIENT_ID")
LEGACY_NAME = "nhsmail"
LEGACY_VARIABLES = {
    "ISSUER": "OIDC_ISSUER",
    "CLIENT_ID": "OIDC_RP_CLIENT_ID",
    "CLIENT_SECRET": "OIDC_RP_CLIENT_SECRET",  # nosec B105: the name of a variable, not a secret
    "ALLOWED_EMAIL_DOMAINS": "OIDC_ALLOWED_EMAIL_DOMAINS",
    "TITLE": "OIDC_TITLE",
    "BUTTON_LABEL": "OIDC_BUTTON_LABEL",
    **{endpoint: f"OIDC_OP_{endpoint}" for endpoint in ENDPOINTS},
}
LEGACY_TITLE = "NHSmail"
NAME = re.compile(r"[a-z][a-z0-9]*")


def oidc_providers(environ: Mapping[str, str]) -> dict[str, dict]:
    """The providers the environment configures, by name, in OIDC_PROVIDERS's order; {} turns single sign-on off."""
    names = [name.strip().lower() for name in environ.get("OIDC_PROVIDERS", "").split(",") if name.strip()]
    if names:
        return {name: _provider(name, _variables(name), environ) for name in dict.fromkeys(names)}
    if any(environ.get(LEGACY_VARIABLES[key], "").strip() for key in REQUIRED):
        return {LEGACY_NAME: _provider(LEGACY_NAME, LEGACY_VARIABLES, environ, title=LEGACY_TITLE)}
    return {}


def _variables(name: str) -> dict[str, str]:
    if not NAME.fullmatch(name):
        raise ImproperlyConfigured(
            f"OIDC_PROVIDERS: {name!r} is not a provider name; use lower-case letters and digits, from a letter."
        )
    return {key: f"OIDC_{name.upper()}_{key}" for key in KEYS}


def _provider(name: str, variables: dict[str, str], environ: Mapping[str, str], title: str = "") -> dict:
    values = {key: environ.get(variable, "").strip() for key, variable in variables.items()}
    for key in REQUIRED:
        if not values[key]:
            raise ImproperlyConfigured(
                f"{variables[key]} is not set: the single sign-on provider {name!r} needs it. Set it, or leave "
                f"{name!r} out of OIDC_PROVIDERS."
            )
    title = values["TITLE"] or title or name
    return {
        "name": name,
        "issuer": values["ISSUER"],
        "client_id": values["CLIENT_ID"],
        "client_secret": values["CLIENT_SECRET"],
        "allowed_email_domains": [
            domain.strip().lower() for domain in values["ALLOWED_EMAIL_DOMAINS"].split(",") if domain.strip()
        ],
        "title": title,
        "button_label": values["BUTTON_LABEL"] or f"Sign in with {title}",
        "endpoints": {endpoint.lower(): values[endpoint] for endpoint in ENDPOINTS if values[endpoint]},
    }
