"""Who may open the base layer's pages beyond signing in: national admins (academies.permissions has the rest)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def national_admin_required(view):
    """Signed in and a national admin: the pages that grant and revoke roles, and map unlisted organisations."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_national_admin):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
