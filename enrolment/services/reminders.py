"""Reminders at the right time: offers about to expire, cohorts about to start, sessions tomorrow.

Each reminder has a key; the e-mail for a key is sent once (portal.notifications.email_send_once), and keys
already sent are not enqueued again, so the hourly run can repeat, or catch up after a pause, safely.
"""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from enrolment import tasks
from enrolment.models import Application, CohortSession
from portal.models import EmailDelivery

OFFER_EXPIRING = "offer-expiring"
COHORT_STARTS_IN_A_WEEK = "cohort-starts-in-a-week"
COHORT_STARTS_TOMORROW = "cohort-starts-tomorrow"
SESSION_TOMORROW = "session-tomorrow"


def reminder_key(kind: str, application_id: int, session_id: int | None = None) -> str:
    return f"reminder:{kind}:{application_id}" + (f":{session_id}" if session_id else "")


def reminders_due(*, now=None) -> list[tuple[str, int, int | None]]:
    """(kind, application id, session id) of every reminder due now and not yet sent; a fixed number of queries.

    A week's notice is due from 7 days to 2 days before the start; a missed one is not sent once the day's
    notice is due, so nobody gets both on the same day.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    tomorrow = today + timedelta(days=1)
    accepted = Application.objects.filter(status=Application.Status.ACCEPTED)
    due = [
        (OFFER_EXPIRING, pk, None)
        for pk in Application.objects.filter(
            status=Application.Status.OFFERED, offer_expires_at__gt=now, offer_expires_at__lte=now + timedelta(hours=48)
        ).values_list("pk", flat=True)
    ]
    due += [
        (COHORT_STARTS_IN_A_WEEK, pk, None)
        for pk in accepted.filter(
            cohort__starts_on__gt=tomorrow, cohort__starts_on__lte=today + timedelta(days=7)
        ).values_list("pk", flat=True)
    ]
    due += [
        (COHORT_STARTS_TOMORROW, pk, None)
        for pk in accepted.filter(cohort__starts_on__gte=today, cohort__starts_on__lte=tomorrow).values_list(
            "pk", flat=True
        )
    ]
    due += [
        (SESSION_TOMORROW, application_pk, session_pk)
        for session_pk, application_pk in CohortSession.objects.filter(
            starts_at__date=tomorrow,
            cohort__applications__status=Application.Status.ACCEPTED,
        )
        .annotate(application_pk=F("cohort__applications__pk"))
        .values_list("pk", "application_pk")
    ]
    sent = set(
        EmailDelivery.objects.filter(
            key__in=[reminder_key(*reminder) for reminder in due], sent_at__isnull=False
        ).values_list("key", flat=True)
    )
    return [reminder for reminder in due if reminder_key(*reminder) not in sent]


def reminders_send(*, now=None) -> int:
    due = reminders_due(now=now)
    for kind, application_id, session_id in due:
        tasks.send_reminder_email.delay_on_commit(kind, application_id, session_id)
    return len(due)
