"""The academy API's reads for attendance and outcomes: the token's own cohorts and sessions, and a session's
participants with whether each attended, in a fixed number of queries however many there are."""

from django.db.models import OuterRef, QuerySet, Subquery

from academies.models import AcademyApiToken
from enrolment.models import Application, Attendance, Cohort, CohortSession
from enrolment.permissions import academy_admin_cohorts
from enrolment.selectors import cohort_roster


def token_cohorts(token: AcademyApiToken) -> QuerySet[Cohort]:
    """The cohorts of the token's academy that its creator runs as an academy admin."""
    return academy_admin_cohorts(token.created_by).filter(academy=token.academy_id)


def token_sessions(token: AcademyApiToken) -> QuerySet[CohortSession]:
    return CohortSession.objects.filter(cohort__in=token_cohorts(token)).select_related("cohort")


def session_participants(session: CohortSession) -> QuerySet[Application]:
    """The cohort's participants (the people attendance is taken for), each with `attended_here`: True, False, or
    None while attendance has not been taken for this session."""
    marked = Attendance.objects.filter(session=session, application=OuterRef("pk")).values("attended")[:1]
    return cohort_roster(session.cohort).annotate(attended_here=Subquery(marked))


def recorded_outcomes(cohort: Cohort, application_ids) -> QuerySet[Application]:
    return cohort.applications.filter(pk__in=application_ids).select_related("certificate").order_by("pk")
