"""Reads of self-assessments for the person's own pages: their ratings, the change since their previous one, where
to develop, and the programmes that develop it, each with the reason it is recommended."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from enrolment.discovery.selectors import programme_list
from programmes.models import FrameworkElement, Programme

from . import permissions
from .models import Score, SelfAssessment

RECOMMENDATIONS = 6


@dataclass(frozen=True)
class DimensionRow:
    dimension: FrameworkElement
    score: int
    label: str
    previous: int | None

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.score - self.previous


@dataclass(frozen=True)
class Recommendation:
    programme: Programme
    reasons: list[str]


@dataclass(frozen=True)
class AssessmentReport:
    assessment: SelfAssessment
    previous: SelfAssessment | None
    rows: list[DimensionRow]
    focus: list[DimensionRow]
    recommendations: list[Recommendation]


def my_assessments(user) -> list[SelfAssessment]:
    return list(permissions.assessments_of(user))


def assessment_report(user, assessment_id: int) -> AssessmentReport | None:
    """The person's own assessment with what it tells them; None for anyone else's, or none at all."""
    own = permissions.assessments_of(user).with_ratings()
    assessment = own.filter(pk=assessment_id).first()
    if assessment is None:
        return None
    previous = own.filter(Q(taken_at__lt=assessment.taken_at) | Q(taken_at=assessment.taken_at, pk__lt=assessment.pk))
    previous = previous.first()
    before = {rating.dimension_id: rating.score for rating in previous.ratings.all()} if previous else {}
    rows = [
        DimensionRow(rating.dimension, rating.score, Score(rating.score).label, before.get(rating.dimension_id))
        for rating in assessment.ratings.all()
    ]
    focus = focus_of(rows)
    return AssessmentReport(assessment, previous, rows, focus, recommendations_for(focus))


def focus_of(rows: list[DimensionRow]) -> list[DimensionRow]:
    """Where to develop: the dimensions rated lowest, unless every one is rated at the top of the scale."""
    lowest = min((row.score for row in rows), default=Score.EXEMPLARY)
    return [row for row in rows if row.score == lowest] if lowest < Score.EXEMPLARY else []


def recommendations_for(focus: list[DimensionRow]) -> list[Recommendation]:
    """Programmes tagged with the focus dimensions, those that develop more of them first; real programmes before
    demo ones (which the page labels Demo). The reasons name each dimension and the person's rating of it."""
    if not focus:
        return []
    rated = {row.dimension.pk: row for row in focus}
    programmes = (
        programme_list()
        .filter(development_areas__in=rated)
        .annotate(matches=Count("development_areas", filter=Q(development_areas__in=rated), distinct=True))
        .prefetch_related(
            Prefetch("development_areas", queryset=FrameworkElement.objects.filter(pk__in=rated), to_attr="focus")
        )
        .order_by("is_demo", "-matches", "title")[:RECOMMENDATIONS]
    )
    return [
        Recommendation(programme, [_reason(rated[area.pk]) for area in programme.focus]) for programme in programmes
    ]


def _reason(row: DimensionRow) -> str:
    return f"develops {row.dimension.name}, which you rated {row.score} ({row.label})"
