"""Celery tasks of follow-ups: beat asks for the due follow-ups daily; each question is e-mailed once.

Each takes ids and is safe to run twice: a follow-up is made once per completion and point (its unique constraint),
and its e-mail is keyed by the follow-up.
"""

from celery import shared_task
from django.urls import reverse

from enrolment.tasks import RETRY, TRANSIENT_DATABASE_ERRORS
from portal.notifications import TRANSIENT_EMAIL_ERRORS, email_send_once

from .links import follow_up_link_token
from .models import FollowUp


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def ask_follow_ups() -> int:
    from .services import follow_ups_ask_due

    return follow_ups_ask_due()


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_follow_up_email(follow_up_id: int) -> bool:
    """E-mails the question with its signed link; returns whether this run sent it."""
    unanswered = FollowUp.objects.filter(pk=follow_up_id, answered_at__isnull=True)
    follow_up = unanswered.select_related("application__applicant", "application__programme").first()
    if follow_up is None or not follow_up.is_open:
        return False
    person = follow_up.application.applicant
    return email_send_once(
        key=f"progression-follow-up:{follow_up.pk}",
        to=person.email,
        subject=f"{follow_up.application.programme.title}: how has your role changed since?",
        template="progression_follow_up",
        context={
            "recipient": person,
            "follow_up": follow_up,
            "path": reverse("progression:answer", args=[follow_up_link_token(follow_up)]),
            "account_path": reverse("progression:mine"),
        },
    )
