"""Celery task of self-assessments: beat publishes each cohort's change once its window has closed.

It takes no ids and is safe to run twice or at once: a cohort's change is stored once (its unique cohort)."""

from celery import shared_task

from enrolment.tasks import RETRY, TRANSIENT_DATABASE_ERRORS


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def publish_cohort_changes() -> int:
    from .services import cohort_changes_publish

    return cohort_changes_publish()
