"""The one way services change an application's status: along the allowed transitions, with its consequences."""

from datetime import datetime

from django.utils import timezone

from enrolment import tasks
from enrolment.models import PLACE_HOLDING, Application, ApplicationEvent

from .decision_due import decision_due_date
from .webhooks import application_webhooks_record


def application_transition(
    application: Application,
    status: str,
    *,
    actor=None,
    actor_label: str = "",
    reason: str = "",
    at: datetime | None = None,
) -> ApplicationEvent:
    """Moves the application, stamping the move's times with `at` (by default now), then, once the transaction
    commits, e-mails the applicant, posts the academy's webhooks and, if a place was given up, lets the waiting list
    move. Callers hold the locks the change needs."""
    was_holding_place = application.status in PLACE_HOLDING
    if status == Application.Status.UNDER_REVIEW:
        application.decision_due_on = decision_due_date(application, today=timezone.localdate(at or timezone.now()))
    event = application.move_to(status, actor=actor, actor_label=actor_label, reason=reason, at=at)
    tasks.send_application_event_email.enqueue_on_commit(event.pk)
    application_webhooks_record(application, event)
    # A cancelled cohort's places go nowhere: its waiting list is closed with it.
    if was_holding_place and status not in PLACE_HOLDING and status != Application.Status.COHORT_CANCELLED:
        tasks.promote_waiting_list.enqueue_on_commit(application.cohort_id)
    return event
