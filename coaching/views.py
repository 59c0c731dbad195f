"""Pages of the register. Thin: who is asking and what they may see (coaching.permissions), then a selector
or a service. A record outside what the person may see is a 404, whatever its id."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from academies.permissions import academy_admin_required
from portal.models import SourceDocument
from portal.pagination import paginate, same_search_page

from . import permissions, selectors, services
from .filters import CoachProfileFilter
from .forms import CoachingRequestForm, CoachProfileForm, ProfileDecisionForm, SessionLogForm, SuggestionForm
from .models import CoachingError, CoachProfile

PAGE_SIZE = 20
REGISTER_SOURCE_CODE = "004"


def _refused(form, error: CoachingError | ValidationError) -> None:
    """Shows a service's refusal at the top of the form; nothing was changed."""
    form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))


@login_required
@require_GET
def register_view(request):
    filterset = CoachProfileFilter(request.GET, queryset=selectors.register_queryset())
    filterset.show_counts(selectors.coach_facet_counts(filterset))
    pagination = paginate(
        selectors.coach_search_results(filterset),
        request.GET.get("page"),
        per_page=PAGE_SIZE,
        url_for=partial(same_search_page, request),
    )
    # The lede restates source 004's description of the service, so the page cites it.
    sources = SourceDocument.objects.filter(code=REGISTER_SOURCE_CODE)
    totals = selectors.coach_search_totals(filterset)
    context = {"filterset": filterset, "pagination": pagination, "sources": sources, "totals": totals}
    return render(request, "coaching/register.html", context)


@login_required
@require_GET
def suggestions_view(request):
    form = SuggestionForm(request.GET)
    has_organisation = permissions.organisation_id_of(request.user) is not None
    suggestions = []
    if has_organisation and form.is_valid():
        suggestions = selectors.coach_suggestions(
            mentee=request.user,
            dimensions=list(form.cleaned_data["dimensions"]),
            career_stage=form.cleaned_data["career_stage"],
            kind=form.cleaned_data["kind"],
        )
    return render(
        request,
        "coaching/suggestions.html",
        {"form": form, "suggestions": suggestions, "has_organisation": has_organisation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def coach_detail_view(request, pk):
    """A coach's profile, with the form to ask them when the viewer may."""
    coach = selectors.coach_profile_for_page(user=request.user, profile_id=pk)
    form = CoachingRequestForm(request.POST or None, coach=coach)
    if request.method == "POST" and form.is_valid():
        try:
            coaching_request = services.coaching_request_create(
                mentee=request.user, coach_id=coach.pk, **form.cleaned_data
            )
        except (CoachingError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, f"Your request is sent to {coach.user.full_name}.")
            return redirect(coaching_request)
    return _coach_page(request, coach, form=form)


def _coach_page(request, coach: CoachProfile, *, form=None, decision_form=None):
    may_decide = permissions.coach_profiles_administered_by(request.user).filter(pk=coach.pk).exists()
    context = {
        "coach": coach,
        "refusal": permissions.request_refusal(mentee=request.user, coach=coach),
        "form": form or CoachingRequestForm(coach=coach),
        "is_own": permissions.is_own_profile(request.user, coach),
        "decision_form": (decision_form or ProfileDecisionForm()) if may_decide else None,
    }
    return render(request, "coaching/coach_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit_view(request):
    """Registers the signed-in person as a coach, or changes their profile."""
    profile = CoachProfile.objects.filter(user=request.user).first()
    initial = CoachProfileForm.initial_for(profile) if profile else None
    form = CoachProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if profile:
                profile = services.coach_profile_update(user=request.user, details=form.details())
            else:
                profile = services.coach_profile_register(user=request.user, details=form.details())
        except (CoachingError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, f"Your coach profile is saved. Status: {profile.get_status_display().lower()}.")
            return redirect("coaching:mine")
    title = "Change your coach profile" if profile else "Offer coaching or mentoring"
    return render(
        request,
        "coaching/profile_form.html",
        {"form": form, "profile": profile, "page_title": title, "submit_label": "Save profile"},
    )


@login_required
@require_GET
def my_coaching_view(request):
    return render(request, "coaching/mine.html", {"mine": selectors.my_coaching(user=request.user)})


@login_required
@require_GET
def request_detail_view(request, pk):
    coaching_request = selectors.coaching_request_for_page(user=request.user, request_id=pk)
    return _request_page(request, coaching_request, SessionLogForm())


def _request_page(request, coaching_request, session_form):
    context = {
        "coaching_request": coaching_request,
        "is_coach": permissions.is_coach_of(request.user, coaching_request),
        "actions": permissions.request_actions(request.user, coaching_request),
        "contact_shared": permissions.can_see_contact_details(request.user, coaching_request),
        "session_form": session_form,
    }
    return render(request, "coaching/request_detail.html", context)


# action -> (service, the keyword it names the person by, what to tell them when it is done)
ACTIONS = {
    "accept": (
        services.coaching_request_accept,
        "coach_user",
        "You have accepted the request. You can now see each other's e-mail addresses.",
    ),
    "decline": (services.coaching_request_decline, "coach_user", "You have declined the request. We have told them."),
    "withdraw": (services.coaching_request_withdraw, "mentee", "You have withdrawn your request."),
    "close": (services.coaching_relationship_close, "user", "You have closed the relationship. We have told them."),
}


@login_required
@require_POST
def request_action_view(request, pk, action):
    """Accept, decline, withdraw or close: the service checks the person may, and that the status allows it."""
    coaching_request = get_object_or_404(permissions.requests_visible_to(request.user), pk=pk)
    service, person, done = ACTIONS[action]
    try:
        service(request_id=pk, **{person: request.user})
    except CoachingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(coaching_request)


@login_required
@require_POST
def session_log_view(request, pk):
    coaching_request = selectors.coaching_request_for_page(user=request.user, request_id=pk)
    form = SessionLogForm(request.POST)
    if form.is_valid():
        try:
            services.coaching_session_log(request_id=pk, user=request.user, held_on=form.cleaned_data["held_on"])
        except (CoachingError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, "The session is logged.")
            return redirect(coaching_request)
    return _request_page(request, coaching_request, form)


@academy_admin_required
@require_GET
def academy_view(request):
    activity = selectors.academy_register_activity(user=request.user, today=timezone.localdate())
    return render(request, "coaching/academy.html", {"activity": activity})


@academy_admin_required
@require_POST
def profile_decision_view(request, pk):
    """Approves a profile, or refuses it with a reason the coach sees; only for the profile's own academy."""
    profile = get_object_or_404(permissions.coach_profiles_administered_by(request.user), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ProfileDecisionForm.DECISIONS:  # the two buttons send it: anything else is tampering
        return render(request, "400.html", status=400)
    form = ProfileDecisionForm(request.POST, decision=decision)
    if form.is_valid():
        try:
            if decision == "approve":
                profile = services.coach_profile_approve(profile_id=pk, admin_user=request.user)
            else:
                profile = services.coach_profile_reject(
                    profile_id=pk, admin_user=request.user, reason=form.cleaned_data["reason"]
                )
        except CoachingError as error:  # decided already, perhaps by a colleague: the page shows the decision
            messages.error(request, str(error))
            return redirect(profile)
        messages.success(request, f"{profile.user.full_name}'s profile is {profile.get_status_display().lower()}.")
        return redirect("coaching:academy")
    coach = selectors.coach_profile_for_page(user=request.user, profile_id=pk)
    return _coach_page(request, coach, decision_form=form)
