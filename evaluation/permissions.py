"""Who may answer and who may read feedback, in one place: views and services ask here.

Reads are scoped by querysets, so a cohort outside them is simply not found (a 404), never shown then refused.
"""

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


def participants_of_ended_cohorts(*, now=None) -> QuerySet[Application]:
    return Application.objects.filter(status__in=PARTICIPANT_STATUSES, cohort__in=cohorts_ended(now=now))


def cohorts_to_answer(user) -> QuerySet[Cohort]:
    """The ended cohorts the person took part in: those whose feedback form they may open."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    places = participants_of_ended_cohorts().filter(applicant=user)
    return cohorts_ended().filter(pk__in=places.values("cohort_id"))


def responses_of(user) -> QuerySet[FeedbackResponse]:
    return FeedbackResponse.objects.filter(respondent=user)


def cohorts_evaluated_by(user) -> QuerySet[Cohort]:
    """The cohorts whose feedback the person reads: those of the academies they administer."""
    return Cohort.objects.filter(academy__in=Academy.objects.for_admin(user))
