"""Pages for saying where a person works (found by name or ODS code with a plain search, no JavaScript needed, or
named when not listed) and, for national admins, the names people gave to map to organisations."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from . import organisations
from .models import Organisation
from .organisation_forms import OrganisationPickForm, OrganisationSearchForm, UnlistedOrganisationForm
from .organisation_selectors import (
    SEARCH_LIMIT,
    organisation_search,
    organisations_offered,
    unlisted_organisation_names,
)
from .organisations import OrganisationChoiceError
from .pagination import paginate
from .permissions import national_admin_required
from .security import safe_next
from .validators import collapse_spaces

UNLISTED_PER_PAGE = 25


def _search(request, offered) -> dict:
    """The search box, bound to the query string once something was searched for, and what it found."""
    search_form = OrganisationSearchForm(request.GET if "q" in request.GET else None)
    results = None
    if search_form.is_bound and search_form.is_valid():
        results = organisation_search(offered=offered, query=search_form.cleaned_data["q"])
    return {"search_form": search_form, "results": results, "search_limit": SEARCH_LIMIT}


def _chosen(form, choose) -> bool:
    """Runs `choose(organisation=...)` with the organisation chosen, putting a refusal on the form; True when it was
    done."""
    try:
        choose(organisation=form.cleaned_data["organisation"])
    except OrganisationChoiceError as error:
        form.add_error("organisation", str(error))
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def organisation_pick(request):
    offered = organisations_offered(request.user)
    search = _search(request, offered)
    matches = search["results"].organisations if search["results"] else ()
    form = OrganisationPickForm(request.POST or None, offered=offered, matches=matches)
    next_url = safe_next(request)
    if request.method == "POST" and form.is_valid():
        if _chosen(form, partial(organisations.staff_profile_organisation_choose, user=request.user)):
            messages.success(request, f"Your organisation is saved: {form.cleaned_data['organisation']}.")
            return redirect(next_url or "profile")
    return render(
        request,
        "portal/organisation_pick.html",
        {**search, "form": form, "next": next_url, "parent_url": reverse("profile"), "parent_label": "Your profile"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_unlisted(request):
    next_url = safe_next(request)
    form = UnlistedOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisations.staff_profile_organisation_unlisted(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error.message_dict["unlisted_organisation_name"])
        else:
            messages.success(request, "Your organisation's name is saved. A national admin will add it to the list.")
            return redirect(next_url or "profile")
    return render(
        request,
        "forms/page.html",
        {
            "form": form,
            "page_title": "My organisation is not listed",
            "submit_label": "Save the name",
            "parent_url": reverse("organisation_pick"),
            "parent_label": "Find your organisation",
        },
    )


@national_admin_required
@require_GET
def unlisted_organisations(request):
    pagination = paginate(
        unlisted_organisation_names(),
        request.GET.get("page"),
        per_page=UNLISTED_PER_PAGE,
        url_for=lambda number: f"{reverse('unlisted_organisations')}?page={number}",
    )
    return render(request, "portal/unlisted_organisations.html", {"pagination": pagination})


@national_admin_required
@require_http_methods(["GET", "POST"])
def unlisted_organisation_map(request):
    name = collapse_spaces(request.POST.get("name") or request.GET.get("name") or "")
    people = unlisted_organisation_names().filter(key=name.lower()).first() if name else None
    if people is None:
        raise Http404
    offered = Organisation.objects.choosable()
    search = _search(request, offered)
    matches = search["results"].organisations if search["results"] else ()
    form = OrganisationPickForm(request.POST or None, offered=offered, matches=matches)
    if request.method == "POST" and form.is_valid():
        if _chosen(form, partial(organisations.unlisted_organisation_map, name=name, by=request.user)):
            organisation = form.cleaned_data["organisation"]
            messages.success(request, f"{people['people']} people who named “{name}” now work for {organisation}.")
            return redirect("unlisted_organisations")
    return render(
        request,
        "portal/unlisted_organisation_map.html",
        {
            **search,
            "form": form,
            "name": people["name"],
            "people": people["people"],
            "parent_url": reverse("unlisted_organisations"),
            "parent_label": "Unlisted organisations",
        },
    )
