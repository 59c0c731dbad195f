"""The pages of single sign-on (portal.sso): the start and the provider's callback (mozilla-django-oidc's views with
the portal's pages for a refusal), proving the password of an existing account before linking it, and signing out
with the provider's own sign-out offered."""

from functools import wraps

import jwt
import requests
from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import services
from .forms import SsoLinkForm
from .sso import PENDING, SignInRefused, end_session_url, sso_enabled

SESSION_BACKEND = "academies.permissions.RolesBackend"  # what the portal's own sign-in records in the session
CANCELLED = "You did not finish signing in with NHSmail, so you are not signed in. You can try again."
FAILED = "NHSmail could not confirm who you are, so you are not signed in. Try again, or sign in with your password."


def _sso_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not sso_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def sign_in_refused(request, reason: str):
    return render(
        request, "registration/sso_refused.html", {"page_title": "You are not signed in", "reason": reason}, status=400
    )


class SsoStartView(OIDCAuthenticationRequestView):
    def get(self, request):
        if not sso_enabled():
            raise Http404
        return super().get(request)


class SsoCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the person back here. Any answer the portal cannot accept (an error, a forged, expired or
    misaddressed token, a code used before) ends on a page that says so; no account is made."""

    def get(self, request):
        if not sso_enabled():
            raise Http404
        try:
            return super().get(request)
        except SignInRefused as refused:
            return sign_in_refused(request, refused.reason)
        except (SuspiciousOperation, jwt.InvalidTokenError, requests.RequestException, KeyError, ValueError):
            return sign_in_refused(request, FAILED)

    def login_failure(self):
        if self.request.session.get(PENDING):
            return redirect("sso_link")
        return sign_in_refused(self.request, CANCELLED if self.request.GET.get("error") else FAILED)

    def login_success(self):
        login(self.request, self.user, backend=SESSION_BACKEND)
        return redirect(self.success_url)


@_sso_only
@require_http_methods(["GET", "POST"])
def sso_link(request):
    """The provider's e-mail address belongs to an account here: link only once the person proves its password."""
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("login")
    form = SsoLinkForm(request.POST or None, request=request, email=pending["email"])
    if request.method == "POST" and form.is_valid():
        try:
            services.external_identity_link(user=form.user, issuer=pending["issuer"], subject=pending["subject"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, form.user, backend=SESSION_BACKEND)
            request.session.pop(PENDING, None)
            return redirect("enrolment:start")
    return render(
        request,
        "registration/sso_link.html",
        {"form": form, "email": pending["email"], "page_title": "Link NHSmail to your account", "submit_label": "Link"},
    )


@require_POST
def sign_out(request):
    """Ends the portal's session; after a single sign-on, offers the provider's sign-out too."""
    id_token = request.session.get("oidc_id_token")
    if not (sso_enabled() and id_token):
        return LogoutView.as_view()(request)
    logout(request)
    return render(
        request,
        "registration/signed_out.html",
        {"page_title": "You are signed out", "end_session_url": end_session_url(id_token)},
    )


class SignInView(LoginView):
    """The sign-in page: "Sign in with NHSmail" where single sign-on is configured, and the password form while local
    accounts are on (LOCAL_ACCOUNTS_ENABLED)."""

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_ACCOUNTS_ENABLED:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sso_enabled=sso_enabled(),
            sso_button_label=settings.SSO_BUTTON_LABEL,
            local_accounts_enabled=settings.LOCAL_ACCOUNTS_ENABLED,
            **kwargs,
        )
