"""The random audit of issue 20's reports, one audit over a registry of them: the progression funnel (a system's and
the country's), the academy's self-assessment change, the academy's feedback results (per cohort and by year) and
the programme page's average rating, and the ICS lead's project counts.

For each report the audit builds a random world, then lets people act one at a time (one more application, answer,
self-assessment, a re-take, an erasure), reading everything the report prints before and after each action, as a
reader looking every day would. It checks:

1. the threshold: no printed count is under 5 (and every one is a multiple of 5: the rule of portal.small_numbers),
   and no printed average rests on fewer than 5 people, by the audit's own count of the people behind it;
2. differencing: the same figure read before and after one person's action gives that person away by subtraction
   in no case. A count's two printed values must never pin their difference to one small number
   (test_funnel.consistent); an average printed both times must not have moved at all.

The windows closing (time passing, not a person) may move averages: only 1 is checked across them.
(The ethnicity tables' own random audit, against any linear combination of their lines, is in test_suppression.)
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from enrolment.models import Application, Status
from evaluation.selectors import academy_feedback, programme_panel_context
from improvement.models import ImprovementProject
from improvement.selectors import system_projects
from portal.privacy import personal_data_erase
from portal.small_numbers import SMALL_NUMBER, SUPPRESSED, published
from reporting.funnel_report import FunnelReport
from reporting.selectors import Filters, Period
from reporting.services import reports_refresh
from selfassessment.aggregates import academy_changes
from selfassessment.services import cohort_changes_publish
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.factories import CohortFactory
from tests.evaluation.factories import EndedCohortFactory, FeedbackResponseFactory, feedback_closed
from tests.improvement.factories import ImprovementProjectFactory
from tests.portal.factories import IcsLeadFactory, IntegratedCareSystemFactory, OrganisationFactory
from tests.programmes.factories import ProgrammeFactory
from tests.reporting.factories import application, months_ago, staff_member
from tests.reporting.test_funnel import consistent
from tests.selfassessment.factories import (
    assessment_taken,
    days_ago,
    model_dimensions_made,
    participant_who_took_both,
    window_closed_cohort,
)

pytestmark = pytest.mark.django_db

COUNT, MEAN = "count", "mean"


@dataclass(frozen=True)
class Figure:
    text: str
    kind: str  # COUNT or MEAN
    people: int | None = None  # for a MEAN: how many people it rests on, by the audit's own count

    @property
    def printed(self) -> bool:
        return self.text not in (SUPPRESSED, "")


@dataclass
class World:
    """What a report's builder made: the actions of one person each, before and after the windows close."""

    read: Callable[[], dict]
    before_close: list[Callable[[], None]] = field(default_factory=list)
    close: Callable[[], None] = lambda: None
    after_close: list[Callable[[], None]] = field(default_factory=list)


def check_threshold(figures: dict) -> None:
    for where, figure in figures.items():
        if not figure.printed:
            continue
        if figure.kind == COUNT:
            value = int(figure.text.replace(",", ""))
            assert value >= SMALL_NUMBER and published(value) == value, (where, figure)
        else:
            assert figure.people is not None and figure.people >= SMALL_NUMBER, (where, figure)


def check_difference(before: dict, after: dict) -> None:
    """One person acted between the two reads: nothing printed both times may give them away."""
    for where in before.keys() & after.keys():
        old, new = before[where], after[where]
        if old.kind == MEAN and old.printed and new.printed:
            assert old.text == new.text, f"{where}: {old.text} then {new.text} moved by one person"
        if old.kind == COUNT:
            shown = [_number(figure) for figure in (old, new)]
            for larger, smaller in (shown, shown[::-1]):
                small_differences = consistent(larger, smaller, limit=120) & set(range(SMALL_NUMBER))
                assert len(small_differences) != 1, f"{where}: {shown} pins the difference to {small_differences}"


def _number(figure: Figure) -> int | None:
    return int(figure.text.replace(",", "")) if figure.printed else None


def walk(world: World) -> None:
    figures = world.read()
    check_threshold(figures)
    for act in world.before_close:
        act()
        figures, before = world.read(), figures
        check_threshold(figures)
        check_difference(before, figures)
    world.close()
    figures = world.read()
    check_threshold(figures)
    for act in world.after_close:
        act()
        figures, before = world.read(), figures
        check_threshold(figures)
        check_difference(before, figures)


# --- The registry: each report's random world and what it prints. -------------------------------------------------

ALL_TIME = Filters(period=Period(None, None, "All time"))
ETHNICITIES = ["white_british", "black_african", "asian_indian", "mixed_white_asian", ""]


def funnel_world(data) -> World:
    ics = IntegratedCareSystemFactory()
    organisations = [OrganisationFactory(ics=ics) for _ in range(2)]
    cohort = CohortFactory(capacity=200)
    person = st.tuples(st.sampled_from(organisations), st.sampled_from(ETHNICITIES), st.sampled_from(list(Status)))

    def applies(organisation, ethnicity, status):
        equality = {"ethnicity": ethnicity} if ethnicity else {}
        application(staff_member(organisation, **equality), cohort, status, applied=months_ago(2))

    def arrives(*who):
        applies(*who)
        reports_refresh()

    for who in data.draw(st.lists(person, max_size=14), label="people"):
        applies(*who)
    reports_refresh()

    def read() -> dict:
        figures = {}
        for system in (ics, None):
            report = FunnelReport(ics=system, filters=ALL_TIME)
            for header, text in report.summary():
                figures[(system, "summary", header)] = Figure(text, COUNT)
            for slug in report.tables:
                for row in report.table(slug).rows:
                    for column, cell in enumerate(row[1:]):
                        figures[(system, slug, row[0].text, column)] = Figure(cell.text, COUNT)
        return figures

    later = data.draw(st.lists(person, min_size=1, max_size=2), label="one at a time")
    return World(read=read, before_close=[lambda who=who: arrives(*who) for who in later])


