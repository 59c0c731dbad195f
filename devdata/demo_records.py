"""What the demo's participants write and answer, each through the service a person uses: their improvement
projects, follow-up answers, feedback and self-assessments (devdata.demo_outcomes says who does what)."""

from datetime import date, datetime, time

from django.utils import timezone

from enrolment.models import Application, Cohort
from evaluation.models import QUESTIONS
from evaluation.services import Answers, feedback_response_create
from improvement import services as projects
from improvement.models import improvement_methods
from portal.models import StaffProfile, User
from progression.links import follow_up_link_token
from progression.models import FollowUp
from progression.services import follow_up_answer
from selfassessment.models import SelfAssessment, model_dimensions
from selfassessment.services import self_assessment_record

# A project's state -> what its participant wrote (titles, aims and the like say Demo, as every demo name does).
PROJECTS = {
    "published": {
        "title": "Demo: same-day discharge for frail older people",
        "aim": "Demo aim: frail older people on the ward go home on the day they are ready, not the day after.",
        "measure": "Share of discharges before noon",
        "baseline": "Demo baseline: 18% of discharges before noon",
        "result": "Demo result: 41% of discharges before noon",
        "teams": "Demo: ward 12, the discharge team and the frailty team",
    },
    "submitted": {
        "title": "Demo: fewer missed doses of time-critical medicines",
        "aim": "Demo aim: patients with Parkinson's disease get their medicines on time on every ward.",
        "measure": "Time-critical doses given within 30 minutes",
        "baseline": "Demo baseline: 72% on time",
        "result": "Demo result: 90% on time",
        "teams": "Demo: pharmacy and two medical wards",
    },
    "returned": {
        "title": "Demo: a calmer handover at shift change",
        "aim": "Demo aim: nurses hand over at the bedside in under 20 minutes.",
        "measure": "Minutes a handover takes",
        "baseline": "Demo baseline: 35 minutes",
        "result": "",
        "teams": "Demo: the acute medical unit",
    },
    "draft": {
        "title": "Demo: a leadership huddle for the night team",
        "aim": "Demo aim: the night team meets for ten minutes at the start of each shift to plan the night.",
        "measure": "Night shifts that start with a huddle",
        "baseline": "Demo baseline: none",
        "result": "",
        "teams": "",
    },
}
RETURN_REASON = "Demo: say over which weeks the baseline was measured."
# Each follow-up a demo participant answers says their role changed, up a band, with leadership responsibilities.
FOLLOW_UP_ANSWERS = {"role_changed": True, "band": StaffProfile.Grade.BAND_7, "new_responsibilities": True}
# Ratings of the demo's feedback, one row a participant in turn, and what some of them wrote.
FEEDBACK_RATINGS = [(5, 4, 5, 4), (4, 4, 4, 3), (5, 5, 4, 4), (4, 3, 4, 4), (5, 4, 5, 5), (3, 4, 4, 3)]
FEEDBACK_COMMENTS = [
    "Demo comment: the action learning sets were the most useful part.",
    "Demo comment: more time for the improvement project, please.",
    "",
]
# Self-ratings on the model's dimensions in order, before a programme and now: lowest on two dimensions before.
RATINGS_BEFORE = [2, 1, 2, 3, 2, 1, 2, 2, 3]
RATINGS_NOW = [3, 2, 3, 3, 3, 2, 2, 3, 3]


def demo_project_record(place: Application, reviewer: User, state: str) -> None:
    """The participant's project on their place, taken to `state` by them and by their academy's `reviewer`."""
    participant, method_index = place.applicant, list(PROJECTS).index(state)
    methods = list(improvement_methods().order_by("position", "pk"))
    details = projects.ProjectDetails(
        **PROJECTS[state],
        method=methods[method_index % len(methods)],
        organisations=[participant.profile.organisation],
    )
    project = projects.improvement_project_create(participant=participant, application_id=place.pk, details=details)
    if state == "draft":
        return
    projects.improvement_project_submit(participant=participant, project_id=project.pk)
    if state == "returned":
        projects.improvement_project_return(reviewer=reviewer, project_id=project.pk, reason=RETURN_REASON)
    elif state == "published":
        projects.improvement_project_approve(reviewer=reviewer, project_id=project.pk)
        projects.improvement_project_consent_set(
            participant=participant, project_id=project.pk, publish=True, show_name=True
        )


def demo_follow_up_answer(follow_up: FollowUp) -> None:
    """Answers the follow-up as its e-mailed link would."""
    follow_up_answer(token=follow_up_link_token(follow_up), **FOLLOW_UP_ANSWERS)


def demo_feedback_give(person: User, cohort: Cohort) -> None:
    turn = cohort.feedback_responses.count()
    ratings = dict(zip(QUESTIONS, FEEDBACK_RATINGS[turn % len(FEEDBACK_RATINGS)], strict=True))
    comments = FEEDBACK_COMMENTS[turn % len(FEEDBACK_COMMENTS)]
    feedback_response_create(respondent=person, cohort_id=cohort.pk, answers=Answers(ratings, comments))


def demo_self_ratings(person: User, *, before: date) -> None:
    """The person's self-assessment taken on `before`, and again now."""
    dimensions = list(model_dimensions())
    for ratings in (RATINGS_BEFORE, RATINGS_NOW):
        scores = {dimension.pk: ratings[index % len(ratings)] for index, dimension in enumerate(dimensions)}
        assessment = self_assessment_record(person=person, scores=scores)
        if ratings is RATINGS_BEFORE:
            taken_at = timezone.make_aware(datetime.combine(before, time(10, 0)))
            SelfAssessment.objects.filter(pk=assessment.pk).update(taken_at=taken_at)
