"""The pages of single sign-on (portal.sso): each provider's start and callback (mozilla-django-oidc's views, with
that provider's settings and the portal's pages for a refusal), proving the password of an existing account before
linking it, and signing out with the sign-out of the provider the person signed in with offered."""

from functools import wraps
from urllib.parse import parse_qs, urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.http import require_http_methods, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import services
from .forms import SsoLinkForm
from .security import safe_url
from .sso import PENDING, SIGNED_IN_WITH, SignInRefused, end_session_url, sso_enabled
from .sso_providers import ProviderSettings, configured_provider, provider_named, providers

SESSION_BACKEND = "academies.permissions.RolesBackend"  # what the portal's own sign-in records in the session
LOGIN_NEXT = "oidc_login_next"  # where mozilla-django-oidc's start keeps the safe `next` for after the sign-in
CANCELLED = "You did not finish signing in with {title}, so you are not signed in. You can try again."
FAILED = "{title} could not confirm who you are, so you are not signed in. Try again, or sign in with your password."
UNREACHABLE = "{title} is not answering at the moment, so you cannot sign in with it. Try again later."
MIXED = "This answer was meant for signing in with another provider, so you are not signed in. You can try again."
FLOW_FAILURES = (
    SuspiciousOperation, ValidationError, jwt.InvalidTokenError, requests.RequestException, KeyError, ValueError,
)


def _sso_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not sso_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def sign_in_refused(request, reason: str, status: int = 400):
    return render(
        request, "registration/sso_refused.html", {"page_title": "You are not signed in", "reason": reason},
        status=status,
    )


class ProviderView(ProviderSettings):
    """A page of one provider (/sso/<provider>/...): mozilla-django-oidc's view, with that provider's settings. The
    library reads some settings when the view is made, before the URL names the provider: they are read again here."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.provider = provider_named(kwargs["provider"])

    def dispatch(self, request, *args, **kwargs):
        try:
            self.use_provider(self.provider)
        except requests.RequestException:
            return sign_in_refused(request, UNREACHABLE.format(title=self.provider.title), status=502)
        return super().dispatch(request)


class SsoStartView(ProviderView, OIDCAuthenticationRequestView):
    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)

    def get(self, request):
        self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        response = super().get(request)
        state = parse_qs(urlsplit(response.url).query)["state"][0]
        request.session["oidc_states"][state]["provider"] = self.provider.name  # its answer comes back only here
        request.session.modified = True
        return response

    def get_extra_params(self, request):
        return {**super().get_extra_params(request), "redirect_uri": self.provider.callback_url(request)}


class SsoCallbackView(ProviderView, OIDCAuthenticationCallbackView):
    """The provider sends the person back here. Any answer the portal cannot accept (an error, a forged, expired or
    misaddressed token, a code used before, an answer to a sign-in started with another provider) ends on a page
    that says so; no account is made."""

    def get(self, request):
        title = self.provider.title
        states = request.session.get("oidc_states") or {}
        started = states.get(request.GET.get("state"))
        if started is not None and started.get("provider") != self.provider.name:
            del states[request.GET["state"]]
            request.session.modified = True
            return sign_in_refused(request, MIXED)
        try:
            return super().get(request)
        except SignInRefused as refused:
            return sign_in_refused(request, refused.reason)
        except FLOW_FAILURES:
            return sign_in_refused(request, FAILED.format(title=title))

    def login_failure(self):
        if self.request.session.get(PENDING):
            return redirect("sso_link")
        reason = CANCELLED if self.request.GET.get("error") else FAILED
        return sign_in_refused(self.request, reason.format(title=self.provider.title))

    def login_success(self):
        login(self.request, self.user, backend=SESSION_BACKEND)
        self.request.session[SIGNED_IN_WITH] = self.provider.name
        return redirect(self.success_url)


@_sso_only
@require_http_methods(["GET", "POST"])
def sso_link(request):
    """The provider's e-mail address belongs to an account here: link only once the person proves its password, then
    go where the sign-in was going (the `next` the start kept), as a sign-in without linking does."""
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("login")
    provider = provider_named(pending["provider"])
    form = SsoLinkForm(request.POST or None, request=request, email=pending["email"])
    if request.method == "POST" and form.is_valid():
        try:
            services.external_identity_link(user=form.user, issuer=pending["issuer"], subject=pending["subject"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            next_url = safe_url(request, request.session.pop(LOGIN_NEXT, None))
            login(request, form.user, backend=SESSION_BACKEND)
            request.session.pop(PENDING, None)
            request.session[SIGNED_IN_WITH] = provider.name
            return redirect(next_url or "enrolment:start")
    return render(
        request,
        "registration/sso_link.html",
        {
            "form": form, "email": pending["email"], "provider_title": provider.title,
            "page_title": f"Link {provider.title} to your account", "submit_label": "Link",
        },
    )


@require_POST
def sign_out(request):
    """Ends the portal's session; after a single sign-on, offers the sign-out of the provider the person signed in
    with."""
    provider = configured_provider(request.session.get(SIGNED_IN_WITH))
    if provider is None:
        return LogoutView.as_view()(request)
    id_token = request.session.get("oidc_id_token")
    logout(request)
    return render(
        request,
        "registration/signed_out.html",
        {
            "page_title": "You are signed out", "provider_title": provider.title,
            "end_session_url": end_session_url(provider, id_token),
        },
    )


class SignInView(LoginView):
    """The sign-in page: a button for each single sign-on provider configured ("Sign in with NHSmail"), and the
    password form while local accounts are on (LOCAL_ACCOUNTS_ENABLED)."""

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_ACCOUNTS_ENABLED:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sso_providers=providers(), local_accounts_enabled=settings.LOCAL_ACCOUNTS_ENABLED, **kwargs
        )
