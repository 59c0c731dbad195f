"""The apply journey: the programme's "Apply" page, the question pages, "Check your answers", and the confirmation
after each of the applicant's answers. The rules are the services'; each page asks them."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from enrolment.application_pages import (
    check_answers,
    page_after,
    page_before,
    page_for,
    page_of_field,
    pages_for,
)
from enrolment.confirmations import confirmation_for
from enrolment.models import EnrolmentError
from enrolment.permissions import applicant_applications
from enrolment.selectors import cohort_upcoming_list, programme_action
from enrolment.services import applications
from enrolment.services.applications import ApplicationDetails, IncompleteApplication
from programmes.models import Programme

from .common import refuse

STARTABLE = {"apply", "full"}  # the programme_action states in which the "Start now" button is offered


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    """GET: what applying asks and the cohorts open, with "Start now"; POST: starts (or finds) the draft."""
    programme = get_object_or_404(Programme, slug=slug)
    if request.method == "POST":
        return _start(request, programme)
    cohorts = list(cohort_upcoming_list(today=timezone.localdate()).filter(programme=programme))
    action = programme_action(user=request.user, programme=programme, cohorts=cohorts)
    if action.state == "applied":
        return redirect(action.url)
    open_now = [cohort for cohort in cohorts if cohort.is_open_for_applications()]
    return render(
        request,
        "enrolment/apply_start.html",
        {"programme": programme, "action": action, "can_start": action.state in STARTABLE, "cohorts": open_now},
    )


def _start(request, programme):
    try:
        application = applications.application_start(applicant=request.user, programme=programme)
    except EnrolmentError as error:
        return refuse(request, error, programme.get_absolute_url())
    if not application.is_draft:
        return redirect("enrolment:application_detail", application.pk)
    return redirect(pages_for(application)[0].url(application))


def _own_draft(request, pk):
    """The user's own application (404 for anyone else's), and None when it is no longer a draft."""
    application = get_object_or_404(
        applicant_applications(request.user).select_related("programme", "cohort__academy", "region"), pk=pk
    )
    return application if application.is_draft else None


@login_required
@require_http_methods(["GET", "POST"])
def application_page(request, pk, page):
    application = _own_draft(request, pk)
    if application is None:
        return redirect("enrolment:application_detail", pk)
    step = page_for(application, page)
    if step is None:
        raise Http404
    checking = "check" in request.GET
    check_url = reverse("enrolment:application_check", args=[pk])
    form = step.form_class(request.POST if request.method == "POST" else None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            save = step.save or applications.application_save_answers
            saved = save(application_id=pk, applicant=request.user, changes=form.changes(), checked=form.checked)
        except IncompleteApplication as incomplete:
            for field, problem in incomplete.problems.items():
                form.add_error(field if field in form.fields else None, problem)
        except EnrolmentError as error:
            return refuse(request, error, "enrolment:application_detail", pk)
        else:
            return redirect(check_url if checking else page_after(saved, step))
    back = check_url if checking else page_before(application, step)
    return render(
        request,
        "enrolment/application_page.html",
        {"application": application, "page": step, "form": form, "back_url": back, "checking": checking},
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_check(request, pk):
    """Every answer with a link to change it; POST submits, or lists what is missing, each linked to its page."""
    application = _own_draft(request, pk)
    if application is None:
        return redirect("enrolment:application_detail", pk)
    problems = []
    if request.method == "POST":
        try:
            applications.application_submit(
                application_id=pk, applicant=request.user, details=ApplicationDetails.of(application)
            )
        except IncompleteApplication as incomplete:
            problems = [(problem, page_of_field(application, field)) for field, problem in incomplete.problems.items()]
        except EnrolmentError as error:
            return refuse(request, error, "enrolment:application_detail", pk)
        else:
            return redirect("enrolment:application_confirmation", pk)
    pages = pages_for(application)
    return render(
        request,
        "enrolment/application_check.html",
        {
            "application": application,
            "answers": check_answers(application),
            "problems": problems,
            "back_url": pages[-1].url(application),
        },
    )


@login_required
def application_confirmation(request, pk):
    application = get_object_or_404(
        applicant_applications(request.user)
        .select_related("programme", "cohort__academy", "region")
        .prefetch_related("cohort__sessions"),
        pk=pk,
    )
    confirmation = confirmation_for(application)
    if confirmation is None:
        return redirect("enrolment:application_detail", pk)
    return render(
        request, "enrolment/application_confirmation.html", {"application": application, "confirmation": confirmation}
    )
