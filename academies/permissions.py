"""Which roles a person holds: staff, academy admin, ICS lead, national admin. Roles are rows, not flags in code."""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet

from portal.models import IntegratedCareSystem, User
from portal.permissions import national_admin_required  # noqa: F401 (the role pages import it from here)
from portal.signed_in import signed_in_user_load

from .models import Academy


@dataclass(frozen=True)
class Roles:
    is_academy_admin: bool = False
    is_ics_lead: bool = False
    is_national_admin: bool = False


# The role rows a user holds, as annotations of a query of users; later layers add theirs (held_roles_register).
HELD_ROLES = {
    "holds_academy_admin": Exists(Academy.objects.for_admin(OuterRef("pk"))),
    "holds_ics_lead": Exists(IntegratedCareSystem.objects.for_lead(OuterRef("pk"))),
}


def held_roles_register(**annotations) -> None:
    """A later layer's rows that give a user something to do (enrolment: an allocation naming them its
    nominator), read with the signed-in user in the same query; called from that app's AppConfig.ready."""
    HELD_ROLES.update(annotations)


def users_with_roles() -> QuerySet[User]:
    return User.objects.annotate(**HELD_ROLES)


def user_roles(user) -> Roles:
    """The header of every signed-in page shows these: the signed-in user comes with them (RolesBackend), anyone
    else costs one query."""
    if not user.is_authenticated:
        return Roles()
    if not hasattr(user, "holds_ics_lead"):
        user = users_with_roles().only("is_national_admin").get(pk=user.pk)
    return Roles(
        is_academy_admin=user.holds_academy_admin,
        is_ics_lead=user.holds_ics_lead,
        is_national_admin=user.is_national_admin,
    )


class RolesBackend(ModelBackend):
    """Django's own backend, which loads the signed-in user with the roles they hold in the same query, kept in the
    cache until the user or a role row of theirs changes (portal.signed_in). Django still checks the session and
    its hash on every request, and this backend that the user is active."""

    def get_user(self, user_id):
        user = signed_in_user_load(user_id, lambda: users_with_roles().filter(pk=user_id).first())
        return user if user is not None and self.user_can_authenticate(user) else None


def academy_admin_required(view):
    """Signed in and an admin of at least one academy; each view then scopes its data to those academies."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_roles(request.user).is_academy_admin:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
