"""The budget holder's page, reached from the e-mailed link, with no account."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from enrolment.forms import BudgetHolderForm
from enrolment.services.funding import budget_holder_link_application, budget_holder_respond
from enrolment.services.signed_links import LinkInvalid


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
    return render(request, "enrolment/budget_holder.html", {"application": application, "form": form})
