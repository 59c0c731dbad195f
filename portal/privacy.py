"""A person's rights over their data (UK GDPR): a copy of everything the portal holds about them, erasure, and the
retention limit on closed applications. Each service is one transaction and records itself in the audit log.

Erasure anonymises rather than deletes: the user row stays as an inactive placeholder and applications keep their
status, programme, cohort, organisation, profession, band and dates, so every count the reports make is the same
before and after. What goes is what identifies or was written by or about the person: name, e-mail address,
contact details and free text.
"""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from academies.models import AcademyAdmin
from coaching.models import CoachingRequest, CoachProfile
from coaching.permissions import requests_visible_to
from enrolment.models import (
    ACTIVE,
    Application,
    ApplicationEvent,
    ApplicationQuestion,
    Certificate,
    Enrolment,
    Status,
)
from reporting.models import EqualityProfile

from .audit import audit_record
from .models import AuditEntry, EmailDelivery, IcsLead, StaffProfile, User

ERASED_NAME = "Erased user"
ERASED_SUBJECT = "(erased)"
CLOSED = [status for status in Status.values if status not in ACTIVE]
# The free text and contact details an application carries; emptied by erasure and by retention.
APPLICATION_FREE_TEXT = {
    "supporting_statement": "",
    "answers": {},
    "job_title": "",
    "line_manager_email": "",
    "manager_comment": "",
    "decision_reason": "",
}


