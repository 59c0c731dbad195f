"""Defences that sit around every request: login attempt limits (django-axes) and the Permissions-Policy header."""

from django.conf import settings
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from portal.models import User


def login_username(request, credentials: dict | None) -> str:
    """The e-mail address a login attempt was for, as axes counts failures by it (with the IP address).

    Lower-cased and trimmed as accounts are, so "Name@NHS.net " and "name@nhs.net" share one count. Cut to the
    longest address an account can have: axes stores it in a column no longer than that, and no account is locked
    out by the cut, since none has a longer address.
    """
    source = credentials if credentials is not None else request.POST
    address = str(source.get(settings.AXES_USERNAME_FORM_FIELD) or "").strip().lower()
    return address[: User._meta.get_field("email").max_length]


def login_locked_out(request, original_response=None, credentials=None):
    """axes' lockout answer: the NHS-styled page that says how long to wait, with 429 Too Many Requests."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"page_title": "Too many attempts to log in", "minutes": minutes},
        status=429,
    )


class PermissionsPolicyMiddleware:
    """Turns off browser features the portal never uses (camera, microphone, location and the like), so a script
    that got in somehow could not use them either. Django sets the other security headers itself."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


def safe_url(request, url: str | None) -> str:
    """`url` if it is a page of this site (never another host's, nor a scheme like javascript:); else ""."""
    secure = request.is_secure()
    allowed = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=secure)
    return url if url and allowed else ""


def safe_next(request) -> str:
    """The page to return to after signing in or registering (`?next=`), if it is on this site; else ""."""
    return safe_url(request, request.GET.get("next", ""))
