"""Writes about people: registering and keeping a staff profile."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import StaffProfile, User
from .tasks import send_welcome_email


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str) -> User:
    """Creates the account with its empty staff profile, and welcomes them once the account is committed."""
    user = User(email=email.strip().lower(), full_name=full_name.strip())
    user.set_password(password)
    user.full_clean()
    user.save()
    StaffProfile.objects.create(user=user)
    send_welcome_email.enqueue_on_commit(user.pk)
    return user


@transaction.atomic
def staff_profile_update(*, user: User, **fields) -> StaffProfile:
    profile, _ = StaffProfile.objects.select_for_update().get_or_create(user=user)
    organisation = fields.get("organisation")
    if organisation and organisation.is_closed and organisation.pk != profile.organisation_id:
        raise ValidationError({"organisation": "This organisation has closed: choose the one you work for now."})
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile
