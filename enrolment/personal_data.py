"""What enrolment holds about a person: their applications (with their history and attendance), open-access
enrolments and certificates; and the retention limit on closed applications' free text.

Erasure keeps each application's status, programme, cohort, organisation, profession, band and dates, so every
count the reports make is the same before and after; what goes is the free text and contact details, the name on
certificates and the subjects of e-mails about the applications. Drafts, never sent and counted nowhere, go whole.
Who moved someone else's application (an event's actor) is kept by id, as the record of that application.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.audit import audit_record
from portal.models import AuditEntry
from portal.personal_data_registry import ERASED_NAME, PersonalData, email_deliveries_about_erase, fields_of

from .allocation_personal_data import nominations_erase, nominations_export
from .interest_personal_data import interests_erase, interests_export
from .models import (
    ACTIVE,
    Application,
    ApplicationEvent,
    ApplicationQuestion,
    CalendarFeed,
    Certificate,
    Enrolment,
    Status,
)

CLOSED = [status for status in Status.values if status not in ACTIVE]
# The free text and contact details an application carries; emptied by erasure and by retention.
APPLICATION_FREE_TEXT = {
    "supporting_statement": "",
    "answers": {},
    "job_title": "",
    "line_manager_email": "",
    "manager_comment": "",
    "budget_holder_name": "",
    "budget_holder_email": "",
    "bursary_statement": "",
    "decision_reason": "",
}
APPLICATION_DATES = [
    "created_at",
    "submitted_at",
    "manager_requested_at",
    "manager_responded_at",
    "offered_at",
    "offer_expires_at",
    "waitlisted_at",
]

# --------------------------------------------------------------------------------------------------------------
# Export


def _export(user) -> dict:
    return {
        "applications": _applications(user),
        "open_access_enrolments": list(
            Enrolment.objects.filter(learner=user).values("programme__title", "status", "enrolled_at", "completed_at")
        ),
        "certificates": list(
            Certificate.objects.filter(holder=user).values(
                "code", "holder_name", "programme__title", "cpd_hours", "issued_at"
            )
        ),
        "programme_interests": interests_export(user),
        **nominations_export(user),
        # The address itself is a secret to use, not data about the person: the download says only that it exists.
        "calendar_subscription": list(CalendarFeed.objects.filter(person=user).values("reset_at")),
    }


def _applications_of(user) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("programme", "cohort__academy", "region", "organisation", "profession")
        .prefetch_related("events", "attendance__session")
        .order_by("created_at")
    )


def _applications(user) -> list[dict]:
    applications = list(_applications_of(user))
    questions = ApplicationQuestion.objects.filter(programme__in={a.programme_id for a in applications})
    prompts = dict(questions.values_list("pk", "prompt"))
    return [_application(application, prompts) for application in applications]


def _application(application: Application, prompts: dict[int, str]) -> dict:
    return {
        "programme": application.programme.title,
        "cohort": application.cohort and application.cohort.name,
        "academy": application.cohort and application.cohort.academy.name,
        "any_cohort_in_region": application.region and application.region.name,
        "status": application.get_status_display(),
        "organisation": application.organisation and application.organisation.name,
        "profession": application.profession and application.profession.name,
        "grade": application.get_grade_display(),
        "job_title": application.job_title,
        "supporting_statement": application.supporting_statement,
        "answers": [
            {"question": prompts.get(int(pk), "A question no longer asked"), "answer": answer}
            for pk, answer in (application.answers or {}).items()
        ],
        "positive_action_declaration": application.positive_action_declaration,
        "line_manager_email": application.line_manager_email,
        "line_manager_comment": application.manager_comment,
        "budget_holder_name": application.budget_holder_name,
        "budget_holder_email": application.budget_holder_email,
        "bursary_statement": application.bursary_statement,
        "bursary": application.get_bursary_state_display(),
        "decision_reason": application.decision_reason,
        "reasons_unsuccessful": application.rejection_reason_texts,
        **fields_of(application, APPLICATION_DATES),
        "history": [_event(event, application) for event in application.events.all()],
        "attendance": [
            {"session": mark.session.title, "starts_at": mark.session.starts_at, "attended": mark.attended}
            for mark in application.attendance.all()
        ],
    }


def _event(event: ApplicationEvent, application: Application) -> dict:
    return {
        "at": event.created_at,
        "from": event.get_from_status_display(),
        "to": event.get_to_status_display(),
        "by": _event_actor(event, application),
        "reason": event.reason,
    }


def _event_actor(event: ApplicationEvent, application: Application) -> str:
    """Who moved the application, without naming another member of staff: their name is their own data."""
    if event.actor_id == application.applicant_id:
        return "You"
    if event.actor_id:
        return "The academy"
    return event.actor_label or "The portal"


# --------------------------------------------------------------------------------------------------------------
# Erasure


def _problems(user) -> list[str]:
    """A place in progress involves an academy: it must be withdrawn first."""
    return [
        f"Your application to {application.programme.title} is {application.get_status_display().lower()}: "
        "withdraw it first."
        for application in Application.objects.filter(applicant=user, status__in=ACTIVE)
        .exclude(status=Status.DRAFT)
        .select_related("programme")
    ]


def _erase(user) -> None:
    applications = Application.objects.filter(applicant=user)
    applications.filter(status=Status.DRAFT).delete()  # never sent, counted nowhere
    application_ids = list(applications.values_list("pk", flat=True))
    _applications_strip_free_text(application_ids)
    email_deliveries_about_erase(key_prefixes=[f"application:{pk}:" for pk in application_ids])
    Certificate.objects.filter(holder=user).update(holder_name=ERASED_NAME)
    interests_erase(user)
    nominations_erase(user)
    CalendarFeed.objects.filter(person=user).delete()


def _applications_strip_free_text(application_ids: list[int]) -> None:
    Application.objects.filter(pk__in=application_ids).update(**APPLICATION_FREE_TEXT)
    ApplicationEvent.objects.filter(application__in=application_ids).exclude(reason="").update(reason="")


# --------------------------------------------------------------------------------------------------------------
# Retention


@transaction.atomic
def applications_retention_apply(*, now=None) -> int:
    """Empties the free text of applications closed more than APPLICATION_RETENTION_DAYS ago; returns how many.

    An application closed when its last status change was made. Those already emptied are not picked again, so
    a second run changes nothing.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.APPLICATION_RETENTION_DAYS)
    reasons = ApplicationEvent.objects.filter(application=OuterRef("pk")).exclude(reason="")
    has_free_text = (
        ~Q(supporting_statement="")
        | ~Q(answers={})
        | ~Q(job_title="")
        | ~Q(line_manager_email="")
        | ~Q(manager_comment="")
        | ~Q(budget_holder_name="")
        | ~Q(budget_holder_email="")
        | ~Q(bursary_statement="")
        | ~Q(decision_reason="")
        | Q(Exists(reasons))
    )
    due = list(
        Application.objects.filter(status__in=CLOSED)
        .annotate(closed_at=Coalesce(Max("events__created_at"), "updated_at"))
        .filter(has_free_text, closed_at__lte=cutoff)
        .values_list("pk", flat=True)
    )
    if due:
        _applications_strip_free_text(due)
        audit_record(
            action=AuditEntry.Action.RETENTION_APPLIED,
            actor_label="Portal",
            summary=f"{len(due)} application(s) closed before {cutoff:%Y-%m-%d}",
        )
    return len(due)


PERSONAL_DATA = PersonalData(
    app_label="enrolment",
    models=(
        "enrolment.Application",
        "enrolment.ApplicationEvent",
        "enrolment.Enrolment",
        "enrolment.Certificate",
        "enrolment.ProgrammeInterest",
        "enrolment.CalendarFeed",
        "enrolment.PlaceAllocation",
        "enrolment.Nomination",
        "enrolment.RingFenceDeclaration",
        # The finance address an academy gives a cohort is a team's mailbox, about nobody: nothing to export or erase.
        "enrolment.Cohort",
        # A webhook endpoint only names the admin who registered it: erasure anonymises them, the endpoint stays.
        "enrolment.WebhookEndpoint",
    ),
    export=_export,
    erase=_erase,
    problems=_problems,
    retention=applications_retention_apply,
)
