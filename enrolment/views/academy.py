"""An academy admin's decisions on applications to their academy's cohorts; nothing of another academy's."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from academies.permissions import academy_admin_required
from enrolment.forms import BulkDecisionForm, DecisionForm
from enrolment.models import Application, EnrolmentError
from enrolment.permissions import academy_admin_applications, academy_admin_cohorts
from enrolment.selectors import application_answers, with_waiting_list_position
from enrolment.services.decisions import applications_decide

from .common import refuse

AWAITING_DECISION = [Application.Status.UNDER_REVIEW, Application.Status.WAITLISTED]


@academy_admin_required
@require_http_methods(["GET", "POST"])
def application_list(request):
    applications = academy_admin_applications(request.user)
    waiting = with_waiting_list_position(
        applications.filter(status__in=AWAITING_DECISION).select_related("applicant", "programme", "cohort", "region")
    ).order_by("programme__title", "submitted_at")
    form = BulkDecisionForm(
        request.POST or None, applications=applications, cohorts=academy_admin_cohorts(request.user)
    )
    if request.method == "POST" and form.is_valid():
        result = applications_decide(
            application_ids=[a.pk for a in form.cleaned_data["applications"]],
            admin=request.user,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            cohort_id=form.cleaned_data["cohort"].pk if form.cleaned_data["cohort"] else None,
        )
        if result.done:
            messages.success(request, f"Decision recorded for {len(result.done)} application(s).")
        for problem in result.refused.values():
            messages.error(request, problem)
        return redirect("enrolment:academy_applications")
    return render(request, "enrolment/academy/application_list.html", {"applications": waiting, "form": form})


@academy_admin_required
@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    application = get_object_or_404(
        with_waiting_list_position(academy_admin_applications(request.user))
        .select_related("applicant", "programme", "cohort__academy", "region", "organisation", "profession")
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
            "can_decide": application.status in AWAITING_DECISION,
        },
    )
