"""The e-mails of an application's life: one to the applicant per change of status, and the manager's request.

What each status's e-mail says is in its row of Application.PRESENTATION (enrolment.statuses)."""

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from portal.notifications import email_send_once
from portal.presentation import day_text, moment_text

from .models import Application, ApplicationEvent, CohortSession, SessionChange, Status
from .selectors import reminder_key
from .services.funding import ANSWERABLE, budget_holder_link_expires_at, budget_holder_link_token
from .services.manager_support import manager_link_token
from .statuses import PLACE_HOLDING

# What an e-mail to the applicant says of their application, as name: column through the application. The e-mail
# reads these few values in one query: reading whole rows of four tables into models was most of its cost.
APPLICATION_EMAIL_COLUMNS = {
    "application_id": "id",
    "to": "applicant__email",
    "name": "applicant__full_name",
    "programme": "programme__title",
    "cohort": "cohort__name",
    "cohort_id": "cohort_id",
    "starts_on": "cohort__starts_on",
    "offer_expires_at": "offer_expires_at",
    "manager": "line_manager_email",
}


def application_email_rows(queryset: QuerySet, *fields: str, through: str = "") -> list[dict]:
    """Each row of `queryset` as a dict of its `fields` and the application's e-mail values, reached `through`."""
    columns = [*fields, *(through + column for column in APPLICATION_EMAIL_COLUMNS.values())]
    names = [*fields, *APPLICATION_EMAIL_COLUMNS]
    return [dict(zip(names, row, strict=True)) for row in queryset.order_by().values_list(*columns)]


def application_email_values(queryset: QuerySet, *fields: str, through: str = "") -> dict | None:
    """The first row of application_email_rows(), or None."""
    return next(iter(application_email_rows(queryset, *fields, through=through)), None)


# The e-mails that give the cohort's timetable: an offer, to decide on, and the confirmation of a place.
EMAILS_WITH_TIMETABLE = {Status.OFFERED, Status.ACCEPTED}


def application_event_email_send(*, event_id: int) -> bool:
    values = application_email_values(
        ApplicationEvent.objects.filter(pk=event_id), "to_status", "reason", through="application__"
    )
    row = values and Application.PRESENTATION.get(values["to_status"])
    if not row or not row.email_subject:
        return False
    with_timetable = values["to_status"] in EMAILS_WITH_TIMETABLE and values["cohort_id"]
    return applicant_email_send(
        key=f"application-event:{event_id}",
        values=values,
        subject=row.email_subject,
        message=row.email_message.format(**message_fields(values, values["reason"])),
        sessions=list(CohortSession.objects.filter(cohort_id=values["cohort_id"])) if with_timetable else [],
    )


def applicant_email_send(*, key: str, values: dict, subject: str, message: str, sessions=()) -> bool:
    return email_send_once(
        key=key,
        to=values["to"],
        subject=f"{subject}: {values['programme']}",
        template="application_event",
        context={
            "name": values["name"],
            "message": message,
            "sessions": sessions,
            "url": settings.SITE_URL + reverse("enrolment:application_detail", args=[values["application_id"]]),
        },
    )


def manager_email_send(*, application_id: int, reminder: bool) -> bool:
    """Asks the line manager for support, while the application still waits for them."""
    application = (
        Application.objects.select_related("applicant", "programme", "cohort")
        .filter(pk=application_id, status=Status.AWAITING_MANAGER)
        .first()
    )
    if application is None:
        return False
    url = settings.SITE_URL + reverse("enrolment:manager_support", args=[manager_link_token(application)])
    subject = "Reminder: please answer" if reminder else "Please support"
    return email_send_once(
        key=f"application:{application.pk}:manager-{'reminder' if reminder else 'request'}",
        to=application.line_manager_email,
        subject=f"{subject} {application.applicant.full_name}'s application to {application.programme.title}",
        template="manager_support_request",
        context={
            "application": application,
            "url": url,
            "reminder": reminder,
            "days": settings.MANAGER_LINK_DAYS,
        },
    )


