"""Where a fact stands on the leadership path, for the progression funnel: the expressions the refresh writes into
ReportFact.career_stage and ReportFact.is_progressed.

A programme's career stage is the earliest of its career stages (CareerStage.position); a programme with none has
no stage, and nobody progresses from or to it. A person "went on" when they completed a programme and have since
(in the month they applied or later) taken a place on a programme of a later stage: an accepted or completed
application, or an open-access enrolment.
"""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth

from enrolment.models import PARTICIPANTS, Application, Enrolment
from programmes.models import CareerStage


def programme_stage(programme: str, value: str = "position") -> Subquery:
    """The earliest career stage's `value` of the programme in the outer query's field `programme`."""
    stages = CareerStage.objects.filter(programmes=OuterRef(programme)).order_by("position", "pk")
    return Subquery(stages.values(value)[:1])


def progression_aliases(started: str) -> dict:
    """What went_on needs the outer query to alias: its programme's stage, and the month `started` falls in."""
    return {"stage_position": programme_stage("programme_id"), "started_month": TruncMonth(started)}


def went_on(person: str) -> Q:
    """Whether the outer query's person went on to a later stage; `person` is its person's id field, and the
    outer query has progression_aliases."""
    later = {"stage__gt": OuterRef("stage_position")}
    places = Application.objects.alias(stage=programme_stage("programme_id")).filter(
        applicant=OuterRef(person), status__in=PARTICIPANTS, submitted_at__gte=OuterRef("started_month"), **later
    )
    enrolments = Enrolment.objects.alias(stage=programme_stage("programme_id")).filter(
        learner=OuterRef(person), enrolled_at__gte=OuterRef("started_month"), **later
    )
    return Q(Exists(places)) | Q(Exists(enrolments))
