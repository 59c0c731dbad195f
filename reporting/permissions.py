"""Who may see which reports: an ICS lead their own systems' figures, a national admin every system's.

Views scope every query through here; a system the user may not see is a 404, as if it did not exist.
"""

from django.db.models import QuerySet

from portal.models import IntegratedCareSystem


def systems_visible_to(user) -> QuerySet[IntegratedCareSystem]:
    if not user.is_authenticated:
        return IntegratedCareSystem.objects.none()
    if user.is_national_admin:
        return IntegratedCareSystem.objects.all()
    return IntegratedCareSystem.objects.for_lead(user)


def can_see_national(user) -> bool:
    return user.is_authenticated and user.is_national_admin
