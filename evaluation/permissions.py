"""Who may answer and who may read feedback, in one place: views and services ask here.

Reads are scoped by querysets, so a cohort outside them is simply not found (a 404), never shown then refused.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from academies.models import Academy
from enrolment.models import Application, Cohort

from .models import FeedbackResponse

# A participant: their place accepted, or the programme completed.
PARTICIPANT_STATUSES = [Application.Status.ACCEPTED, Application.Status.COMPLETED]


def cohorts_ended(*, now=None) -> QuerySet[Cohort]:
    """Cohorts that have ended: marked finished, or past their end date; never a cancelled one."""
    today = timezone.localdate(now or timezone.now())
    return Cohort.objects.filter(Q(status=Cohort.Status.FINISHED) | Q(ends_on__lt=today)).exclude(
        status=Cohort.Status.CANCELLED
    )


def feedback_closes_on(cohort: Cohort) -> date:
    """The last day the cohort's participants may answer: FEEDBACK_OPEN_DAYS after it ends."""
    return cohort.ends_on + timedelta(days=settings.FEEDBACK_OPEN_DAYS)


def _last_open_end(now) -> date:
    """Cohorts that ended on or after this day still take answers; those that ended before are closed."""
    return timezone.localdate(now or timezone.now()) - timedelta(days=settings.FEEDBACK_OPEN_DAYS)


def cohorts_open_for_feedback(*, now=None) -> QuerySet[Cohort]:
    """Ended cohorts whose feedback is still open: answers may still come, so no result of theirs is shown."""
    return cohorts_ended(now=now).filter(ends_on__gte=_last_open_end(now))


def cohorts_closed_for_feedback(*, now=None) -> QuerySet[Cohort]:
    """Cohorts whose feedback has closed: their answers are final, the only ones whose results are shown."""
    return Cohort.objects.filter(ends_on__lt=_last_open_end(now)).exclude(status=Cohort.Status.CANCELLED)


def participants_of_open_cohorts(*, now=None) -> QuerySet[Application]:
    return Application.objects.filter(status__in=PARTICIPANT_STATUSES, cohort__in=cohorts_open_for_feedback(now=now))


def cohorts_to_answer(user) -> QuerySet[Cohort]:
    """The ended cohorts the person took part in whose feedback is still open: those whose form they may open."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    places = participants_of_open_cohorts().filter(applicant=user)
    return cohorts_open_for_feedback().filter(pk__in=places.values("cohort_id"))


def responses_of(user) -> QuerySet[FeedbackResponse]:
    return FeedbackResponse.objects.filter(respondent=user)


def cohorts_evaluated_by(user) -> QuerySet[Cohort]:
    """The cohorts whose feedback the person reads: those of the academies they administer."""
    return Cohort.objects.filter(academy__in=Academy.objects.for_admin(user))
