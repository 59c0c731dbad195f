"""ICS dashboards, the national view, their CSV exports, and a person's own equality answers.

Every report view checks who is asking first: an ICS lead sees only the systems they lead (any other is a 404,
as if it did not exist), a national admin sees all; a bad filter is a 400 that says what to fix, never a 500.
"""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.audit import audit_record
from portal.models import AuditEntry
from portal.replica import from_replica

from . import services
from .dashboards import EQUALITY_SLUGS, NationalReport, SystemReport, totals_list
from .forms import RANKINGS, EqualityProfileForm, NationalFilterForm, ReportFilterForm
from .models import EqualityProfile
from .permissions import can_see_national, systems_visible_to
from .selectors import last_refresh
from .suppression import SMALL_NUMBER
from .tables import SUPPRESSED, write_csv

# How long a report's rendered figures are kept: a refresh replaces them sooner (it is part of their key), this
# bounds how long a change outside the figures (a scheme's target, a programme's title) takes to show.
FIGURES_SECONDS = 900


@login_required
@require_GET
def system_list(request):
    """Sends a lead of one system straight to it; lists them for a lead of several, or for a national admin."""
    systems = systems_visible_to(request.user).select_related("region").order_by("name")
    if not can_see_national(request.user):
        led = list(systems[:2])
        if not led:
            raise PermissionDenied
        if len(led) == 1:
            return redirect("reporting:ics_dashboard", led[0].slug)
    return render(request, "reporting/system_list.html", {"systems": systems})


def _system(request, slug):
    return get_object_or_404(systems_visible_to(request.user).select_related("region"), slug=slug)


@login_required
@require_GET
def ics_dashboard(request, slug):
    visible = list(systems_visible_to(request.user).select_related("region"))  # one query for both questions
    ics = next((system for system in visible if system.slug == slug), None)
    if ics is None:
        raise Http404
    context = {"ics": ics, "small_number": SMALL_NUMBER}
    if len(visible) > 1:
        context |= {"parent_url": reverse("reporting:systems"), "parent_label": "ICS dashboards"}

    def figures(report: SystemReport) -> dict:
        return {
            "main_tables": lambda: [report.table(slug) for slug in SystemReport.MAIN],
            "scheme_table": lambda: report.table("schemes"),
            "scheme_places_table": lambda: report.table("scheme_places"),
            "ring_fence_table": lambda: report.table("ring_fence"),
            "equality_tables": lambda: [report.table(slug) for slug in EQUALITY_SLUGS],
        }

    form = ReportFilterForm(request.GET, today=timezone.localdate(), ics=ics)
    return _page(request, "reporting/ics_dashboard.html", form, _system_report(ics), figures, context)


@login_required
@require_GET
def ics_export(request, slug, table):
    ics = _system(request, slug)
    if table not in SystemReport.TABLES:
        raise Http404
    form = ReportFilterForm(request.GET, today=timezone.localdate(), ics=ics)
    return _export(request, form, _system_report(ics), table, ics.slug, target=ics, summary=f"{table}.csv")


@login_required
@require_GET
def national(request):
    if not can_see_national(request.user):
        raise PermissionDenied

    def figures(report: NationalReport) -> dict:
        return {
            "rank_label": lambda: dict(RANKINGS)[report.rank_by],
            "ranking_tables": lambda: [report.table("regions"), report.table("systems")],
            "demo_table": lambda: report.table("demo_systems"),
            "scheme_table": lambda: report.table("schemes"),
            "scheme_places_table": lambda: report.table("scheme_places"),
            "equality_tables": lambda: [report.table(slug) for slug in EQUALITY_SLUGS],
        }

    form = NationalFilterForm(request.GET, today=timezone.localdate())
    return _page(request, "reporting/national.html", form, _national_report, figures, {})


@login_required
@require_GET
def national_export(request, table):
    if not can_see_national(request.user):
        raise PermissionDenied
    if table not in NationalReport.TABLES:
        raise Http404
    form = NationalFilterForm(request.GET, today=timezone.localdate())
    return _export(request, form, _national_report, table, "national", summary=f"national {table}.csv")


def _system_report(ics):
    return lambda form: SystemReport(ics=ics, filters=form.filters(), today=form.today)


def _national_report(form) -> NationalReport:
    return NationalReport(filters=form.filters(), rank_by=form.cleaned_data["rank_by"], today=form.today)


def _page(request, template, form, build, figures, context):
    """A report page: the filters with their errors (a 400), or the report's figures under them.

    `figures(report)` gives a function for each part of the page. The figures change only when the reports are
    refreshed, and are the same for everyone allowed to see them, so report_base.html keeps the page from the
    filters down in the cache, keyed by page, filters, day and refresh: the filters' lists and each part of the
    figures are worked out (once, lazily) only when that part has to be rendered. A programme or organisation
    added since the last refresh joins the filters' lists with the next, when it has figures.
    The refresh and its figures are read from the replica, if there is one (portal.replica): both from the same.
    """
    return from_replica(lambda: _render_page(request, template, form, build, figures, context))


def _render_page(request, template, form, build, figures, context):
    refresh = last_refresh()
    context |= {"form": form, "refresh": refresh, "suppressed": SUPPRESSED}
    if not form.is_valid():
        return render(request, template, context, status=400)
    report = build(form)
    context |= {
        "filters": form.filters(),
        "totals_list": SimpleLazyObject(lambda: totals_list(report.totals())),
        "query": request.GET.urlencode(),
        "figures_key": f"{request.path}?{request.GET.urlencode()} {form.today} {refresh and refresh.finished_at}",
        "figures_seconds": FIGURES_SECONDS,
        **{name: SimpleLazyObject(part) for name, part in figures(report).items()},
    }
    return render(request, template, context)


def _export(request, form, build, table: str, name: str, **audit) -> HttpResponse:
    """One table as CSV, every row of it, under the page's filters, read from the replica if there is one; each
    export goes in the audit log."""
    if not from_replica(form.is_valid):
        return _bad_filters(form)
    filename = f"{name}-{table}-{form.today:%Y-%m-%d}.csv"
    response = from_replica(lambda: _csv(build(form).table(table, full=True), filename))
    audit_record(action=AuditEntry.Action.DATA_EXPORTED, actor=request.user, **audit)
    return response


def _bad_filters(form) -> HttpResponseBadRequest:
    problems = "\n".join(str(error) for errors in form.errors.values() for error in errors)
    return HttpResponseBadRequest(f"The filters are not valid:\n{problems}\n", content_type="text/plain")


def _csv(table, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    write_csv(table, buffer)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def equality_profile(request):
    profile = EqualityProfile.objects.filter(user=request.user).first()
    initial = {}
    if profile:
        initial = {field: getattr(profile, field) for field in EqualityProfileForm.base_fields}
    form = EqualityProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.equality_profile_save(user=request.user, **form.cleaned_data)
        messages.success(request, "Your answers are saved. Thank you.")
        return redirect("reporting:equality_profile")
    return render(
        request,
        "reporting/equality_profile.html",
        {
            "form": form,
            "has_profile": profile is not None,
            "page_title": "Equality monitoring",
            "submit_label": "Save answers",
            "parent_url": reverse("profile"),
            "parent_label": "Your profile",
        },
    )


@login_required
@require_POST
def equality_profile_delete(request):
    services.equality_profile_delete(user=request.user)
    messages.success(request, "Your equality monitoring answers are deleted.")
    return redirect("reporting:equality_profile")
