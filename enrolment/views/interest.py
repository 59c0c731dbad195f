"""'Tell me when applications open': the form (at its own address, linked from the programme page), the links
e-mailed to confirm an address or stop the e-mails, and a signed-in person's list of what they wait for."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from enrolment.interest_forms import InterestForm
from enrolment.interest_selectors import interest_list_for_person
from enrolment.models import EnrolmentError, ProgrammeInterest
from enrolment.services import interest as service
from enrolment.services.cohorts import InvalidInput
from programmes.models import Programme

LINK_INVALID = "enrolment/manager_link_invalid.html"  # the page of any e-mailed link that does not work


@require_http_methods(["GET", "POST"])
def interest_register(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    signed_in = request.user.is_authenticated
    data = request.POST if request.method == "POST" else None
    form = InterestForm(data, signed_in=signed_in, initial=_initial(request.user, programme))
    if request.method == "POST" and form.is_valid():
        try:
            service.interest_register(
                programme=programme,
                region=form.chosen_region(),
                user=request.user,
                email=form.cleaned_data.get("email", ""),
            )
        except InvalidInput as error:
            for field, problem in error.problems.items():
                form.add_error(field if field in form.fields else None, problem)
        else:
            if signed_in:
                messages.success(request, f"We will e-mail you when applications open for {programme.title}.")
                return redirect("enrolment:interests")
            return render(request, "enrolment/interest/check_email.html", {"programme": programme})
    return render(request, "enrolment/interest/register.html", {"form": form, "programme": programme})


def _initial(user, programme) -> dict:
    mine = user.is_authenticated and ProgrammeInterest.objects.filter(user=user, programme=programme).first()
    return {"region": str(mine.region_id or "") if mine else ""}


@require_http_methods(["GET", "POST"])
def interest_confirm(request, token):
    """A page with a button, not a change on opening the link: a mail scanner that follows links confirms nothing."""
    try:
        interest, region = service.interest_confirmation(token=token)
        if request.method == "POST":
            service.interest_confirm(token=token)
            return render(request, "enrolment/interest/confirmed.html", {"interest": interest, "region": region})
    except service.InterestLinkInvalid as error:
        return render(request, LINK_INVALID, {"message": str(error)}, status=410)
    return render(request, "enrolment/interest/confirm.html", {"interest": interest, "region": region})


@require_http_methods(["GET", "POST"])
def interest_unsubscribe(request, token):
    try:
        interest = service.interest_unsubscribing(token=token)
        if request.method == "POST":
            service.interest_unsubscribe(token=token)
            return render(request, "enrolment/interest/unsubscribed.html", {"interest": interest})
    except service.InterestLinkInvalid as error:
        return render(request, LINK_INVALID, {"message": str(error)}, status=400)
    template = "enrolment/interest/unsubscribe.html" if interest else "enrolment/interest/unsubscribed.html"
    return render(request, template, {"interest": interest})


@login_required
def interest_list(request):
    return render(request, "enrolment/interest/list.html", {"interests": interest_list_for_person(request.user)})


@login_required
@require_POST
def interest_withdraw(request, pk):
    try:
        service.interest_withdraw(user=request.user, interest_id=pk)
    except EnrolmentError:
        raise Http404("There is no such request for e-mails.") from None
    messages.success(request, "We will not e-mail you about that programme.")
    return redirect("enrolment:interests")