class ErasureRefused(Exception):
    """Something is still in progress; `problems` says what the person should finish or withdraw first."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


# --------------------------------------------------------------------------------------------------------------
# Export


@transaction.atomic
def personal_data_export(*, user: User) -> dict:
    """Everything the portal holds about the person, as JSON-ready data; the download is audited."""
    audit_record(action=AuditEntry.Action.PERSONAL_DATA_DOWNLOADED, actor=user, target=user)
    return {
        "exported_at": timezone.now(),
        "account": _account(user),
        "staff_profile": _staff_profile(user),
        "equality_monitoring": _fields(
            EqualityProfile.objects.filter(user=user).first(), ["ethnicity", "sex", "disability", "age_band"]
        ),
        "applications": _applications(user),
        "open_access_enrolments": list(
            Enrolment.objects.filter(learner=user).values("programme__title", "status", "enrolled_at", "completed_at")
        ),
        "certificates": list(
            Certificate.objects.filter(holder=user).values(
                "code", "holder_name", "programme__title", "cpd_hours", "issued_at"
            )
        ),
        "coaching": _coaching(user),
        "emails_sent_to_you": list(
            EmailDelivery.objects.filter(to__iexact=user.email).values("subject", "created_at", "sent_at")
        ),
        "failed_logins": list(
            AccessAttempt.objects.filter(username__iexact=user.email).values(
                "attempt_time", "ip_address", "user_agent", "failures_since_start"
            )
        ),
    }


def _fields(obj, names: list[str]) -> dict | None:
    return {name: getattr(obj, name) for name in names} if obj is not None else None


def _account(user: User) -> dict:
    return {
        **_fields(user, ["email", "full_name", "date_joined", "last_login", "is_active", "is_national_admin"]),
        "academies_you_administer": list(
            AcademyAdmin.objects.filter(user=user).values_list("academy__name", flat=True)
        ),
        "systems_you_lead": list(IcsLead.objects.filter(user=user).values_list("ics__name", flat=True)),
    }


def _staff_profile(user: User) -> dict | None:
    profile = StaffProfile.objects.select_related("organisation", "profession").filter(user=user).first()
    if profile is None:
        return None
    return {
        "organisation": profile.organisation and profile.organisation.name,
        "profession": profile.profession and profile.profession.name,
        "staff_group": profile.get_staff_group_display(),
        "grade": profile.get_grade_display(),
        "job_title": profile.job_title,
        "line_manager_email": profile.line_manager_email,
    }


def _applications_of(user: User) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("programme", "cohort__academy", "region", "organisation", "profession")
        .prefetch_related("events", "attendance__session")
        .order_by("created_at")
    )


def _applications(user: User) -> list[dict]:
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
        "decision_reason": application.decision_reason,
        **_fields(
            application,
            ["created_at", "submitted_at", "manager_requested_at", "manager_responded_at", "offered_at",
             "offer_expires_at", "waitlisted_at"],
        ),
        "history": [
            {
                "at": event.created_at,
                "from": event.get_from_status_display(),
                "to": event.get_to_status_display(),
                "by": _event_actor(event, application),
                "reason": event.reason,
            }
            for event in application.events.all()
        ],
        "attendance": [
            {"session": mark.session.title, "starts_at": mark.session.starts_at, "attended": mark.attended}
            for mark in application.attendance.all()
        ],
    }


def _event_actor(event: ApplicationEvent, application: Application) -> str:
    """Who moved the application, without naming another member of staff: their name is their own data."""
    if event.actor_id == application.applicant_id:
        return "You"
    if event.actor_id:
        return "The academy"
    return event.actor_label or "The portal"


def _coaching(user: User) -> dict:
    profile = CoachProfile.objects.filter(user=user).select_related("academy", "region").first()
    requests = requests_visible_to(user).select_related("mentee", "coach__user").prefetch_related("sessions")
    return {
        "coach_profile": profile
        and {
            **_fields(
                profile,
                ["offers_coaching", "offers_mentoring", "qualification", "about", "meets_in_person", "meets_online",
                 "max_mentees", "decision_note", "created_at"],
            ),
            "academy": profile.academy.name,
            "region": profile.region.name,
            "status": profile.get_status_display(),
        },
        "requests": [
            {
                "you_are": "mentee" if request.mentee_id == user.pk else "coach",
                "other_person": (request.coach.user if request.mentee_id == user.pk else request.mentee).full_name,
                "kind": request.get_kind_display(),
                "message": request.message,
                "status": request.get_status_display(),
                **_fields(request, ["created_at", "responded_at", "accepted_at", "closed_at"]),
                "sessions": [session.held_on for session in request.sessions.all()],
            }
            for request in requests
        ],
    }


# --------------------------------------------------------------------------------------------------------------
# Erasure


def erasure_problems(user: User) -> list[str]:
    """What must be finished first: a place or a relationship in progress involves an academy or a colleague."""
    problems = [
        f"Your application to {application.programme.title} is {application.get_status_display().lower()}: "
        "withdraw it first."
        for application in Application.objects.filter(applicant=user, status__in=ACTIVE)
        .exclude(status=Status.DRAFT)
        .select_related("programme")
    ]
    if requests_visible_to(user).filter(status__in=CoachingRequest.OPEN).exists():
        problems.append("You have coaching or mentoring requests or relationships open: withdraw or close them first.")
    return problems


@transaction.atomic
def personal_data_erase(*, user: User) -> User:
    """Anonymises the person everywhere and leaves an inactive placeholder that can never sign in again."""
    user = User.objects.select_for_update().get(pk=user.pk)
    problems = erasure_problems(user)
    if problems:
        raise ErasureRefused(problems)
    old_email, anonymous_email = user.email, f"erased-{user.pk}@erased.invalid"
    applications = Application.objects.filter(applicant=user)
    applications.filter(status=Status.DRAFT).delete()  # never sent, counted nowhere
    application_ids = list(applications.values_list("pk", flat=True))
    _applications_strip_free_text(application_ids)
    Certificate.objects.filter(holder=user).update(holder_name=ERASED_NAME)
    _coaching_erase(user)
    _deliveries_erase(user, old_email, anonymous_email, application_ids)
    StaffProfile.objects.filter(user=user).update(job_title="", line_manager_email="")
    EqualityProfile.objects.filter(user=user).delete()
    AcademyAdmin.objects.filter(user=user).delete()
    IcsLead.objects.filter(user=user).delete()
    for log in (AccessAttempt, AccessLog, AccessFailureLog):
        log.objects.filter(username__iexact=old_email).delete()
    user.email = anonymous_email
    user.full_name = ERASED_NAME
    user.is_active = user.is_staff = user.is_superuser = user.is_national_admin = False
    user.erased_at = timezone.now()
    user.set_unusable_password()  # also ends every other session: their session hash no longer matches
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    audit_record(action=AuditEntry.Action.PERSONAL_DATA_ERASED, actor=user, target=user)
    return user


def _applications_strip_free_text(application_ids: list[int]) -> None:
    Application.objects.filter(pk__in=application_ids).update(**APPLICATION_FREE_TEXT)
    ApplicationEvent.objects.filter(application__in=application_ids).exclude(reason="").update(reason="")


def _coaching_erase(user: User) -> None:
    """Their messages go; a coach profile is emptied and taken off the register for good."""
    CoachingRequest.objects.filter(mentee=user).update(message="")
    CoachProfile.objects.filter(user=user).update(
        qualification="", about="", decision_note="", max_mentees=0, status=CoachProfile.Status.REJECTED
    )


def _deliveries_erase(user: User, email: str, anonymous_email: str, application_ids: list[int]) -> None:
    """E-mails to them lose the address; e-mails about them (to their manager, their coach) lose the subject,
    which names them. The keys and sending times stay, so a re-run task still sends nothing."""
    request_ids = requests_visible_to(user).values_list("pk", flat=True)
    about_them = Q(to__iexact=email)
    for application_id in application_ids:
        about_them |= Q(key__startswith=f"application:{application_id}:")
    for request_id in request_ids:
        about_them |= Q(key__startswith=f"coaching-request:{request_id}:")
    EmailDelivery.objects.filter(about_them).update(subject=ERASED_SUBJECT)
    EmailDelivery.objects.filter(to__iexact=email).update(to=anonymous_email)


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
