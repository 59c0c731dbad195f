"""Who may see which self-assessments. A person's answers are their own: reads start from their own assessments,
so another person's is simply not found (a 404). Academies see only aggregates of their own cohorts."""

from django.db.models import QuerySet

from academies.models import Academy
from enrolment.models import Application, Cohort

from .models import SelfAssessment

# A participant of a cohort: accepted, or the programme completed.
PARTICIPANT_STATUSES = [Application.Status.ACCEPTED, Application.Status.COMPLETED]


def assessments_of(user) -> QuerySet[SelfAssessment]:
    return SelfAssessment.objects.filter(person=user)


def cohorts_of_admin(user) -> QuerySet[Cohort]:
    """The cohorts run by the academies the person administers: the only ones whose aggregate they see."""
    return Cohort.objects.filter(academy__in=Academy.objects.for_admin(user))
