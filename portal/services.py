"""Writes about people: registering (with a password, or through single sign-on), linking a sign-in from an
OpenID Connect provider, keeping a staff profile, and the roles they hold in the base layer.

Roles are rows read afresh on every request (academies.permissions.RolesBackend loads them with the signed-in user;
neither the session nor the cache keeps them), so a grant or a revocation takes effect at the person's next request.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from .audit import audit_record
from .locking import lock_row
from .models import AuditEntry, ExternalIdentity, IcsLead, IntegratedCareSystem, StaffProfile, User
from .organisations import organisation_choice_problem
from .rules import RuleError
from .tasks import send_welcome_email


class RoleError(RuleError):
    """A role cannot be granted or revoked as asked; nothing was changed."""


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str | None) -> User:
    """Creates the account with its empty staff profile, and welcomes them once the account is committed. Without a
    password (single sign-on) the account has none it can be signed in with."""
    user = User(email=email.strip().lower(), full_name=full_name.strip())
    user.set_password(password)
    user.full_clean()
    user.save()
    StaffProfile.objects.create(user=user)
    send_welcome_email.enqueue_on_commit(user.pk)
    return user


@transaction.atomic
def user_register_external(*, email: str, full_name: str, issuer: str, subject: str) -> User:
    """A first sign-in through the provider: the account from its verified claims, linked to its identity."""
    user = user_register(email=email, full_name=full_name or email.split("@")[0], password=None)
    external_identity_link(user=user, issuer=issuer, subject=subject)
    return user


def external_sign_in(*, issuer: str, subject: str, email: str, full_name: str) -> User | None:
    """A sign-in through a provider: the account linked to its (issuer, subject); else, for a first sign-in, a new
    account from its verified claims, or None when an account already has that e-mail address (its password must be
    proved before it is linked). Two first sign-ins at once make one account: the one that loses the race on the
    unique e-mail or identity finds the winner's once that commits."""
    try:
        with transaction.atomic():
            return _external_sign_in(issuer=issuer, subject=subject, email=email, full_name=full_name)
    except (IntegrityError, ValidationError):
        return _external_sign_in(issuer=issuer, subject=subject, email=email, full_name=full_name)


def _external_sign_in(*, issuer: str, subject: str, email: str, full_name: str) -> User | None:
    identity = ExternalIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if identity is not None:
        return identity.user
    if User.objects.filter(email__iexact=email).exists():
        return None
    return user_register_external(email=email, full_name=full_name, issuer=issuer, subject=subject)


@transaction.atomic
def external_identity_link(*, user: User, issuer: str, subject: str) -> ExternalIdentity:
    """Links the provider's identity to the account; the caller has proved the person holds it. An identity already
    linked to an account stays with it."""
    locked = lock_row(User.objects, pk=user.pk, is_active=True)
    if locked is None:
        raise ValidationError("This account is closed.")
    identity = ExternalIdentity(user=locked, issuer=issuer, subject=subject)
    identity.full_clean()
    identity.save()
    return identity


@transaction.atomic
def external_identity_unlink(*, actor: User, identity_id: int) -> None:
    """Support removes a wrong link (Django admin): the person then signs in with their password, or links again."""
    national_admin_check(actor)
    identity = lock_row(ExternalIdentity.objects, pk=identity_id)
    if identity is None:
        raise RoleError("This sign-in link has already been removed.")
    audit_record(
        action=AuditEntry.Action.SIGN_IN_UNLINKED,
        actor=actor,
        target=identity,
        summary=f"single sign-on identity of user {identity.user_id}",
    )
    identity.delete()


@transaction.atomic
def staff_profile_update(*, user: User, **fields) -> StaffProfile:
    profile, _ = StaffProfile.objects.select_for_update().get_or_create(user=user)
    organisation = fields.get("organisation")
    problem = organisation and organisation_choice_problem(
        person=user, organisation=organisation, current_id=profile.organisation_id
    )
    if problem:
        raise ValidationError({"organisation": problem})
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile


def role_grant(*, role: type[models.Model], actor: User, user: User, refused: str, **scope) -> models.Model:
    """Grants `user` the role row `role(user=user, **scope)`, audited; the user's row is locked so that two grants
    of the same role cannot race. `refused` is the message when they hold it already. Runs in the caller's
    transaction."""
    lock_row(User.objects, pk=user.pk)
    if role.objects.filter(user=user, **scope).exists():
        raise RoleError(refused)
    row = role.objects.create(user=user, **scope)
    audit_record(action=AuditEntry.Action.ROLE_GRANTED, actor=actor, target=row, summary=_role_summary(row))
    return row


def role_revoke(*, role: type[models.Model], actor: User, pk: int) -> None:
    """Revokes the role row `pk`, audited. Runs in the caller's transaction."""
    row = lock_row(role.objects, pk=pk)
    if row is None:
        raise RoleError("This role has already been revoked.")
    audit_record(action=AuditEntry.Action.ROLE_REVOKED, actor=actor, target=row, summary=_role_summary(row))
    row.delete()


def national_admin_check(actor: User) -> None:
    """Only national admins grant and revoke roles (an academy admin invites, through academies.services)."""
    if not (actor.is_active and actor.is_national_admin):
        raise RoleError("Only a national admin can grant or revoke this role.")


def _role_summary(row: models.Model) -> str:
    scope = ", ".join(
        f"{field.name} {getattr(row, field.attname)}"
        for field in row._meta.concrete_fields
        if field.is_relation and field.name != "user"
    )
    return f"{row._meta.verbose_name} for user {row.user_id}, {scope}"


@transaction.atomic
def ics_lead_grant(*, actor: User, user: User, ics: IntegratedCareSystem) -> IcsLead:
    national_admin_check(actor)
    return role_grant(role=IcsLead, actor=actor, user=user, ics=ics, refused="This person already leads this ICS.")


@transaction.atomic
def ics_lead_revoke(*, actor: User, lead_id: int) -> None:
    national_admin_check(actor)
    role_revoke(role=IcsLead, actor=actor, pk=lead_id)
