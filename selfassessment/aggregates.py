"""What an academy sees of its participants' self-assessments: per cohort, the mean change on each dimension between
a participant's last self-assessment on or before the cohort's start and their latest after it, up to
SELF_ASSESSMENT_OPEN_DAYS after the cohort ends, over participants who have both. Never a person's answers; and a
cohort with fewer than SMALL_NUMBER such participants shows [c] in every cell, its count included.

Why each cohort's change is published once, when its window has closed, and never worked out again. The small
number protects one look at a table, but an academy can look every day. Were the mean worked out afresh on each
look, one person's action between two looks would move it by their contribution alone, and that is their rating:
n × (new mean) − (n − 1) × (old mean) is the change of the participant who has just taken their second
self-assessment; n × (new − old) that of one who took it again (the count does not even move); and the same
subtraction gives away someone who was erased, or whose place was withdrawn. The academy often knows who that was.
Rounding does not close it: a mean rounded to a step still bounds the new rating, to one value at the ends of the
scale, and a rounded count does not move when a re-take changes the mean. Suppressing only below 5 does not either:
5 and 6 participants are both shown.

So the figure must not move because of one person. A cohort's window closes SELF_ASSESSMENT_OPEN_DAYS after it
ends; until then nothing of it is shown; then selfassessment.services works its change out once from the
assessments taken within the window and stores it (PublishedChange), and the page reads only what was stored.
What one person does afterwards (a new assessment, erasure, a place withdrawn) cannot change it: there is one
release of each cohort, and nothing to subtract it from. Each cohort is a separate release, over its own
participants, of 5 or more, or [c].
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from django.conf import settings
from django.utils import timezone

from enrolment.models import Application, Cohort
from portal.small_numbers import SMALL_NUMBER, SUPPRESSED

from . import permissions
from .models import PublishedChange, Rating, model_dimensions


def closes_on(cohort: Cohort) -> date:
    """The last day a self-assessment counts as a participant's "after" for the cohort."""
    return cohort.ends_on + timedelta(days=settings.SELF_ASSESSMENT_OPEN_DAYS)


@dataclass(frozen=True)
class CohortChange:
    cohort: object
    participants: str
    changes: list[str]
    published_on: date | None = None  # while the window is open: the first day the change may be published

    @property
    def is_published(self) -> bool:
        return self.published_on is None


@dataclass(frozen=True)
class AcademyChanges:
    dimensions: list
    cohorts: list[CohortChange]
    small_number: int = SMALL_NUMBER

    @property
    def open_days(self) -> int:
        return settings.SELF_ASSESSMENT_OPEN_DAYS


def academy_changes(user) -> AcademyChanges:
    """Every started cohort of the person's academies, with its published change or the day it may be published,
    in a fixed number of queries however many there are."""
    cohorts = (
        permissions.cohorts_of_admin(user)
        .filter(starts_on__lte=timezone.localdate())
        .select_related("programme", "academy", "self_assessment_change")
        .order_by("-starts_on", "pk")
    )
    dimensions = list(model_dimensions())
    return AcademyChanges(dimensions, [_shown(cohort, dimensions) for cohort in cohorts])


def _shown(cohort: Cohort, dimensions: list) -> CohortChange:
    published = getattr(cohort, "self_assessment_change", None)
    if published is None:
        return CohortChange(cohort, "", [], published_on=closes_on(cohort) + timedelta(days=1))
    if published.participants < SMALL_NUMBER:
        return CohortChange(cohort, SUPPRESSED, [SUPPRESSED] * len(dimensions))
    changes = [published.changes.get(str(dimension.pk)) for dimension in dimensions]
    return CohortChange(
        cohort, str(published.participants), ["" if change is None else f"{change:+.1f}" for change in changes]
    )


def changes_to_publish(cohorts: list[Cohort]) -> list[PublishedChange]:
    """The change of each cohort, worked out from the assessments taken up to its window's close, in a fixed number
    of queries however many cohorts there are. Means of too few participants are not even stored."""
    places = Application.objects.filter(cohort__in=cohorts, status__in=permissions.PARTICIPANT_STATUSES)
    people_of = defaultdict(set)
    for cohort_id, person_id in places.values_list("cohort_id", "applicant_id"):
        people_of[cohort_id].add(person_id)
    history = _history_of({person for people in people_of.values() for person in people})
    dimensions = list(model_dimensions())
    return [_worked_out(cohort, people_of[cohort.pk], history, dimensions) for cohort in cohorts]


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


def _before_and_after(history, cohort: Cohort) -> tuple[dict, dict] | None:
    last_day = closes_on(cohort)
    before = [scores for taken_on, scores in history if taken_on <= cohort.starts_on]
    after = [scores for taken_on, scores in history if cohort.starts_on < taken_on <= last_day]
    return (before[-1], after[-1]) if before and after else None


def _worked_out(cohort: Cohort, people: set[int], history: dict, dimensions: list) -> PublishedChange:
    pairs = [pair for person in people if (pair := _before_and_after(history.get(person, []), cohort))]
    if len(pairs) < SMALL_NUMBER:
        return PublishedChange(cohort=cohort, participants=len(pairs), changes={})
    changes = {
        str(dimension.pk): round(fmean(after[dimension.pk] - before[dimension.pk] for before, after in pairs), 1)
        for dimension in dimensions
    }
    return PublishedChange(cohort=cohort, participants=len(pairs), changes=changes)
