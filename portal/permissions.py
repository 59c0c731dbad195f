"""Which roles a person holds: staff, academy admin, ICS lead, national admin. Roles are rows, not flags in code."""

from dataclasses import dataclass

from academies.models import Academy

from .models import IntegratedCareSystem


@dataclass(frozen=True)
class Roles:
    is_academy_admin: bool = False
    is_ics_lead: bool = False
    is_national_admin: bool = False


def user_roles(user) -> Roles:
    if not user.is_authenticated:
        return Roles()
    return Roles(
        is_academy_admin=Academy.objects.for_admin(user).exists(),
        is_ics_lead=IntegratedCareSystem.objects.filter(leads__user=user).exists(),
        is_national_admin=user.is_national_admin,
    )
