"""Reads of feedback for pages: only counts and averages over at least MIN_RESPONSES answers, never fewer.

A cohort with fewer answers shows only that there are too few. The academy's results by year count only the cohorts
whose own results are shown, so no year's figure less the shown cohorts gives away a hidden one; and demo cohorts'
answers make a year's figure of their own, labelled Demo, never added to real ones.
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, QuerySet
from django.db.models.functions import ExtractYear

from portal.programme_panels import ProgrammePanel

from . import permissions
from .models import MIN_RESPONSES, QUESTIONS, FeedbackResponse

AVERAGES = {f"avg_{name}": Avg(f"feedback_responses__{name}") for name in QUESTIONS}


@dataclass(frozen=True)
class Results:
    """A group of answers: how many, and each question's average, or None when there are too few to show."""

    label: str
    responses: int
    averages: list[tuple[str, float]] | None
    is_demo: bool = False  # answers on demo cohorts, which are never added to real ones

    @property
    def shown(self) -> bool:
        return self.averages is not None


def _results(label: str, responses: int, row, *, is_demo: bool = False) -> Results:
    if responses < MIN_RESPONSES:
        return Results(label=label, responses=responses, averages=None, is_demo=is_demo)
    averages = [(question, round(row[f"avg_{name}"], 1)) for name, question in QUESTIONS.items()]
    return Results(label=label, responses=responses, averages=averages, is_demo=is_demo)


def _annotated(cohorts: QuerySet) -> QuerySet:
    return cohorts.annotate(responses=Count("feedback_responses"), **AVERAGES)


@dataclass(frozen=True)
class AcademyFeedback:
    cohorts: list[tuple]  # (cohort, Results), the latest first
    years: list[Results]  # by the year cohorts ended, counting only cohorts whose results are shown


def academy_feedback(*, user) -> AcademyFeedback:
    """The feedback on the ended cohorts of the person's academies, per cohort and by year, in two queries."""
    ended = permissions.cohorts_evaluated_by(user).filter(pk__in=permissions.cohorts_ended().values("pk"))
    rows = _annotated(ended.select_related("programme")).order_by("-ends_on", "name")
    cohorts = [(cohort, _results(str(cohort), cohort.responses, vars(cohort))) for cohort in rows]
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
    results = _results(str(cohort), cohort.responses, vars(cohort))
    comments = []
    if results.shown:
        comments = list(cohort.feedback_responses.exclude(comments="").values_list("comments", flat=True))
    return CohortFeedback(cohort=cohort, results=results, comments=comments)


def programme_panel_context(programme) -> dict | None:
    """A programme's page shows its participants' average overall rating once enough of them have answered."""
    row = FeedbackResponse.objects.filter(cohort__programme=programme, cohort__is_demo=False).aggregate(
        responses=Count("pk"), average=Avg("rating_overall")
    )
    if row["responses"] < MIN_RESPONSES:
        return None
    return {"average": round(row["average"], 1), "responses": row["responses"]}


PROGRAMME_PANEL = ProgrammePanel(
    name="evaluation-rating", template="evaluation/programme_panel.html", context=programme_panel_context
)
