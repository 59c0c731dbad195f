"""Every write that is a rule of evaluation, each one transaction.

A participant of an ended cohort answers its feedback form once, while it is open; nobody else answers it, and
nobody changes an answer. The beat task invites each participant once per cohort (evaluation.tasks).
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from portal.models import EmailDelivery, User

from . import permissions, tasks
from .models import QUESTIONS, EvaluationError, FeedbackResponse

NO_SUCH_COHORT = "You did not take part in this cohort, or its feedback is not open: it opens when the cohort ends."
ANSWERED = "You have already given your feedback on this cohort. Thank you."


@dataclass(frozen=True)
class Answers:
    """What the participant gives: a rating from 1 to 5 for each question of QUESTIONS, and free text."""

    ratings: dict[str, int]
    comments: str


def invitation_key(cohort_id: int, user_id: int) -> str:
    return f"evaluation-invite:{cohort_id}:{user_id}"


def feedback_response_create(*, respondent: User, cohort_id: int, answers: Answers) -> FeedbackResponse:
    """Records the participant's one answer on the cohort."""
    if set(answers.ratings) != set(QUESTIONS):
        raise EvaluationError("Answer every question.")
    try:
        with transaction.atomic():
            cohort = permissions.cohorts_to_answer(respondent).filter(pk=cohort_id).first()
            if cohort is None:
                raise EvaluationError(NO_SUCH_COHORT)
            if permissions.responses_of(respondent).filter(cohort=cohort).exists():
                raise EvaluationError(ANSWERED)
            response = FeedbackResponse(
                cohort=cohort, respondent=respondent, comments=answers.comments.strip(), **answers.ratings
            )
            response.full_clean()
            response.save()
    except IntegrityError:  # a double-clicked "Send": the unique constraint lets only one in
        raise EvaluationError(ANSWERED) from None
    return response


def feedback_invitations_send(*, now=None) -> int:
    """Enqueues an invitation for each participant of an ended cohort not yet invited to it; returns how many. Only
    cohorts whose feedback is still open are asked about: not every cohort ever run, the first time this runs.

    The e-mail for a person and cohort is sent once (its key), so the hourly run can repeat or catch up safely."""
    due = list(permissions.participants_of_open_cohorts(now=now).values_list("cohort_id", "applicant_id").distinct())
    sent = set(
        EmailDelivery.objects.filter(
            key__in=[invitation_key(*pair) for pair in due], sent_at__isnull=False
        ).values_list("key", flat=True)
    )
    due = [pair for pair in due if invitation_key(*pair) not in sent]
    for cohort_id, user_id in due:
        tasks.send_feedback_invitation.enqueue_on_commit(cohort_id, user_id)
    return len(due)

