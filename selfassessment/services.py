"""The one write of self-assessments: a person records a whole one, one rating per dimension on the portal's
scale, in one transaction, or nothing at all."""

from collections.abc import Mapping

from django.db import transaction

from portal.locking import lock_row
from portal.models import User

from .models import Rating, Score, SelfAssessment, SelfAssessmentError, model_dimensions

INCOMPLETE = "Rate yourself on every dimension of the Healthcare Leadership Model."
OFF_THE_SCALE = "Each rating is one of the scale's four points, from 1 (Not yet) to 4 (Exemplary)."


@transaction.atomic
def self_assessment_record(*, person: User, scores: Mapping[int, int]) -> SelfAssessment:
    """Saves the person's ratings, keyed by dimension id: exactly the model's dimensions, each on the scale."""
    lock_row(User.objects, pk=person.pk)  # one person's two quick submissions are saved one after the other
    dimensions = list(model_dimensions())
    if not dimensions or set(scores) != {dimension.pk for dimension in dimensions}:
        raise SelfAssessmentError(INCOMPLETE)
    if any(score not in Score.values for score in scores.values()):
        raise SelfAssessmentError(OFF_THE_SCALE)
    assessment = SelfAssessment.objects.create(person=person, is_demo=person.is_demo)
    Rating.objects.bulk_create(
        Rating(assessment=assessment, dimension=dimension, score=scores[dimension.pk]) for dimension in dimensions
    )
    return assessment
