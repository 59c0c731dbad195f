"""A member of staff's pages: apply, follow and answer applications; enrol, complete and get certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from enrolment.forms import ApplicationForm, CompletionForm, ReasonForm
from enrolment.models import Certificate, EnrolmentError
from enrolment.permissions import applicant_applications, learner_enrolments
from enrolment.selectors import (
    application_answers,
    application_get_for_applicant,
    application_list_for_applicant,
    certificate_list_for_holder,
    enrolment_list_for_learner,
)
from enrolment.services import applications, offers, open_access
from enrolment.services.applications import IncompleteApplication
from programmes.models import Programme

from .common import refuse
from .timetable import learning_timetable


@login_required
@require_POST
def apply(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    try:
        application = applications.application_start(applicant=request.user, programme=programme)
    except EnrolmentError as error:
        return refuse(request, error, programme.get_absolute_url())
    if application.status != application.Status.DRAFT:
        return redirect("enrolment:application_detail", application.pk)
    return redirect("enrolment:application_edit", application.pk)


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk):
    application = get_object_or_404(applicant_applications(request.user).select_related("programme"), pk=pk)
    if application.status != application.Status.DRAFT:
        return redirect("enrolment:application_detail", application.pk)
    form = ApplicationForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        submitting = "submit" in request.POST
        service = applications.application_submit if submitting else applications.application_save_draft
        try:
            service(application_id=application.pk, applicant=request.user, details=form.details())
        except IncompleteApplication as incomplete:
            for field, problem in incomplete.problems.items():
                form.add_error(field if field in form.fields else None, problem)
        except EnrolmentError as error:
            return refuse(request, error, "enrolment:application_detail", application.pk)
        else:
            if submitting:
                messages.success(request, "Your application has been submitted.")
                return redirect("enrolment:application_detail", application.pk)
            messages.success(request, "Your draft is saved. You can come back to it at any time.")
            return redirect("enrolment:application_edit", application.pk)
    return render(request, "enrolment/application_form.html", {"form": form, "application": application})


@login_required
def application_list(request):
    return render(
        request, "enrolment/application_list.html", {"applications": application_list_for_applicant(request.user)}
    )


@login_required
def application_detail(request, pk):
    application = application_get_for_applicant(request.user, pk)
    if application is None:
        raise Http404
    return render(
        request,
        "enrolment/application_detail.html",
        {"application": application, "answers": application_answers(application), "form": ReasonForm()},
    )


@login_required
@require_POST
def application_withdraw(request, pk):
    return _answer(request, pk, applications.application_withdraw, "You have withdrawn your application.")


@login_required
@require_POST
def offer_accept(request, pk):
    return _answer(request, pk, offers.offer_accept, "You have accepted your place.", takes_reason=False)


@login_required
@require_POST
def offer_decline(request, pk):
    return _answer(request, pk, offers.offer_decline, "You have declined the offer.")


def _answer(request, pk, service, done: str, *, takes_reason: bool = True):
    """Runs one of the applicant's answers (withdraw, accept, decline) on their own application."""
    get_object_or_404(applicant_applications(request.user), pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return refuse(request, EnrolmentError(form.errors["reason"][0]), "enrolment:application_detail", pk)
    extra = {"reason": form.cleaned_data["reason"]} if takes_reason else {}
    try:
        service(application_id=pk, applicant=request.user, **extra)
    except EnrolmentError as error:
        return refuse(request, error, "enrolment:application_detail", pk)
    messages.success(request, done)
    return redirect("enrolment:application_detail", pk)


@login_required
@require_POST
def enrol(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    try:
        open_access.enrolment_start(learner=request.user, programme=programme)
    except EnrolmentError as error:
        return refuse(request, error, programme.get_absolute_url())
    messages.success(request, f"You are enrolled on {programme.title}. Start whenever you are ready.")
    return redirect("enrolment:learning")


@login_required
def learning(request):
    return render(
        request,
        "enrolment/learning.html",
        {
            "enrolments": enrolment_list_for_learner(request.user),
            "cohort_certificates": certificate_list_for_holder(request.user).filter(application__isnull=False),
            **learning_timetable(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_complete(request, pk):
    enrolment = get_object_or_404(learner_enrolments(request.user).select_related("programme"), pk=pk)
    form = CompletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = open_access.enrolment_complete(
                enrolment_id=enrolment.pk, learner=request.user, cpd_hours=form.cleaned_data["cpd_hours"]
            )
        except EnrolmentError as error:
            return refuse(request, error, "enrolment:learning")
        messages.success(request, "Well done: you have completed the programme. Here is your certificate.")
        return redirect("enrolment:certificate", certificate.code)
    return render(
        request,
        "enrolment/enrolment_complete.html",
        {
            "form": form,
            "enrolment": enrolment,
            "page_title": f"Complete {enrolment.programme.title}",
            "submit_label": "Mark as complete",
        },
    )


def certificate(request, code):
    """Public, so that a regulator or employer can check a certificate; the unguessable code is the key."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("programme", "application__cohort__academy"), code=code
    )
    return render(request, "enrolment/certificate.html", {"certificate": certificate})
