"""The academy workspace: an admin runs their academy's cohorts end to end, and sees nothing of another's."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from academies.permissions import academy_admin_required
from enrolment.interest_selectors import interests_to_tell, programmes_with_interest
from enrolment.models import Application, CohortSession, EnrolmentError
from enrolment.permissions import academy_admin_cohorts
from enrolment.selectors import cohort_roster, venue_clashes, workspace_cohorts, workspace_next_sessions
from enrolment.services import cohorts, completion, sessions
from enrolment.workspace_forms import (
    AttendanceForm,
    CancelForm,
    CohortCreateForm,
    CohortForm,
    OutcomeForm,
    SessionForm,
    SessionPatternForm,
)
from portal.audit import audit_record
from portal.csv_export import csv_response
from portal.models import AuditEntry

from .common import refuse


def _own_cohort(request, pk):
    return get_object_or_404(academy_admin_cohorts(request.user).select_related("programme", "academy"), pk=pk)


def _own_session(request, pk):
    return get_object_or_404(
        CohortSession.objects.filter(cohort__in=academy_admin_cohorts(request.user)).select_related("cohort"), pk=pk
    )


def _form_page(request, form, *, title: str, submit_label: str, save, field_errors=None, record=None):
    """A page that is one form. On a valid POST, `save()` runs the service and returns the success message and
    the cohort to go back to; a rule's refusal shows as an error on the form (on each field its `problems` name,
    or on the field `field_errors` names for that exception class, else above the form) and changes nothing.
    `record`, the cohort the page is about, labels the title Demo when it is a demo one."""
    if request.method == "POST" and form.is_valid():
        try:
            message, cohort_id = save()
        except EnrolmentError as error:
            problems = getattr(error, "problems", None) or {(field_errors or {}).get(type(error)): str(error)}
            for field, problem in problems.items():
                form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, message)
            return redirect("enrolment:workspace_cohort", cohort_id)
    context = {"form": form, "page_title": title, "submit_label": submit_label, "page_record": record}
    return render(request, "forms/page.html", context)


@academy_admin_required
def home(request):
    own_sessions = CohortSession.objects.filter(cohort__in=academy_admin_cohorts(request.user))
    return render(
        request,
        "enrolment/workspace/home.html",
        {
            "cohorts": workspace_cohorts(request.user),
            "next_sessions": workspace_next_sessions(request.user),
            "clashes": venue_clashes(own_sessions.filter(starts_at__gte=timezone.now())),
            "interest": programmes_with_interest(request.user),
        },
    )


@academy_admin_required
@require_http_methods(["GET", "POST"])
def cohort_create(request):
    form = CohortCreateForm(request.POST or None, admin=request.user)

    def save():
        cohort = cohorts.cohort_create(
            admin=request.user,
            academy=form.cleaned_data["academy"],
            programme=form.cleaned_data["programme"],
            **{name: form.cleaned_data[name] for name in cohorts.COHORT_FIELDS},
        )
        return "Cohort created. Now generate its sessions.", cohort.pk

    return _form_page(request, form, title="Create a cohort", submit_label="Create cohort", save=save)


@academy_admin_required
def cohort_detail(request, pk):
    cohort = _own_cohort(request, pk)
    cohort_sessions = cohort.sessions.all()
    return render(
        request,
        "enrolment/workspace/cohort.html",
        {
            "cohort": cohort,
            "sessions": cohort_sessions,
            "clashes": {session.pk for session in venue_clashes(cohort_sessions)},
            "roster": cohort_roster(cohort),
            "cancel_form": CancelForm(),
            "interested": interests_to_tell(cohort).count(),
        },
    )


@academy_admin_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request, pk):
    cohort = _own_cohort(request, pk)
    form = CohortForm(request.POST or None, instance=cohort)

    def save():
        fields = {name: form.cleaned_data[name] for name in cohorts.COHORT_FIELDS}
        cohorts.cohort_update(admin=request.user, cohort_id=cohort.pk, **fields)
        return "Cohort saved.", cohort.pk

    return _form_page(
        request,
        form,
        title=f"Edit {cohort.name}",
        submit_label="Save cohort",
        save=save,
        field_errors={cohorts.CapacityBelowPlacesHeld: "capacity"},
        record=cohort,
    )


@academy_admin_required
@require_POST
def cohort_cancel(request, pk):
    cohort = _own_cohort(request, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return refuse(request, EnrolmentError("Give the reason for cancelling."), "enrolment:workspace_cohort", pk)
    try:
        cohorts.cohort_cancel(admin=request.user, cohort_id=cohort.pk, reason=form.cleaned_data["reason"])
    except EnrolmentError as error:
        return refuse(request, error, "enrolment:workspace_cohort", pk)
    messages.success(request, "The cohort is cancelled and every applicant has been told.")
    return redirect("enrolment:workspace_cohort", pk)


@academy_admin_required
@require_http_methods(["GET", "POST"])
def sessions_generate(request, pk):
    cohort = _own_cohort(request, pk)
    form = SessionPatternForm(request.POST or None)

    def save():
        made = sessions.sessions_generate(admin=request.user, cohort_id=cohort.pk, pattern=form.pattern())
        return f"{len(made)} sessions generated on working days. Edit any of them below.", cohort.pk

    title = f"Generate the sessions of {cohort.name}"
    return _form_page(request, form, title=title, submit_label="Generate sessions", save=save, record=cohort)


@academy_admin_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk=None, cohort_pk=None):
    session = _own_session(request, pk) if pk else CohortSession(cohort=_own_cohort(request, cohort_pk))
    form = SessionForm(request.POST or None, instance=session)
    title = f"Edit {session.title}" if pk else "Add a session"

    def save():
        sessions.session_save(admin=request.user, session=form.instance)
        return "Session saved.", session.cohort_id

    return _form_page(request, form, title=title, submit_label="Save session", save=save, record=session.cohort)


@academy_admin_required
@require_POST
def session_delete(request, pk):
    session = _own_session(request, pk)
    try:
        sessions.session_delete(admin=request.user, session_id=session.pk)
    except EnrolmentError as error:
        return refuse(request, error, "enrolment:workspace_cohort", session.cohort_id)
    messages.success(request, "Session deleted.")
    return redirect("enrolment:workspace_cohort", session.cohort_id)


def _not_yet(request, refusal: str, *, title: str, cohort):
    """The page of a form that would be refused now: it says why, and shows no form."""
    context = {"refusal": refusal, "page_title": title, "cohort_id": cohort.pk, "page_record": cohort}
    return render(request, "enrolment/workspace/not_yet.html", context)


@academy_admin_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    session = _own_session(request, pk)
    refusal = sessions.attendance_refusal(session)
    if refusal:
        return _not_yet(request, refusal, title=f"Attendance: {session.title}", cohort=session.cohort)
    roster = list(cohort_roster(session.cohort))
    attended = session.attendance.filter(attended=True).values_list("application_id", flat=True)
    form = AttendanceForm(request.POST or None, roster=roster, initial={"attended": [str(pk) for pk in attended]})
    if request.method == "POST" and form.is_valid():
        try:
            sessions.attendance_record(admin=request.user, session_id=session.pk, attended_ids=form.attended_ids())
        except EnrolmentError as error:
            return refuse(request, error, "enrolment:workspace_cohort", session.cohort_id)
        messages.success(request, f"Attendance saved for {session.title}.")
        return redirect("enrolment:workspace_cohort", session.cohort_id)
    return render(
        request,
        "forms/page.html",
        {
            "form": form,
            "page_title": f"Attendance: {session.title}",
            "submit_label": "Save attendance",
            "page_record": session.cohort,
        },
    )


@academy_admin_required
@require_http_methods(["GET", "POST"])
def outcomes(request, pk):
    cohort = _own_cohort(request, pk)
    refusal = completion.outcomes_refusal(cohort)
    if refusal:
        return _not_yet(request, refusal, title=f"Outcomes: {cohort.name}", cohort=cohort)
    learners = cohort_roster(cohort).filter(status=Application.Status.ACCEPTED)
    form = OutcomeForm(request.POST or None, learners=learners)

    def save():
        done = completion.completion_record(
            admin=request.user, cohort_id=cohort.pk, outcomes=form.outcomes(), cpd_hours=form.cleaned_data["cpd_hours"]
        )
        return f"Outcomes saved. {done} certificate(s) issued.", cohort.pk

    return _form_page(
        request, form, title=f"Outcomes: {cohort.name}", submit_label="Save outcomes", save=save, record=cohort
    )


@academy_admin_required
def export(request, pk, kind):
    """The cohort's roster, attendance or outcomes as CSV; personal data leaving the portal, so it is audited."""
    cohort = _own_cohort(request, pk)
    roster = cohort_roster(cohort)
    if kind == "roster":
        header = ["Name", "E-mail", "Organisation", "Job title", "Status"]
        rows = (
            [a.applicant.full_name, a.applicant.email, a.organisation and a.organisation.name, a.job_title, a.status]
            for a in roster
        )
    elif kind == "attendance":
        cohort_sessions = list(cohort.sessions.all())
        marks = set(cohort.sessions.filter(attendance__attended=True).values_list("pk", "attendance__application_id"))
        header = ["Name", *[s.title for s in cohort_sessions]]
        rows = ([a.applicant.full_name, *[(s.pk, a.pk) in marks for s in cohort_sessions]] for a in roster)
    else:
        header = ["Name", "Sessions attended", "Outcome", "Certificate"]
        rows = (
            [a.applicant.full_name, a.sessions_attended, a.get_status_display(), _certificate_code(a)] for a in roster
        )
    audit_record(action=AuditEntry.Action.DATA_EXPORTED, actor=request.user, target=cohort, summary=f"{kind}.csv")
    return csv_response(f"{cohort.name}-{kind}.csv", header, rows)


def _certificate_code(application) -> str:
    certificate = getattr(application, "certificate", None)
    return str(certificate.code) if certificate else ""
