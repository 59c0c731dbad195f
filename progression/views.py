"""Follow-up pages: the answer page reached from the e-mailed link (no sign-in), its check page and confirmation,
and the person's own answers in their account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .forms import FollowUpForm
from .links import FollowUpLinkInvalid, follow_up_for_link
from .models import FollowUpError
from .selectors import follow_ups_for_account
from .services import follow_up_answer, follow_up_change

INVALID_TEMPLATE = "enrolment/manager_link_invalid.html"


def _invalid(request, error: FollowUpLinkInvalid):
    return render(request, INVALID_TEMPLATE, {"message": str(error)}, status=410)


def _answer_page(request, follow_up, form, token):
    return render(request, "progression/answer.html", {"follow_up": follow_up, "form": form, "token": token})


@require_http_methods(["GET", "POST"])
def answer_view(request, token):
    """The questions; a valid answer goes on to the check page. "Change" on the check page comes back here."""
    try:
        follow_up = follow_up_for_link(token)
    except FollowUpLinkInvalid as error:
        return _invalid(request, error)
    if request.method == "POST" and "change" not in request.POST:
        form = FollowUpForm(request.POST)
        if form.is_valid():
            return render(request, "progression/check.html", {"follow_up": follow_up, "form": form, "token": token})
    else:
        form = FollowUpForm(initial=request.POST.dict())
    return _answer_page(request, follow_up, form, token)


@require_POST
def confirm_view(request, token):
    """Stores the answers the check page carried, once."""
    try:
        follow_up = follow_up_for_link(token)
    except FollowUpLinkInvalid as error:
        return _invalid(request, error)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return _answer_page(request, follow_up, form, token)
    try:
        follow_up_answer(token=token, **form.cleaned_data)
    except FollowUpLinkInvalid as error:
        return _invalid(request, error)
    return redirect("progression:answered")


@require_GET
def answered_view(request):
    return render(request, "progression/answered.html")


@login_required
@require_GET
def mine_view(request):
    return render(request, "progression/mine.html", {"follow_ups": follow_ups_for_account(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def change_view(request, pk):
    follow_up = get_object_or_404(follow_ups_for_account(request.user), pk=pk)
    initial = {
        "role_changed": {True: "yes", False: "no"}.get(follow_up.role_changed),
        "band": follow_up.band,
        "new_responsibilities": {True: "yes", False: "no"}.get(follow_up.new_responsibilities),
    }
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_change(person=request.user, follow_up_id=follow_up.pk, **form.cleaned_data)
        except FollowUpError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Your answers have been changed.")
        return redirect("progression:mine")
    return render(request, "progression/change.html", {"follow_up": follow_up, "form": form})
