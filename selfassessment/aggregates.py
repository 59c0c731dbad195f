"""What an academy sees of its participants' self-assessments: per cohort, the mean change on each dimension between
a participant's last self-assessment on or before the cohort's start and their latest after it, over participants
who have both. Never a person's answers; and a cohort with fewer than SMALL_NUMBER such participants shows [c] in
every cell, its count included."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from enrolment.models import Application
from portal.small_numbers import SMALL_NUMBER, SUPPRESSED

from . import permissions
from .models import Rating, model_dimensions


@dataclass(frozen=True)
class CohortChange:
    cohort: object
    participants: str
    changes: list[str]


@dataclass(frozen=True)
class AcademyChanges:
    dimensions: list
    cohorts: list[CohortChange]
    small_number: int = SMALL_NUMBER


def academy_changes(user) -> AcademyChanges:
    """Every started cohort of the person's academies, in a fixed number of queries however many there are."""
    cohorts = list(
        permissions.cohorts_of_admin(user)
        .filter(starts_on__lte=timezone.localdate())
        .select_related("programme", "academy")
        .order_by("-starts_on", "pk")
    )
    places = Application.objects.filter(cohort__in=cohorts, status__in=permissions.PARTICIPANT_STATUSES)
    people_of = defaultdict(set)
    for cohort_id, person_id in places.values_list("cohort_id", "applicant_id"):
        people_of[cohort_id].add(person_id)
    history = _history_of({person for people in people_of.values() for person in people})
    dimensions = list(model_dimensions())
    rows = [_cohort_change(cohort, people_of[cohort.pk], history, dimensions) for cohort in cohorts]
    return AcademyChanges(dimensions, rows)


def _history_of(people: set[int]) -> dict[int, list[tuple[date, dict[int, int]]]]:
    """Each person's assessments, oldest first: the day taken and the score per dimension."""
    ratings = (
        Rating.objects.filter(assessment__person__in=people)
        .order_by("assessment__taken_at", "assessment_id")
        .values_list("assessment__person_id", "assessment_id", "assessment__taken_at", "dimension_id", "score")
    )
    assessments = defaultdict(dict)
    for person, assessment, taken_at, dimension, score in ratings:
        assessments[person].setdefault(assessment, (timezone.localdate(taken_at), {}))[1][dimension] = score
    return {person: list(taken.values()) for person, taken in assessments.items()}


def _before_and_after(history, starts_on: date) -> tuple[dict, dict] | None:
    before = [scores for taken_on, scores in history if taken_on <= starts_on]
    after = [scores for taken_on, scores in history if taken_on > starts_on]
    return (before[-1], after[-1]) if before and after else None


def _cohort_change(cohort, people: set[int], history: dict, dimensions: list) -> CohortChange:
    pairs = [pair for person in people if (pair := _before_and_after(history.get(person, []), cohort.starts_on))]
    if len(pairs) < SMALL_NUMBER:
        return CohortChange(cohort, SUPPRESSED, [SUPPRESSED] * len(dimensions))
    changes = [
        sum(after[dimension.pk] - before[dimension.pk] for before, after in pairs) / len(pairs)
        for dimension in dimensions
    ]
    return CohortChange(cohort, str(len(pairs)), [f"{change:+.1f}" for change in changes])
