"""Writes about people: registering (with a password, or through single sign-on), linking a sign-in from an
OpenID Connect provider, and keeping a staff profile."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .locking import lock_row
from .models import ExternalIdentity, StaffProfile, User
from .tasks import send_welcome_email


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
def staff_profile_update(*, user: User, **fields) -> StaffProfile:
    profile, _ = StaffProfile.objects.select_for_update().get_or_create(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile
