"""Academy API tokens: an academy's admin creates one for their academy's own system and revokes it; the API
(api/authentication.py) resolves a presented token here. The token is shown once: only its prefix and the
SHA-256 of the whole are stored, and a presented token is compared in constant time."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal.audit import audit_record
from portal.locking import lock_row
from portal.models import AuditEntry, User
from portal.rules import RuleError

from .models import Academy, AcademyApiToken

TOKEN_START = "lpa_"  # noqa: S105 # nosec B105 (the public start of every token, not a secret)
EXPIRY_DAYS = (30, 90, 180, 365)
# last_used_at is written at most this often per token, so a busy client does not write on every request.
LAST_USED_EVERY = timedelta(minutes=1)


class ApiTokenError(RuleError):
    """A token cannot be created or revoked as asked; nothing was changed."""


@dataclass(frozen=True)
class CreatedToken:
    token: AcademyApiToken
    plain: str  # the whole token, shown once


def _digest(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


@transaction.atomic
def academy_api_token_create(
    *, actor: User, academy_id: int, name: str, scope: str, expires_in_days: int
) -> CreatedToken:
    academy = lock_row(Academy.objects.for_admin(actor), pk=academy_id)
    if academy is None:
        raise ApiTokenError("Choose one of the academies you run.")
    if scope not in AcademyApiToken.Scope.values:
        raise ApiTokenError("Choose read only, or read and write.")
    if expires_in_days not in EXPIRY_DAYS:
        raise ApiTokenError("Choose when the token expires.")
    if not name.strip() or len(name.strip()) > AcademyApiToken._meta.get_field("name").max_length:
        raise ApiTokenError("Give the token a name of up to 60 characters.")
    prefix = secrets.token_hex(4)
    plain = f"{TOKEN_START}{prefix}.{secrets.token_urlsafe(32)}"
    token = AcademyApiToken.objects.create(
        academy=academy,
        name=name.strip(),
        prefix=prefix,
        secret_hash=_digest(plain),
        scope=scope,
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=expires_in_days),
    )
    audit_record(action=AuditEntry.Action.API_TOKEN_CREATED, actor=actor, target=token, summary=f"{scope} {prefix}")
    return CreatedToken(token, plain)


@transaction.atomic
def academy_api_token_revoke(*, actor: User, token_id: int) -> AcademyApiToken:
    token = lock_row(AcademyApiToken.objects.filter(academy__in=Academy.objects.for_admin(actor)), pk=token_id)
    if token is None:
        raise ApiTokenError("There is no such token.")
    if token.revoked_at is not None:
        raise ApiTokenError("This token has already been revoked.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(action=AuditEntry.Action.API_TOKEN_REVOKED, actor=actor, target=token, summary=token.prefix)
    return token


def academy_api_token_resolve(*, presented: str) -> AcademyApiToken | None:
    """The usable token presented (not revoked, not expired, its creator still an admin of its academy), or None.
    Notes when it was last used."""
    prefix, dot, _ = presented.removeprefix(TOKEN_START).partition(".")
    if not presented.startswith(TOKEN_START) or not dot:
        return None
    token = (
        AcademyApiToken.objects.usable()
        .filter(prefix=prefix, academy__admins__user=F("created_by"))
        .select_related("academy", "created_by")
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, _digest(presented)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        AcademyApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
