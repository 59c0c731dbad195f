"""Allocating a cohort's places (the academy), nominating people for them (ICS leads and organisations' named
nominators), and taking up a nomination (the nominee)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from academies.permissions import academy_admin_required
from enrolment.allocation_forms import AllocationForm, NominationForm, ReleaseDateForm, RingFenceForm
from enrolment.allocation_selectors import PEOPLE_LISTED, cohort_ledger, nominable_people, nominator_page_allocations
from enrolment.application_pages import pages_for
from enrolment.models import EnrolmentError
from enrolment.permissions import academy_admin_cohorts, nominator_allocations, nominee_nominations
from enrolment.services import allocations, nominations, release, ring_fence

from .common import refuse


def _add_problems(form, error: EnrolmentError) -> None:
    """A rule's refusal as errors on the form's fields it names, or above the form."""
    for field, problem in (getattr(error, "problems", None) or {None: str(error)}).items():
        form.add_error(field if field in form.fields else None, problem)


def _admin_cohort(request, pk):
    return get_object_or_404(academy_admin_cohorts(request.user).select_related("programme", "academy"), pk=pk)


def _allocations_page(request, cohort, **forms):
    forms = {
        "form": AllocationForm(),
        "ring_fence_form": RingFenceForm(),
        "release_form": ReleaseDateForm(cohort=cohort),
        **forms,
    }
    context = {"cohort": cohort, "ledger": cohort_ledger(cohort), **forms}
    return render(request, "enrolment/allocations/cohort.html", context)


def _saved(form, save) -> bool:
    """Saves the valid form through `save`, or puts the rule's refusal on the form."""
    if not form.is_valid():
        return False
    try:
        save(**form.cleaned_data)
    except EnrolmentError as error:
        _add_problems(form, error)
        return False
    return True


@academy_admin_required
@require_http_methods(["GET", "POST"])
def cohort_allocations(request, pk):
    cohort = _admin_cohort(request, pk)
    if request.method != "POST":
        return _allocations_page(request, cohort)
    form = AllocationForm(request.POST)
    save = partial(allocations.allocation_set, admin=request.user, cohort_id=cohort.pk)
    if _saved(form, save):
        messages.success(request, "Allocation saved.")
        return redirect("enrolment:workspace_allocations", cohort.pk)
    return _allocations_page(request, cohort, form=form)


@academy_admin_required
@require_POST
def cohort_ring_fence(request, pk):
    """Places kept for applicants who declare the programme's rule (enrolment.services.ring_fence)."""
    cohort = _admin_cohort(request, pk)
    form = RingFenceForm(request.POST)
    save = partial(ring_fence.ring_fence_set, admin=request.user, cohort_id=cohort.pk)
    if _saved(form, save):
        messages.success(request, "Ring-fenced places saved.")
        return redirect("enrolment:workspace_allocations", cohort.pk)
    return _allocations_page(request, cohort, ring_fence_form=form)


@academy_admin_required
@require_POST
def cohort_release_date(request, pk):
    """The day an allocation's unused places go back to the open pool (enrolment.services.release)."""
    cohort = _admin_cohort(request, pk)
    form = ReleaseDateForm(request.POST, cohort=cohort)

    def save(*, allocation, release_on):
        release.allocation_release_date_set(admin=request.user, allocation_id=allocation.pk, release_on=release_on)

    if _saved(form, save):
        messages.success(request, "Release date saved.")
        return redirect("enrolment:workspace_allocations", cohort.pk)
    return _allocations_page(request, cohort, release_form=form)


def _nominations_page(request, *, forms=None):
    forms = forms or {}
    found = nominator_page_allocations(request.user)
    people = nominable_people(found)
    rows = [
        (
            allocation,
            forms.get(allocation.pk) or NominationForm(prefix=f"a{allocation.pk}", people=people[allocation.pk]),
            len(people[allocation.pk]) >= PEOPLE_LISTED,
        )
        for allocation in found
    ]
    errors = [form for _, form, _ in rows if form.errors]
    context = {"rows": rows, "errors": errors, "people_listed": PEOPLE_LISTED}
    return render(request, "enrolment/allocations/nominate.html", context)


@login_required
def nominations_list(request):
    return _nominations_page(request)


@login_required
@require_POST
def nominate(request, pk):
    allocation = get_object_or_404(nominator_allocations(request.user).select_related("cohort"), pk=pk)
    people = nominable_people([allocation])[allocation.pk]
    form = NominationForm(request.POST, prefix=f"a{allocation.pk}", people=people)
    if form.is_valid():
        try:
            nominations.nomination_create(
                nominator=request.user, allocation_id=allocation.pk, email=form.cleaned_data["email"]
            )
        except nominations.NominationRefused as error:
            _add_problems(form, error)
        except EnrolmentError as error:
            return refuse(request, error, "enrolment:nominations")
        else:
            messages.success(request, f"{form.cleaned_data['email']} is nominated and has been sent an e-mail.")
            return redirect("enrolment:nominations")
    return _nominations_page(request, forms={allocation.pk: form})


@login_required
@require_http_methods(["GET", "POST"])
def nomination(request, pk):
    """The nominee's page: what they are nominated for, and "Start your application"."""
    found = nominee_nominations(request.user).select_related("cohort__programme", "cohort__academy", "nominated_by")
    nomination = get_object_or_404(found, pk=pk)
    if request.method == "POST":
        try:
            application = nominations.nomination_take_up(nomination_id=nomination.pk, nominee=request.user)
        except EnrolmentError as error:
            return refuse(request, error, "enrolment:nomination", nomination.pk)
        if application.is_draft:
            return redirect(pages_for(application)[0].url(application))
        return redirect("enrolment:application_detail", application.pk)
    return render(request, "enrolment/allocations/nomination.html", {"nomination": nomination})
