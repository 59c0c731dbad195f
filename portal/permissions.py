"""Which roles a person holds: staff, academy admin, ICS lead, national admin. Roles are rows, not flags in code."""

from dataclasses import dataclass

from django.db.models import Exists

from academies.models import Academy

from .models import IntegratedCareSystem, User


@dataclass(frozen=True)
class Roles:
    is_academy_admin: bool = False
    is_ics_lead: bool = False
    is_national_admin: bool = False


def user_roles(user) -> Roles:
    """One query, for the header of every signed-in page."""
    if not user.is_authenticated:
        return Roles()
    held = User.objects.filter(pk=user.pk).values(
        is_academy_admin=Exists(Academy.objects.for_admin(user)),
        is_ics_lead=Exists(IntegratedCareSystem.objects.filter(leads__user=user)),
    )
    return Roles(**(held.first() or {}), is_national_admin=user.is_national_admin)