def self_assessment_world(data) -> World:
    dimensions = model_dimensions_made()
    admin = AcademyAdminFactory()
    cohort = window_closed_cohort(academy=admin.academy)
    took_both = [
        participant_who_took_both(cohort, dimensions, 1, data.draw(st.integers(1, 4), label="after"))
        for _ in range(data.draw(st.integers(0, 8), label="took both"))
    ]
    waiting = [participant_who_took_both(cohort, dimensions, 1, 1, after_days_ago=500) for _ in range(2)]
    counted = {"people": len(took_both)}

    def answers(place):
        assessment_taken(place.applicant, dimensions, data.draw(st.integers(1, 4)), taken_at=days_ago(150))
        counted["people"] += 1

    def read() -> dict:
        figures = {}
        for row in academy_changes(admin.user).cohorts:
            figures[(row.cohort.pk, "participants")] = Figure(row.participants, MEAN, counted["people"])
            for dimension, change in zip(dimensions, row.changes, strict=False):
                figures[(row.cohort.pk, dimension.pk)] = Figure(change, MEAN, counted["people"])
        return figures

    def withdraws(place):
        Application.objects.filter(pk=place.pk).update(status=Application.Status.WITHDRAWN)

    def erased(place):
        Application.objects.filter(pk=place.pk).update(status=Application.Status.COMPLETED)
        personal_data_erase(user=place.applicant)

    def retakes(place):
        assessment_taken(place.applicant, dimensions, 4)

    after = [lambda place=place, act=act: act(place) for place in took_both[:3] for act in (retakes, withdraws, erased)]
    return World(
        read=read,
        before_close=[lambda place=place: answers(place) for place in waiting],
        close=cohort_changes_publish,
        after_close=after[:4],
    )


def feedback_world(data) -> World:
    admin = AcademyAdminFactory()
    programme = ProgrammeFactory(provider=admin.academy)
    cohorts = [EndedCohortFactory(programme=programme) for _ in range(data.draw(st.integers(1, 3), label="cohorts"))]
    answered = {cohort.pk: 0 for cohort in cohorts}
    respondents = []

    def answers(cohort):
        rating = data.draw(st.integers(1, 5))
        respondents.append(FeedbackResponseFactory(cohort=cohort, rating_overall=rating).respondent)
        answered[cohort.pk] += 1

    def close():
        for cohort in cohorts:
            feedback_closed(cohort)

    def erased(person):
        Application.objects.filter(applicant=person).update(status=Application.Status.COMPLETED)
        personal_data_erase(user=person)

    arrivals = data.draw(st.lists(st.sampled_from(cohorts), max_size=14), label="answers, one at a time")
    return World(
        read=lambda: feedback_figures(admin.user, programme, answered),
        before_close=[lambda cohort=cohort: answers(cohort) for cohort in arrivals],
        close=close,
        after_close=[lambda person=person: erased(person) for person in respondents[:2]],
    )


def feedback_figures(user, programme, answered: dict[int, int]) -> dict:
    """Every average printed of the academy's feedback and on the programme's page; `answered` is the audit's own
    count of answers per cohort. (A year and the programme here are over the one programme's cohorts.)"""
    feedback = academy_feedback(user=user)
    figures = {}
    for cohort, results in feedback.cohorts:
        for question, average in results.averages or ():
            figures[(cohort.pk, question)] = Figure(str(average), MEAN, answered[cohort.pk])
    shown = sum(count for count in answered.values() if count >= SMALL_NUMBER)
    for year in feedback.years:
        for question, average in year.averages or ():
            figures[(year.label, question)] = Figure(str(average), MEAN, shown)
    panel = programme_panel_context(programme)
    if panel:
        figures["programme"] = Figure(str(panel["average"]), MEAN, shown)
    return figures


def projects_world(data) -> World:
    lead = IcsLeadFactory()
    statuses = [ImprovementProject.Status.SUBMITTED, ImprovementProject.Status.RETURNED]

    def project(status):
        ImprovementProjectFactory(application__applicant__profile__organisation__ics=lead.ics, status=status)

    for status in data.draw(st.lists(st.sampled_from(statuses), max_size=12), label="projects"):
        project(status)

    def read() -> dict:
        # Approved projects are listed one by one, their count with them: every other count is a count of people's.
        approved = ImprovementProject.Status.APPROVED.label
        counts = system_projects(user=lead.user).counts
        return {label: Figure(text, COUNT) for label, text in counts.items() if label != approved}

    later = data.draw(st.lists(st.sampled_from(statuses), min_size=1, max_size=3), label="one at a time")
    return World(read=read, before_close=[lambda status=status: project(status) for status in later])


REPORTS = {
    "progression funnel, a system's and the country's": funnel_world,
    "academy's self-assessment change": self_assessment_world,
    "academy's feedback by cohort and year, and the programme's average": feedback_world,
    "ICS lead's project counts": projects_world,
}


@pytest.mark.parametrize("report", REPORTS)
# Few examples, each a whole world in the database; no shrinking (minutes a world): the failing example is printed.
@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_report_prints_a_small_number_nor_lets_one_persons_action_be_subtracted(report, data):
    with transaction.atomic():
        walk(REPORTS[report](data))
        transaction.set_rollback(True)
