"""The role pages: national admins grant and revoke academy admin and ICS lead roles; an academy admin invites a
colleague to co-administer their academy, and the colleague accepts from the e-mailed link."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods

from portal import services as portal_services
from portal.models import IcsLead
from portal.services import RoleError

from . import selectors, services
from .forms import AcademyAdminGrantForm, IcsLeadGrantForm, InvitationForm
from .models import AcademyAdmin
from .permissions import academy_admin_required, national_admin_required


@dataclass(frozen=True)
class RoleKind:
    heading: str
    title: str  # "academy admin"
    model: type[models.Model]
    scope: str  # the role row's field naming where the role holds
    form: type
    grant: Callable
    revoke: Callable
    holders: Callable


ROLE_KINDS = {
    "academy-admins": RoleKind(
        "Academy admins",
        "academy admin",
        AcademyAdmin,
        "academy",
        AcademyAdminGrantForm,
        lambda actor, user, scope: services.academy_admin_grant(actor=actor, user=user, academy=scope),
        lambda actor, pk: services.academy_admin_revoke(actor=actor, admin_id=pk),
        selectors.academy_admin_holders,
    ),
    "ics-leads": RoleKind(
        "ICS leads",
        "ICS lead",
        IcsLead,
        "ics",
        IcsLeadGrantForm,
        lambda actor, user, scope: portal_services.ics_lead_grant(actor=actor, user=user, ics=scope),
        lambda actor, pk: portal_services.ics_lead_revoke(actor=actor, lead_id=pk),
        selectors.ics_lead_holders,
    ),
}
HOME = {"parent_url": reverse_lazy("roles:home"), "parent_label": "Roles"}


def _kind(kind: str) -> RoleKind:
    if kind not in ROLE_KINDS:
        raise Http404
    return ROLE_KINDS[kind]


@national_admin_required
@require_GET
def home(request):
    role_tables = [
        (role.heading, key, role.title, [(row, getattr(row, role.scope)) for row in role.holders()])
        for key, role in ROLE_KINDS.items()
    ]
    return render(request, "academies/roles.html", {"role_tables": role_tables})


@national_admin_required
@require_http_methods(["GET", "POST"])
def grant(request, kind):
    role = _kind(kind)
    form = role.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            role.grant(request.user, form.cleaned_data["email"], form.cleaned_data[role.scope])
        except RoleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"{form.cleaned_data['email'].email} is now {role.title} of {form.cleaned_data[role.scope]}."
            )
            return redirect("roles:home")
    page_title = f"Grant the {role.title} role"
    return render(
        request, "forms/page.html", {"form": form, "page_title": page_title, "submit_label": "Grant role", **HOME}
    )


@national_admin_required
@require_http_methods(["GET", "POST"])
def revoke(request, kind, pk):
    role = _kind(kind)
    row = get_object_or_404(role.model.objects.select_related("user", role.scope), pk=pk)
    if request.method == "POST":
        try:
            role.revoke(request.user, row.pk)
        except RoleError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{row.user.email} is no longer {role.title} of {getattr(row, role.scope)}.")
        return redirect("roles:home")
    return render(request, "academies/revoke.html", {"role": role, "row": row, "scope": getattr(row, role.scope)})


@academy_admin_required
@require_http_methods(["GET", "POST"])
def invite(request):
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.academy_invitation_send(actor=request.user, **form.cleaned_data)
        except RoleError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"We have e-mailed an invitation to {invitation.email}.")
            return redirect("enrolment:workspace")
    return render(
        request,
        "forms/page.html",
        {
            "form": form,
            "page_title": "Invite a colleague to run your academy",
            "submit_label": "Send invitation",
            "parent_url": reverse("enrolment:workspace"),
            "parent_label": "Academy",
        },
    )


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """Anyone holding the link sees what it offers; only the person it was sent to, signed in, can accept."""
    try:
        invitation = services.academy_invitation_for(token=token)
    except services.InvitationInvalid as error:
        return _invalid(request, error)
    if request.method == "POST":
        return _accept(request, token)
    return render(request, "academies/invitation.html", {"invitation": invitation, "path": request.path})


@login_required
def _accept(request, token):
    try:
        services.academy_invitation_accept(token=token, user=request.user)
    except RoleError as error:
        return _invalid(request, error)
    messages.success(request, "You can now run this academy's cohorts and applications.")
    return redirect("enrolment:workspace")


def _invalid(request, error):
    return render(request, "enrolment/manager_link_invalid.html", {"message": str(error)}, status=410)
