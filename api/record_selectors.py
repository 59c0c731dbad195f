"""The academy API's reads for attendance and outcomes: a session's participants with whether each attended, in a
fixed number of queries however many there are."""

from django.db.models import OuterRef, QuerySet, Subquery

from enrolment.models import Application, Attendance, Cohort, CohortSession
from enrolment.selectors import cohort_roster


def session_participants(session: CohortSession) -> QuerySet[Application]:
    """The cohort's participants (the people attendance is taken for), each with `attended_here`: True, False, or
    None while attendance has not been taken for this session."""
    marked = Attendance.objects.filter(session=session, application=OuterRef("pk")).values("attended")[:1]
    return cohort_roster(session.cohort).annotate(attended_here=Subquery(marked))


def recorded_outcomes(cohort: Cohort, application_ids) -> QuerySet[Application]:
    return cohort.applications.filter(pk__in=application_ids).select_related("certificate").order_by("pk")
