"""The progression funnel of a system (for its ICS leads) and of the country (for national admins), and their CSV
exports: the same permissions, filters, caching and audit as the dashboards (reporting.views)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from portal.audit import audit_record
from portal.models import AuditEntry
from portal.replica import from_replica

from .forms import ReportFilterForm
from .funnel import ROUNDING_BASE
from .funnel_report import EQUALITY, FunnelReport
from .permissions import can_see_national
from .selectors import last_refresh
from .suppression import SMALL_NUMBER
from .tables import SUPPRESSED
from .views import FIGURES_SECONDS, _bad_filters, _csv, _system


@login_required
@require_GET
def ics_funnel(request, slug):
    ics = _system(request, slug)
    context = {"ics": ics, "parent_url": reverse("reporting:ics_dashboard", args=[ics.slug])}
    context["parent_label"] = f"{ics.name} dashboard"
    form = ReportFilterForm(request.GET, today=timezone.localdate(), ics=ics)
    return _page(request, form, ics, context)


@login_required
@require_GET
def ics_funnel_export(request, slug, table):
    ics = _system(request, slug)
    form = ReportFilterForm(request.GET, today=timezone.localdate(), ics=ics)
    return _export(request, form, ics, table, ics.slug, target=ics, summary=f"funnel {table}.csv")


@login_required
@require_GET
def national_funnel(request):
    if not can_see_national(request.user):
        raise PermissionDenied
    context = {"parent_url": reverse("reporting:national"), "parent_label": "National view"}
    return _page(request, ReportFilterForm(request.GET, today=timezone.localdate()), None, context)


@login_required
@require_GET
def national_funnel_export(request, table):
    if not can_see_national(request.user):
        raise PermissionDenied
    form = ReportFilterForm(request.GET, today=timezone.localdate())
    return _export(request, form, None, table, "national", summary=f"national funnel {table}.csv")


def _page(request, form, ics, context):
    """The filters with their errors (a 400), or the funnel under them, cached as the dashboards are, and read from
    the replica as they are."""
    return from_replica(lambda: _render_page(request, form, ics, context))


def _render_page(request, form, ics, context):
    refresh = last_refresh()
    context |= {
        "form": form,
        "refresh": refresh,
        "suppressed": SUPPRESSED,
        "small_number": SMALL_NUMBER,
        "rounding_base": ROUNDING_BASE,
    }
    if not form.is_valid():
        return render(request, "reporting/funnel.html", context, status=400)
    report = FunnelReport(ics=ics, filters=form.filters())
    context |= {
        "filters": form.filters(),
        "totals_list": SimpleLazyObject(report.summary),
        "query": request.GET.urlencode(),
        "export_prefix": report.export_prefix(),
        "figures_key": f"{request.path}?{request.GET.urlencode()} {form.today} {refresh and refresh.finished_at}",
        "figures_seconds": FIGURES_SECONDS,
        "main_tables": SimpleLazyObject(lambda: [report.table(slug) for slug in report.main]),
        "equality_tables": SimpleLazyObject(lambda: [report.table(slug) for slug in EQUALITY]),
    }
    return render(request, "reporting/funnel.html", context)


def _export(request, form, ics, table: str, name: str, **audit):
    """One funnel table as CSV under the page's filters, read as the dashboards' exports are; each export goes in the
    audit log."""
    if not from_replica(form.is_valid):
        return _bad_filters(form)
    report = FunnelReport(ics=ics, filters=form.filters())
    if table not in report.tables:
        raise Http404
    response = from_replica(lambda: _csv(report.table(table), f"{name}-funnel-{table}-{form.today:%Y-%m-%d}.csv"))
    audit_record(action=AuditEntry.Action.DATA_EXPORTED, actor=request.user, **audit)
    return response
