"""Pages of improvement projects. Thin: who is asking and what they may see (improvement.permissions), then a
selector or a service. A project outside what the person may see is a 404, whatever its id."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from academies.permissions import academy_admin_required
from portal.pagination import paginate, same_search_page

from . import permissions, selectors, services
from .filters import ShowcaseFilter
from .forms import ConsentForm, ProjectForm, ReviewForm
from .models import ImprovementError

PAGE_SIZE = 20


def _refused(form, error: ImprovementError | ValidationError) -> None:
    """Shows a service's refusal at the top of the form; nothing was changed."""
    form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))


@require_GET
def showcase_view(request):
    filterset = ShowcaseFilter(request.GET, queryset=selectors.showcase_queryset())
    pagination = paginate(
        filterset.qs if filterset.is_valid() else filterset.queryset.none(),
        request.GET.get("page"),
        per_page=PAGE_SIZE,
        url_for=partial(same_search_page, request),
    )
    return render(request, "improvement/showcase.html", {"filterset": filterset, "pagination": pagination})


@require_GET
def public_project_view(request, pk):
    project = selectors.project_for_public(pk)
    if project is None:
        raise Http404
    return render(request, "improvement/public_project.html", {"project": project})


@login_required
@require_GET
def my_projects_view(request):
    return render(request, "improvement/mine.html", {"mine": selectors.my_projects(user=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def project_create_view(request, application_pk):
    place = get_object_or_404(permissions.applications_that_may_have_a_project(request.user), pk=application_pk)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.improvement_project_create(
                participant=request.user, application_id=place.pk, details=form.details()
            )
        except (ImprovementError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, "Your project is saved as a draft.")
            return redirect(project)
    return _form_page(request, form, title=f"Your improvement project on {place.programme}")


def _form_page(request, form, *, title):
    context = {"form": form, "page_title": title, "submit_label": "Save project"}
    return render(request, "improvement/project_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit_view(request, pk):
    project = get_object_or_404(permissions.projects_of_participant(request.user), pk=pk)
    if not project.is_editable:
        messages.error(request, f"Your project is {project.get_status_display().lower()}, so it cannot be changed now.")
        return redirect(project)
    form = ProjectForm(request.POST or None, initial=ProjectForm.initial_for(project))
    if request.method == "POST" and form.is_valid():
        try:
            services.improvement_project_update(participant=request.user, project_id=pk, details=form.details())
        except (ImprovementError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, "Your project is saved.")
            return redirect(project)
    return _form_page(request, form, title="Change your improvement project")


@login_required
@require_GET
def project_detail_view(request, pk):
    project = get_object_or_404(selectors.participant_projects(user=request.user), pk=pk)
    return _project_page(request, project, ConsentForm(initial=_consent_initial(project)))


def _consent_initial(project) -> dict:
    return {"publish": project.publish_consent, "show_name": project.show_name}


def _project_page(request, project, consent_form):
    context = {
        "project": project,
        "actions": permissions.project_actions(request.user, project),
        "consent_form": consent_form,
    }
    return render(request, "improvement/project_detail.html", context)


# action -> (service, what to tell the participant when it is done)
ACTIONS = {
    "submit": (services.improvement_project_submit, "Your project is sent to your academy to review."),
    "withdraw": (services.improvement_project_withdraw, "You have withdrawn your project. It is shown to nobody."),
}


@login_required
@require_POST
def project_action_view(request, pk, action):
    project = get_object_or_404(permissions.projects_of_participant(request.user), pk=pk)
    service, done = ACTIONS[action]
    try:
        service(participant=request.user, project_id=pk)
    except ImprovementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(project)


@login_required
@require_POST
def consent_view(request, pk):
    project = get_object_or_404(permissions.projects_of_participant(request.user), pk=pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.improvement_project_consent_set(participant=request.user, project_id=pk, **form.cleaned_data)
        except ImprovementError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Your choice is saved.")
    return redirect(project)


@academy_admin_required
@require_GET
def review_list_view(request):
    projects = selectors.projects_to_review(user=request.user)
    return render(request, "improvement/review_list.html", {"projects": projects})


@academy_admin_required
@require_http_methods(["GET", "POST"])
def review_view(request, pk):
    """Approves a project, or returns it with what to change; only for the academy that ran the cohort."""
    project = get_object_or_404(selectors.projects_for_review(user=request.user), pk=pk)
    form = ReviewForm()
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in ReviewForm.DECISIONS:  # the two buttons send it: anything else is tampering
            return render(request, "400.html", status=400)
        form = ReviewForm(request.POST, decision=decision)
        if form.is_valid():
            return _decide(request, project, decision, form.cleaned_data["reason"])
    return render(request, "improvement/review.html", {"project": project, "form": form})


def _decide(request, project, decision, reason):
    try:
        if decision == "approve":
            project = services.improvement_project_approve(reviewer=request.user, project_id=project.pk)
        else:
            project = services.improvement_project_return(reviewer=request.user, project_id=project.pk, reason=reason)
    except ImprovementError as error:  # reviewed already, perhaps by a colleague: the page shows the status
        messages.error(request, str(error))
        return redirect("improvement:review", project.pk)
    messages.success(request, f"‘{project.title}’ is {project.get_status_display().lower()}.")
    return redirect("improvement:review_list")


@login_required
@require_GET
def system_projects_view(request):
    """An ICS lead's systems' projects; a national admin's every system's."""
    if not permissions.systems_of_lead(request.user).exists():
        raise PermissionDenied
    return render(request, "improvement/systems.html", {"system": selectors.system_projects(user=request.user)})
