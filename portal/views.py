import hmac
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from prometheus_client import CONTENT_TYPE_LATEST

from . import privacy, services
from .forms import ErasureForm, RegistrationForm, StaffProfileForm
from .health import health_report, readiness_report
from .metrics import metrics_exposition
from .models import SourceDocument, StaffProfile
from .security import safe_next


def about(request):
    return render(request, "portal/about.html", {"sources": SourceDocument.objects.all()})


@require_http_methods(["GET", "POST"])
def register(request):
    if not settings.LOCAL_ACCOUNTS_ENABLED:
        raise Http404
    next_url = safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or "profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_register(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="academies.permissions.RolesBackend")
        messages.success(request, "Your account is ready. Tell us about your role to see what you can apply for.")
        return redirect(next_url or "profile")
    return render(
        request,
        "registration/register.html",
        {"form": form, "page_title": "Create an account", "submit_label": "Create account", "next": next_url},
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    instance = StaffProfile.objects.filter(user=request.user).first() or StaffProfile(user=request.user)
    form = StaffProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.staff_profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("profile")
    return render(
        request, "portal/profile.html", {"form": form, "page_title": "Your profile", "submit_label": "Save profile"}
    )


@login_required
@require_GET
def personal_data_download(request):
    """Everything the portal holds about the signed-in person, as a JSON file (UK GDPR subject access)."""
    data = privacy.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-leadership-programmes-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def personal_data_erase(request):
    """Erases the person's personal data once they confirm, then signs them out."""
    problems = privacy.erasure_problems(request.user)
    form = ErasureForm(request.POST or None, user=request.user)
    if request.method == "POST" and not problems and form.is_valid():
        try:
            privacy.personal_data_erase(user=request.user)
        except privacy.ErasureRefused as refused:  # something started in between: show what
            problems = refused.problems
        else:
            logout(request)
            messages.success(request, "Your account is closed and your personal data is erased.")
            return redirect("home")
    return render(
        request,
        "portal/erase.html",
        {
            "form": form,
            "problems": problems,
            "page_title": "Erase your account and personal data",
            "submit_label": "Erase my data",
            "parent_url": reverse("profile"),
            "parent_label": "Your profile",
        },
    )


@never_cache
@require_GET
def healthz(request):
    """For a monitor: 200 when the database, the broker and beat are all working, else 503 naming what failed.
    Open to anyone, so it says nothing secret."""
    return _health_response(*health_report())


@never_cache
@require_GET
def healthz_ready(request):
    """For a load balancer: 200 while this web process can serve pages (its database answers), else 503. Unlike
    /healthz, a broker or beat outage does not take every web process out of service."""
    return _health_response(*readiness_report())


def _health_response(healthy: bool, report: dict) -> JsonResponse:
    return JsonResponse(report, status=200 if healthy else 503)


@never_cache
@require_GET
def metrics(request):
    """For Prometheus (portal.metrics): only with `Authorization: Bearer <METRICS_TOKEN>`; with no token set, the
    route is off (404)."""
    if not settings.METRICS_TOKEN:
        raise Http404
    given = request.headers.get("Authorization", "").encode()
    if not hmac.compare_digest(given, f"Bearer {settings.METRICS_TOKEN}".encode()):
        response = HttpResponse("A metrics token is needed.\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(metrics_exposition(), content_type=CONTENT_TYPE_LATEST)


def csrf_failure(request, reason=""):
    """A form sent without its security token, usually from a page left open too long: say how to put it right."""
    return render(request, "403_csrf.html", status=403)
