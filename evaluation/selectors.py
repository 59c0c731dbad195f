"""Reads of feedback for pages: only counts and averages over at least MIN_RESPONSES answers, never fewer, and only
of cohorts whose feedback has closed.

Why closed, and not only "5 or more". A threshold protects one look at a figure, but an academy can look every day.
If a cohort's average were shown while answers still came in, the average of 6 answers less that of 5 gives the
sixth person's rating away exactly (6 × m6 − 5 × m5), and whoever answered between two looks is often known (the
academy knows its participants, and who said they had answered). Rounding does not close this: a mean rounded to
0.5 still pins the new rating to a few values, and at the ends of the scale to one, while a rounded count stays the
same when it moves by one; a shown average moving at all tells the reader that someone answered and in which
direction. So a figure must not move by one person. Feedback is open for FEEDBACK_OPEN_DAYS after the cohort ends
(evaluation.permissions), then closed: no answer can be added, none changed (the model's admin and services allow
neither), and erasure keeps the ratings, anonymous. A closed cohort's figures are therefore final: published once,
with 5 or more answers, and never revised, so there is no second look to subtract.

Figures over several cohorts (a year; a programme's average on its public page) count only closed cohorts whose
own results are shown: they move only when a whole cohort of 5 or more answers joins them, and what the
difference then tells is that cohort's average, shown anyway. A cohort with fewer answers is left out for good, so
no total less the shown cohorts gives it away. Demo cohorts' answers make a year's figure of their own, labelled
Demo, never added to real ones.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, F, QuerySet
from django.db.models.functions import ExtractYear

from portal.programme_panels import ProgrammePanel

from . import permissions
from .models import MIN_RESPONSES, QUESTIONS, FeedbackResponse

AVERAGES = {f"avg_{name}": Avg(f"feedback_responses__{name}") for name in QUESTIONS}


@dataclass(frozen=True)
class Results:
    """A group of answers: how many, and each question's average, or None when there are too few to show; or, while
    the cohort's feedback is open, only the day it closes (nothing of the answers)."""

    label: str
    responses: int | None
    averages: list[tuple[str, float]] | None
    closes_on: date | None = None
    is_demo: bool = False  # answers on demo cohorts, which are never added to real ones

    @property
    def shown(self) -> bool:
        return self.averages is not None

    @property
    def is_open(self) -> bool:
        return self.closes_on is not None


def _results(label: str, responses: int, row, *, is_demo: bool = False) -> Results:
    if responses < MIN_RESPONSES:
        return Results(label=label, responses=responses, averages=None, is_demo=is_demo)
    averages = [(question, round(row[f"avg_{name}"], 1)) for name, question in QUESTIONS.items()]
    return Results(label=label, responses=responses, averages=averages, is_demo=is_demo)


def _cohort_results(cohort, closed: set[int]) -> Results:
    """An annotated cohort's results, or only its closing day while its feedback is open."""
    if cohort.pk not in closed:
        closes_on = permissions.feedback_closes_on(cohort)
        return Results(label=str(cohort), responses=None, averages=None, closes_on=closes_on)
    return _results(str(cohort), cohort.responses, vars(cohort))


def _annotated(cohorts: QuerySet) -> QuerySet:
    return cohorts.annotate(responses=Count("feedback_responses"), **AVERAGES)


def _closed(cohorts) -> set[int]:
    ids = [cohort.pk for cohort in cohorts]
    return set(permissions.cohorts_closed_for_feedback().filter(pk__in=ids).values_list("pk", flat=True))


@dataclass(frozen=True)
class AcademyFeedback:
    cohorts: list[tuple]  # (cohort, Results), the latest first
    years: list[Results]  # by the year cohorts ended, counting only cohorts whose results are shown

    @property
    def only_demo_years(self) -> bool:
        """Every year's results are of demo cohorts: the table of years is demo data, its caption says so."""
        return bool(self.years) and all(results.is_demo for results in self.years)


def academy_feedback(*, user) -> AcademyFeedback:
    """The feedback on the ended cohorts of the person's academies, per cohort and by year, in three queries."""
    ended = permissions.cohorts_evaluated_by(user).filter(pk__in=permissions.cohorts_ended().values("pk"))
    rows = list(_annotated(ended.select_related("programme")).order_by("-ends_on", "name"))
    closed = _closed(rows)
    cohorts = [(cohort, _cohort_results(cohort, closed)) for cohort in rows]
    shown = [cohort.pk for cohort, results in cohorts if results.shown]
    years = (
        FeedbackResponse.objects.filter(cohort__in=shown)
        .annotate(year=ExtractYear("cohort__ends_on"), demo=F("cohort__is_demo"))
        .values("year", "demo")
        .annotate(responses=Count("pk"), **{f"avg_{name}": Avg(name) for name in QUESTIONS})
        .order_by("-year", "demo")
    )
    years = [_results(str(row["year"]), row["responses"], row, is_demo=row["demo"]) for row in years]
    return AcademyFeedback(cohorts=cohorts, years=years)


@dataclass(frozen=True)
class CohortFeedback:
    cohort: object
    results: Results
    comments: list[str]  # empty when the results are not shown


def cohort_feedback(*, user, cohort_id: int) -> CohortFeedback | None:
    """One of the person's academies' cohorts' feedback; None for any other cohort."""
    cohort = _annotated(permissions.cohorts_evaluated_by(user).select_related("programme")).filter(pk=cohort_id).first()
    if cohort is None:
        return None
    results = _cohort_results(cohort, _closed([cohort]))
    comments = []
    if results.shown:
        comments = list(cohort.feedback_responses.exclude(comments="").values_list("comments", flat=True))
    return CohortFeedback(cohort=cohort, results=results, comments=comments)


def programme_panel_context(programme) -> dict | None:
    """A programme's page shows its participants' average overall rating over its closed cohorts with enough
    answers each, once there is one."""
    shown_cohorts = (
        permissions.cohorts_closed_for_feedback()
        .filter(programme=programme, is_demo=False)
        .annotate(responses=Count("feedback_responses"))
        .filter(responses__gte=MIN_RESPONSES)
    )
    row = FeedbackResponse.objects.filter(cohort__in=shown_cohorts.values("pk")).aggregate(
        responses=Count("pk"), average=Avg("rating_overall")
    )
    if row["responses"] < MIN_RESPONSES:
        return None
    return {"average": round(row["average"], 1), "responses": row["responses"]}


PROGRAMME_PANEL = ProgrammePanel(
    name="evaluation-rating", template="evaluation/programme_panel.html", context=programme_panel_context
)
