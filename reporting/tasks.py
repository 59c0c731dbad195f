"""Rebuilding the reporting tables, on Celery beat's schedule (CELERY_BEAT_SCHEDULE in config/settings/base.py)."""

from celery import shared_task
from django.db import OperationalError


@shared_task(
    autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600, max_retries=5, acks_late=True
)
def refresh_reports() -> int:
    """Takes no arguments and rebuilds everything, so running it twice, or late, gives the same figures."""
    from .services import reports_refresh

    return reports_refresh().facts
