"""The Healthcare Leadership Model's nine dimensions, and self-assessments recorded through the service."""

from datetime import datetime, timedelta

from django.utils import timezone

from selfassessment.models import SelfAssessment
from selfassessment.services import self_assessment_record
from tests.coaching.factories import HlmDimensionFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory

DIMENSIONS = [
    "Inspiring shared purpose",
    "Leading with care",
    "Evaluating information",
    "Connecting our service",
    "Sharing the vision",
    "Engaging the team",
    "Holding to account",
    "Developing capability",
    "Influencing for results",
]


def model_dimensions_made() -> list:
    """The nine dimensions, in the model's order."""
    return [
        HlmDimensionFactory(slug=name.lower().replace(" ", "-"), name=name, position=index)
        for index, name in enumerate(DIMENSIONS)
    ]


def assessment_taken(person, dimensions, scores, *, taken_at: datetime | None = None) -> SelfAssessment:
    """A self-assessment through the service: `scores` in the dimensions' order, or one score for all."""
    scores = [scores] * len(dimensions) if isinstance(scores, int) else scores
    assessment = self_assessment_record(
        person=person, scores={dimension.pk: score for dimension, score in zip(dimensions, scores, strict=True)}
    )
    if taken_at is not None:
        SelfAssessment.objects.filter(pk=assessment.pk).update(taken_at=taken_at)
        assessment.refresh_from_db()
    return assessment


def days_ago(days: int) -> datetime:
    return timezone.now() - timedelta(days=days)


def window_closed_cohort(**fields):
    """A cohort that started 300 days ago and ended 200 days ago, so that its window (90 days after its end, by
    default) closed 110 days ago: beat may publish its change."""
    return CohortFactory(
        opens_in_days=-400, closes_in_days=-350, starts_in_days=-300, lasts_days=100, **fields
    )


def participant_who_took_both(cohort, dimensions, before, after, *, after_days_ago: int = 150):
    """A participant of `cohort` who took the self-assessment before it started and again after (by default within
    the window of a window_closed_cohort); returns their place."""
    place = ApplicationFactory(cohort=cohort, accepted=True)
    assessment_taken(place.applicant, dimensions, before, taken_at=days_ago(400))
    assessment_taken(place.applicant, dimensions, after, taken_at=days_ago(after_days_ago))
    return place
