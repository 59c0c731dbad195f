"""The writes of self-assessments: a person records a whole one, one rating per dimension on the portal's scale, in
one transaction, or nothing at all; and beat publishes each cohort's change once its window has closed."""

from collections.abc import Mapping
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from enrolment.models import Cohort
from portal.locking import lock_row
from portal.models import User

from .aggregates import changes_to_publish
from .models import PublishedChange, Rating, Score, SelfAssessment, SelfAssessmentError, model_dimensions

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


@transaction.atomic
def cohort_changes_publish(*, today: date | None = None) -> int:
    """Works out and stores the change of every cohort whose window closed before `today` and that has none yet;
    returns how many it worked out. Once a cohort's: a second run, or two at once, store nothing more for it (the
    cohort is unique, and the row already there is left as it was)."""
    last_closed_end = (today or timezone.localdate()) - timedelta(days=settings.SELF_ASSESSMENT_OPEN_DAYS + 1)
    due = list(
        Cohort.objects.filter(ends_on__lte=last_closed_end, self_assessment_change__isnull=True).exclude(
            status=Cohort.Status.CANCELLED
        )
    )
    PublishedChange.objects.bulk_create(changes_to_publish(due), ignore_conflicts=True)
    return len(due)
