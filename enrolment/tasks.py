"""Celery tasks of applying and enrolling. Each takes ids, is safe to run twice, and retries transient errors."""

from celery import shared_task
from django.db import OperationalError

from portal.notifications import TRANSIENT_EMAIL_ERRORS

from .notifications import application_event_email_send, manager_email_send
from .services.locking import CohortBusy
from .services.manager_support import manager_reminders_send
from .services.offers import offers_expire_due
from .services.waiting_list import waiting_list_promote

TRANSIENT_DATABASE_ERRORS = (CohortBusy, OperationalError)
RETRY = {"retry_backoff": True, "retry_backoff_max": 600, "max_retries": 8, "acks_late": True}


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_application_event_email(event_id: int) -> bool:
    return application_event_email_send(event_id=event_id)


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_manager_request_email(application_id: int) -> bool:
    return manager_email_send(application_id=application_id, reminder=False)


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_manager_reminder_email(application_id: int) -> bool:
    return manager_email_send(application_id=application_id, reminder=True)


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def promote_waiting_list(cohort_id: int) -> list[int]:
    return waiting_list_promote(cohort_id=cohort_id)


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def expire_offers() -> int:
    return offers_expire_due()


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def remind_line_managers() -> int:
    return manager_reminders_send()
