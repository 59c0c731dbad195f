"""A member of staff's pages: follow and answer applications (applying itself is views/journey.py); enrol,
complete and get certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from enrolment.confirmations import before_declining, before_withdrawing
from enrolment.forms import CompletionForm, ConfirmedReasonForm
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
from enrolment.services.bursaries import bursary_can_ask
from enrolment.services.funding import budget_holder_wanted
from programmes.models import Programme

from .common import refuse
from .timetable import learning_timetable


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
        {
            "application": application,
            "answers": application_answers(application),
            "budget_holder_wanted": budget_holder_wanted(application),
            "bursary_can_ask": bursary_can_ask(application),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_withdraw(request, pk):
    """Withdraws an application, or deletes a draft, once confirmed on the page that says what will happen."""
    return _irreversible(request, pk, applications.application_withdraw, before_withdrawing)


@login_required
@require_POST
def offer_accept(request, pk):
    get_object_or_404(applicant_applications(request.user), pk=pk)
    try:
        offers.offer_accept(application_id=pk, applicant=request.user)
    except EnrolmentError as error:
        return refuse(request, error, "enrolment:application_detail", pk)
    return redirect("enrolment:application_confirmation", pk)


@login_required
@require_http_methods(["GET", "POST"])
def offer_decline(request, pk):
    return _irreversible(request, pk, offers.offer_decline, before_declining)


def _irreversible(request, pk, service, are_you_sure):
    """GET: what the answer will do ("are you sure"); POST with its confirm field: the service does it."""
    application = get_object_or_404(
        applicant_applications(request.user).select_related("programme", "cohort__academy"), pk=pk
    )
    form = ConfirmedReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service(application_id=pk, applicant=request.user, reason=form.cleaned_data["reason"])
        except EnrolmentError as error:
            return refuse(request, error, "enrolment:application_detail", pk)
        return redirect("enrolment:application_confirmation", pk)
    sure = are_you_sure(application)
    if sure is None:
        status = application.get_status_display()
        return refuse(
            request,
            EnrolmentError(f"There is nothing to confirm: the application is '{status}'."),
            "enrolment:application_detail",
            pk,
        )
    return render(
        request,
        "enrolment/are_you_sure.html",
        {"application": application, "form": form, "sure": sure},
    )


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
            "cohort_certificates": certificate_list_for_holder(request.user)
            .filter(application__isnull=False)
            .select_related("application__cohort"),
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
