"""The Healthcare Leadership Model's nine dimensions, and self-assessments recorded through the service."""

from datetime import datetime

from selfassessment.models import SelfAssessment
from selfassessment.services import self_assessment_record
from tests.coaching.factories import HlmDimensionFactory

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
