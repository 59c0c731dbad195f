"""Reminders at the right time: offers about to expire, cohorts about to start, sessions tomorrow.

Each reminder has a key; the e-mail for a key is sent once (portal.notifications.email_send_once), and keys
already sent are not enqueued again (enrolment.selectors.reminders_due), so the hourly run can repeat, or catch
up after a pause, safely.
"""

from enrolment import tasks
from enrolment.selectors import reminders_due


def reminders_send(*, now=None) -> int:
    due = reminders_due(now=now)
    for kind, application_id, session_id in due:
        tasks.send_reminder_email.enqueue_on_commit(kind, application_id, session_id)
    return len(due)
