"""E-mails about coaching requests, sent by Celery once the change that prompts them commits.

Each task takes the request's id and the event, and sends each event's e-mail once, keyed
"coaching-request:<id>:<event>", however often Celery runs it.
"""

from celery import shared_task
from django.urls import reverse

from portal.notifications import TRANSIENT_EMAIL_ERRORS, email_send_once

from .models import CoachingRequest


def _made(coaching_request: CoachingRequest):
    mentee, kind = coaching_request.mentee, coaching_request.get_kind_display().lower()
    return coaching_request.coach.user, f"{mentee.full_name} asks you for {kind}", [
        f"{mentee.full_name} has asked you for {kind} through the coaching and mentoring register.",
        "Read their message, then accept or decline the request.",
    ]


def _accepted(coaching_request: CoachingRequest):
    coach, kind = coaching_request.coach.user, coaching_request.get_kind_display().lower()
    return coaching_request.mentee, f"{coach.full_name} has accepted your request", [
        f"{coach.full_name} has accepted your request for {kind}.",
        f"Contact them at {coach.email} to arrange your first session.",
    ]


def _declined(coaching_request: CoachingRequest):
    coach, kind = coaching_request.coach.user, coaching_request.get_kind_display().lower()
    return coaching_request.mentee, "Your request was declined", [
        f"{coach.full_name} cannot take you on for {kind} at the moment.",
        "You can find another coach or mentor on the register.",
    ]


def _closed(coaching_request: CoachingRequest):
    coach, mentee = coaching_request.coach.user, coaching_request.mentee
    closer, other = (coach, mentee) if coaching_request.closed_by_id == coach.pk else (mentee, coach)
    return other, f"{closer.full_name} has closed your {coaching_request.get_kind_display().lower()} relationship", [
        f"{closer.full_name} has closed the relationship you started through the register.",
        "You can still see it, and the sessions you logged, in your coaching and mentoring.",
    ]


EVENTS = {"made": _made, "accepted": _accepted, "declined": _declined, "closed": _closed}


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, retry_backoff=True, max_retries=8, acks_late=True)
def send_coaching_request_email(request_id: int, event: str) -> bool:
    """E-mails the person the event concerns; returns whether this run sent it."""
    compose = EVENTS.get(event)
    coaching_request = CoachingRequest.objects.select_related("mentee", "coach__user").filter(pk=request_id).first()
    if compose is None or coaching_request is None:
        return False
    recipient, subject, paragraphs = compose(coaching_request)
    return email_send_once(
        key=f"coaching-request:{coaching_request.pk}:{event}",
        to=recipient.email,
        subject=subject,
        template="coaching_request",
        context={
            "recipient": recipient,
            "paragraphs": paragraphs,
            "path": reverse("coaching:request_detail", args=[coaching_request.pk]),
        },
    )
