"""The budget holder's page, reached from the e-mailed link, with no account; and the applicant's page that names a
budget holder after submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from enrolment.application_pages import BudgetHolderPageForm
from enrolment.forms import BudgetHolderForm
from enrolment.funding import FUNDING_KIND_TEXT, FundingKind
from enrolment.models import EnrolmentError
from enrolment.permissions import applicant_applications
from enrolment.services.funding import (
    BudgetHolderRefused,
    application_budget_holder_name,
    budget_holder_link_application,
    budget_holder_respond,
    budget_holder_wanted,
)
from enrolment.services.signed_links import LinkInvalid

from .common import refuse

NOT_WANTED = "Your application does not need a budget holder now."


def _invalid(request, error: LinkInvalid):
    return render(request, "enrolment/manager_link_invalid.html", {"message": str(error)}, status=410)


@require_http_methods(["GET", "POST"])
def budget_holder(request, token):
    try:
        application = budget_holder_link_application(token)
    except LinkInvalid as error:
        return _invalid(request, error)
    form = BudgetHolderForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            budget_holder_respond(token=token, **form.cleaned_data)
        except LinkInvalid as error:
            return _invalid(request, error)
        return render(request, "enrolment/budget_holder_thanks.html", {"application": application, **form.cleaned_data})
    return render(
        request,
        "enrolment/budget_holder.html",
        {"application": application, "form": form, "funding_text": FUNDING_KIND_TEXT[FundingKind.EMPLOYER]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_budget_holder(request, pk):
    """After submission: the applicant names the budget holder a placing on an employer-funded cohort needs."""
    application = get_object_or_404(
        applicant_applications(request.user).select_related("programme", "cohort", "region", "applicant"), pk=pk
    )
    if not budget_holder_wanted(application):
        return refuse(request, EnrolmentError(NOT_WANTED), "enrolment:application_detail", pk)
    form = BudgetHolderPageForm(request.POST if request.method == "POST" else None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            application_budget_holder_name(
                application_id=pk,
                applicant=request.user,
                name=form.cleaned_data["budget_holder_name"],
                email=form.cleaned_data["budget_holder_email"],
            )
        except BudgetHolderRefused as refused:
            for field, message in refused.problems.items():
                form.add_error(field, message)
        except EnrolmentError as error:
            return refuse(request, error, "enrolment:application_detail", pk)
        else:
            messages.success(request, "We have e-mailed your budget holder a link to confirm the funding.")
            return redirect("enrolment:application_detail", pk)
    return render(
        request,
        "enrolment/application_budget_holder.html",
        {"application": application, "form": form, "funding_text": FUNDING_KIND_TEXT[FundingKind.EMPLOYER]},
    )
