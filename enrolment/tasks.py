"""Celery tasks of applying and enrolling. Each takes ids, is safe to run twice, and retries transient errors.

The services enqueue these tasks with `enqueue_on_commit` (portal.outbox.OutboxTask: an outbox row, published once
the transaction commits), so each task imports the service it runs when it runs, not at import time.
"""

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from portal.locking import RowBusy
from portal.notifications import TRANSIENT_EMAIL_ERRORS

TRANSIENT_DATABASE_ERRORS = (RowBusy, OperationalError)
RETRY = {"retry_backoff": True, "retry_backoff_max": 600, "max_retries": 8, "acks_late": True}


def _longest_webhook_wait() -> int:
    """A retry waits in its worker, unacknowledged, until its time. Redis hands out again a message unacknowledged
    for longer than the broker's visibility_timeout, and the copy would post the delivery again beside the first:
    so no wait comes near it (on Redis, 600 s of its 900)."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout")
    return min(6 * 3600, visibility * 2 // 3) if visibility else 6 * 3600


# A webhook receiver that fails is tried again after 1, 2, 4 ... minutes (WEBHOOK_RETRY_BACKOFF_SECONDS), each wait
# at most _longest_webhook_wait(), for about a day in all.
WEBHOOK_WAIT_MAX = _longest_webhook_wait()
WEBHOOK_RETRY = {
    **RETRY,
    "retry_backoff": settings.WEBHOOK_RETRY_BACKOFF_SECONDS,
    "retry_backoff_max": WEBHOOK_WAIT_MAX,
    "retry_jitter": False,
    "max_retries": 10 + 24 * 3600 // WEBHOOK_WAIT_MAX,
}


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_application_event_email(event_id: int) -> bool:
    from .notifications import application_event_email_send

    return application_event_email_send(event_id=event_id)


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_manager_request_email(application_id: int) -> bool:
    from .notifications import manager_email_send

    return manager_email_send(application_id=application_id, reminder=False)


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_manager_reminder_email(application_id: int) -> bool:
    from .notifications import manager_email_send

    return manager_email_send(application_id=application_id, reminder=True)


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_budget_holder_email(application_id: int, reminder: bool) -> bool:
    from .notifications import budget_holder_email_send

    return budget_holder_email_send(application_id=application_id, reminder=reminder)


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_bursary_decision_emails(application_id: int) -> int:
    from .notifications_bursaries import bursary_decision_emails_send

    return bursary_decision_emails_send(application_id=application_id)


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def remind_budget_holders() -> int:
    from .services.funding import budget_holder_reminders_send

    return budget_holder_reminders_send()


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_session_change_emails(change_id: int) -> int:
    from .notifications import session_change_emails_send

    return session_change_emails_send(change_id=change_id)


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def promote_waiting_list(cohort_id: int) -> list[int]:
    from .services.waiting_list import waiting_list_promote

    return waiting_list_promote(cohort_id=cohort_id)


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def release_allocations() -> int:
    from .services.release import allocations_release_due

    return allocations_release_due()


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def expire_offers() -> int:
    from .services.offers import offers_expire_due

    return offers_expire_due()


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def remind_line_managers() -> int:
    from .services.manager_support import manager_reminders_send

    return manager_reminders_send()


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_reminder_email(kind: str, application_id: int, session_id: int | None = None) -> bool:
    from .notifications import reminder_email_send

    return reminder_email_send(kind=kind, application_id=application_id, session_id=session_id)


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def send_reminders() -> int:
    from .services.reminders import reminders_send

    return reminders_send()


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def advance_cohort_schedule() -> int:
    from .services.cohorts import cohorts_advance_schedule

    return cohorts_advance_schedule()


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_interest_confirmation(interest_id: int, region_id: int | None, stamp: int) -> bool:
    from .interest_notifications import interest_confirmation_send

    return interest_confirmation_send(interest_id=interest_id, region_id=region_id, stamp=stamp)


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def tell_interested_people(cohort_id: int) -> int:
    from .services.interest import interested_people_tell

    return interested_people_tell(cohort_id=cohort_id)


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_interest_email(interest_id: int, cohort_id: int) -> bool:
    from .interest_notifications import interest_email_send

    return interest_email_send(interest_id=interest_id, cohort_id=cohort_id)


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def remind_overdue_decisions() -> int:
    from .services.decision_due import decision_reminders_send

    return decision_reminders_send()


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_decision_overdue_email(application_id: int, user_id: int) -> bool:
    from .services.decision_due import decision_overdue_email_send

    return decision_overdue_email_send(application_id=application_id, user_id=user_id)


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_nomination_email(nomination_id: int) -> bool:
    from .allocation_notifications import nomination_email_send

    return nomination_email_send(nomination_id=nomination_id)


class WebhookFailed(Exception):
    """A webhook receiver did not answer 2xx in time (enrolment.webhook_sender): the task tries again later."""


@shared_task(autoretry_for=(WebhookFailed, *TRANSIENT_DATABASE_ERRORS), **WEBHOOK_RETRY)
def deliver_webhook(delivery_id: int) -> bool:
    from .webhook_sender import webhook_delivery_send

    return webhook_delivery_send(delivery_id=delivery_id)
