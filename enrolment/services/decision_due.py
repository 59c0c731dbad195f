"""When the academy should decide an application by, and the reminder to its admins once that day has passed.

An application under review is due a decision DECISION_WORKING_DAYS working days after it reached the academy,
and no later than its cohort's last day to join (after which no place can be offered). Once the day has passed,
beat's hourly run e-mails each admin of the academy once per application and due date (the delivery's key), so
the run can repeat, or catch up after a pause, safely.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from enrolment import tasks
from enrolment.models import Application
from portal.models import EmailDelivery, User
from portal.notifications import email_send_once
from portal.presentation import day_text


def decision_due_date(application: Application, *, today: date) -> date:
    """DECISION_WORKING_DAYS working days from `today`, or the cohort's last day to join if sooner."""
    from .sessions import is_working_day  # here: sessions imports cohorts, which moves applications through us

    due, left = today, settings.DECISION_WORKING_DAYS
    while left:
        due += timedelta(days=1)
        left -= is_working_day(due)
    if application.cohort_id:
        due = min(due, max(application.cohort.last_joining_day, today))
    return due


def decision_overdue_key(application_id: int, due_on: date, user_id: int) -> str:
    return f"decision-overdue:{application_id}:{due_on.isoformat()}:{user_id}"


def decision_reminders_due(*, today: date) -> list[tuple[int, date, int]]:
    """(application, due date, admin) of every reminder due and not yet sent; a fixed number of queries."""
    overdue = Application.objects.decidable().filter(decision_due_on__lt=today)
    rows = set(
        overdue.filter(cohort__isnull=False)
        .filter(cohort__academy__admins__isnull=False)
        .values_list("pk", "decision_due_on", "cohort__academy__admins__user")
    )
    rows |= set(
        overdue.filter(cohort__isnull=True, programme__cohorts__region=F("region"))
        .filter(programme__cohorts__academy__admins__isnull=False)
        .values_list("pk", "decision_due_on", "programme__cohorts__academy__admins__user")
    )
    sent = set(
        EmailDelivery.objects.filter(
            key__in=[decision_overdue_key(*row) for row in rows], sent_at__isnull=False
        ).values_list("key", flat=True)
    )
    return sorted(row for row in rows if decision_overdue_key(*row) not in sent)


def decision_reminders_send(*, today: date | None = None) -> int:
    due = decision_reminders_due(today=today or timezone.localdate())
    for application_id, _, user_id in due:
        tasks.send_decision_overdue_email.enqueue_on_commit(application_id, user_id)
    return len(due)


def decision_overdue_email_send(*, application_id: int, user_id: int) -> bool:
    """Tells one academy admin the decision is overdue, once per due date, while it is still to be made."""
    application = (
        Application.objects.decidable()
        .select_related("applicant", "programme")
        .filter(pk=application_id, decision_due_on__lt=timezone.localdate())
        .first()
    )
    admin = User.objects.filter(pk=user_id).first()
    if application is None or admin is None:
        return False
    url = settings.SITE_URL + reverse("enrolment:academy_application", args=[application.pk])
    return email_send_once(
        key=decision_overdue_key(application.pk, application.decision_due_on, admin.pk),
        to=admin.email,
        subject=f"Decision overdue: {application.applicant.full_name}'s application to {application.programme.title}",
        template="decision_overdue",
        context={"application": application, "due": day_text(application.decision_due_on), "url": url},
    )
