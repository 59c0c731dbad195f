"""An academy admin's decisions on applications to their academy's cohorts; nothing of another academy's."""

from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from academies.permissions import academy_admin_required
from enrolment.forms import BulkDecisionForm, BursaryDecisionForm, DecisionForm
from enrolment.models import EnrolmentError
from enrolment.permissions import academy_admin_applications, academy_admin_cohorts, academy_admin_declarations
from enrolment.selectors import application_answers, with_waiting_list_position
from enrolment.services.decisions import applications_decide
from enrolment.services.funding import funding_label

from .common import refuse


@academy_admin_required
@require_http_methods(["GET", "POST"])
def application_list(request):
    applications = academy_admin_applications(request.user).select_related("applicant", "programme")
    decidable = applications.decidable()
    waiting = _listed(with_waiting_list_position(decidable.select_related("cohort", "region")), request.GET)
    form = BulkDecisionForm(
        request.POST or None,
        applications=applications,
        decidable=decidable,
        cohorts=academy_admin_cohorts(request.user),
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["applications"].order_by("submitted_at", "pk")  # first come, first decided
        result = applications_decide(
            application_ids=[a.pk for a in chosen],
            admin=request.user,
            decision=form.cleaned_data["decision"],
            reasons=form.cleaned_data["reasons"],
            reason=form.cleaned_data["reason"],
            cohort_id=form.cleaned_data["cohort"].pk if form.cleaned_data["cohort"] else None,
        )
        if result.done:
            messages.success(request, f"Decision recorded for {len(result.done)} application(s).")
        for application in chosen:
            if application.pk in result.refused:
                messages.error(request, f"{application.applicant.full_name}: {result.refused[application.pk]}")
        return redirect("enrolment:academy_applications")
    context = {
        "applications": waiting,
        "only_demo": _only_demo(waiting),
        "form": form,
        "sort": request.GET.get("sort"),
        "show": request.GET.get("show"),
    }
    return render(request, "enrolment/academy/application_list.html", context)


def _only_demo(applications) -> bool:
    """Whether there are applications and each is to a demo cohort: then the whole page, its form's choices too, is
    about demo data, and its heading says so."""
    cohorts = [application.cohort for application in applications]
    return bool(cohorts) and all(cohort is not None and cohort.is_demo for cohort in cohorts)


def _listed(applications, query):
    """By programme (or by the date a decision is due, `sort=due`); all, or only the overdue (`show=overdue`)."""
    if query.get("show") == "overdue":
        applications = applications.filter(decision_due_on__lt=timezone.localdate())
    if query.get("sort") == "due":
        return applications.order_by(F("decision_due_on").asc(nulls_last=True), "submitted_at")
    return applications.order_by("programme__title", "submitted_at")


@academy_admin_required
@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    application = get_object_or_404(
        with_waiting_list_position(academy_admin_applications(request.user))
        .select_related("applicant", "programme", "cohort__academy", "region", "organisation", "profession")
        .select_related("nomination__allocation__ics", "nomination__allocation__organisation")
        .select_related("nomination__nominated_by")
        .prefetch_related("events__actor"),
        pk=pk,
    )
    cohorts = academy_admin_cohorts(request.user).filter(programme=application.programme)
    form = DecisionForm(request.POST or None, cohorts=cohorts)
    if request.method == "POST" and form.is_valid():
        result = applications_decide(
            application_ids=[application.pk],
            admin=request.user,
            decision=form.cleaned_data["decision"],
            reasons=form.cleaned_data["reasons"],
            reason=form.cleaned_data["reason"],
            cohort_id=form.cleaned_data["cohort"].pk if form.cleaned_data["cohort"] else None,
        )
        if result.refused:
            return refuse(request, EnrolmentError(result.refused[application.pk]), "enrolment:academy_application", pk)
        messages.success(request, "Decision recorded. The applicant has been told.")
        return redirect("enrolment:academy_application", pk)
    return render(
        request,
        "enrolment/academy/application_detail.html",
        {
            "application": application,
            "answers": application_answers(application),
            "form": form,
            "can_decide": application.is_decidable,
            "funding_label": funding_label(application),
            "bursary_form": BursaryDecisionForm(),
            "declarations": academy_admin_declarations(request.user)
            .filter(application=application)
            .select_related("allocation__cohort"),
        },
    )
