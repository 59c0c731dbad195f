"""Bursaries: the applicant's page that asks for one with a statement, and the academy's award or refusal from its
application page. The statement shows only to the applicant and the deciding academy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from academies.permissions import academy_admin_required
from enrolment.forms import BursaryDecisionForm, BursaryRequestForm
from enrolment.models import EnrolmentError
from enrolment.permissions import academy_admin_applications, applicant_applications
from enrolment.services.bursaries import bursary_can_ask, bursary_decide, bursary_request

from .common import refuse

CANNOT_ASK = "You cannot ask for a bursary for this application: its cohort offers none, or you have already asked."


def _as_field_errors(form, error: EnrolmentError) -> bool:
    """Puts a refusal's problems on the form's fields; False if it names none."""
    problems = getattr(error, "problems", {})
    for field, message in problems.items():
        form.add_error(field, message)
    return bool(problems)


@login_required
@require_http_methods(["GET", "POST"])
def application_bursary(request, pk):
    application = get_object_or_404(
        applicant_applications(request.user).select_related("programme", "cohort__academy"), pk=pk
    )
    if not bursary_can_ask(application):
        return refuse(request, EnrolmentError(CANNOT_ASK), "enrolment:application_detail", pk)
    form = BursaryRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            bursary_request(
                application_id=pk, applicant=request.user, statement=form.cleaned_data["bursary_statement"]
            )
        except EnrolmentError as error:
            if not _as_field_errors(form, error):
                return refuse(request, error, "enrolment:application_detail", pk)
        else:
            messages.success(request, "You have asked for a bursary. The academy will e-mail you its decision.")
            return redirect("enrolment:application_detail", pk)
    return render(request, "enrolment/application_bursary.html", {"application": application, "form": form})


@academy_admin_required
@require_POST
def application_bursary_decide(request, pk):
    get_object_or_404(academy_admin_applications(request.user), pk=pk)
    form = BursaryDecisionForm(request.POST)
    if not form.is_valid():
        return refuse(request, EnrolmentError(form.errors["award"][0]), "enrolment:academy_application", pk)
    try:
        bursary_decide(application_id=pk, admin=request.user, award=form.cleaned_data["award"])
    except EnrolmentError as error:
        return refuse(request, error, "enrolment:academy_application", pk)
    messages.success(request, "Bursary decision recorded. The applicant and the finance team are told by e-mail.")
    return redirect("enrolment:academy_application", pk)