def budget_holder_email_send(*, application_id: int, reminder: bool) -> bool:
    """Asks the budget holder to confirm the funding of an employer-funded place, while it still needs an answer."""
    application = (
        Application.objects.select_related("applicant", "programme", "cohort__academy", "region")
        .filter(pk=application_id, status__in=ANSWERABLE, budget_holder_answer="")
        .first()
    )
    if application is None or application.budget_holder_requested_at is None:
        return False
    url = settings.SITE_URL + reverse("enrolment:budget_holder", args=[budget_holder_link_token(application)])
    subject = "Reminder: please confirm" if reminder else "Please confirm"
    return email_send_once(
        key=f"application:{application.pk}:budget-holder-{'reminder' if reminder else 'request'}",
        to=application.budget_holder_email,
        subject=f"{subject} funding for {application.applicant.full_name}'s place on {application.programme.title}",
        template="budget_holder_request",
        context={
            "application": application,
            "url": url,
            "reminder": reminder,
            "expires": moment_text(budget_holder_link_expires_at(application)),
        },
    )


def message_fields(values: dict, reason: str = "") -> dict[str, str]:
    """The {fields} of a message, from application_email_values()."""
    has_cohort = values["cohort"] is not None
    expires_at = values["offer_expires_at"]
    return {
        "programme": values["programme"],
        "cohort": values["cohort"] if has_cohort else "a cohort",
        "starts": day_text(values["starts_on"]) if has_cohort else "",
        "deadline": moment_text(expires_at) if expires_at else "",
        "manager": values["manager"],
        "reason": reason,
    }


REMINDER_EMAILS = {
    "offer-expiring": (
        "Your offer expires soon",
        "Your offer of a place on {cohort} of {programme} expires on {deadline}. Accept or decline it before then.",
    ),
    "cohort-starts-in-a-week": (
        "Your cohort starts in a week",
        "{cohort} of {programme} starts on {starts}.",
    ),
    "cohort-starts-tomorrow": ("Your cohort starts tomorrow", "{cohort} of {programme} starts tomorrow, {starts}."),
    "session-tomorrow": (
        "Your session is tomorrow",
        "{session} of {cohort} is tomorrow, {session_time}, {session_place}.",
    ),
}


def reminder_email_send(*, kind: str, application_id: int, session_id: int | None) -> bool:
    values = application_email_values(Application.objects.filter(pk=application_id))
    session = CohortSession.objects.filter(pk=session_id).first() if session_id else None
    if values is None or kind not in REMINDER_EMAILS or (session_id and session is None):
        return False
    subject, message = REMINDER_EMAILS[kind]
    fields = message_fields(values)
    if session:
        fields.update(
            session=session.title,
            session_time=moment_text(session.starts_at),
            session_place=session.where,
        )
    return applicant_email_send(
        key=reminder_key(kind, application_id, session_id),
        values=values,
        subject=subject,
        message=message.format(**fields),
    )


SESSION_CHANGE_EMAILS = {
    SessionChange.Kind.MOVED: (
        "A session has moved",
        "{session} of {cohort} has moved. It is now on {session_time} to {session_end}, {session_place}. It was on "
        "{previous_time}.",
    ),
    SessionChange.Kind.CANCELLED: (
        "A session has been cancelled",
        "{session} of {cohort} on {session_time} has been cancelled. The academy will tell you if it is rearranged.",
    ),
    SessionChange.Kind.REPLACED: (
        "Your timetable has changed",
        "The academy has set a new timetable for {cohort}: {session}, from {session_time} to {session_end}. Every "
        "session is in My learning, and in your calendar if you subscribed to it.",
    ),
}


def session_change_emails_send(*, change_id: int) -> int:
    """E-mails everyone holding a place on the cohort of a session that moved or was cancelled, once each: a re-run
    of the task sends only what did not go. Returns how many it sent."""
    change = SessionChange.objects.filter(pk=change_id).first()
    if change is None:
        return 0
    holders = Application.objects.filter(cohort_id=change.cohort_id, status__in=PLACE_HOLDING).order_by("pk")
    subject, message = SESSION_CHANGE_EMAILS[change.kind]
    fields = {
        "session": change.title,
        "session_time": moment_text(change.starts_at),
        "session_end": moment_text(change.ends_at),
        "session_place": f"online at {change.joining_url}" if change.joining_url else change.place,
        "previous_time": moment_text(change.previous_starts_at) if change.previous_starts_at else "",
    }
    return sum(
        applicant_email_send(
            key=f"session-change:{change.pk}:application:{values['application_id']}",
            values=values,
            subject=subject,
            message=message.format(**message_fields(values), **fields),
        )
        for values in application_email_rows(holders)
    )
