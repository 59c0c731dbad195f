"""E-mails of evaluation, sent by Celery: the invitation to give feedback on a cohort that has ended.

Each person's invitation to a cohort's form is sent once, keyed by the cohort and the person, however often beat runs.
"""

from celery import shared_task
from django.urls import reverse

from enrolment.models import Cohort
from enrolment.tasks import RETRY, TRANSIENT_DATABASE_ERRORS
from portal.models import User
from portal.notifications import TRANSIENT_EMAIL_ERRORS, email_send_once


@shared_task(autoretry_for=TRANSIENT_DATABASE_ERRORS, **RETRY)
def invite_feedback() -> int:
    """Beat: invites the participants of cohorts that have ended to give their feedback."""
    from .services import feedback_invitations_send

    return feedback_invitations_send()


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, **RETRY)
def send_feedback_invitation(cohort_id: int, user_id: int) -> bool:
    """Asks one participant for their feedback on one cohort; returns whether this run sent it."""
    from .services import invitation_key

    cohort = Cohort.objects.select_related("programme").filter(pk=cohort_id).first()
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if cohort is None or person is None:
        return False
    return email_send_once(
        key=invitation_key(cohort_id, user_id),
        to=person.email,
        subject=f"How was {cohort.programme}? Tell us in two minutes",
        template="feedback_invitation",
        context={
            "recipient": person,
            "cohort": cohort,
            "path": reverse("evaluation:answer", args=[cohort_id]),
        },
    )
