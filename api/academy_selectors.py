"""The academy API's reads: what the token's creator may see as an academy admin, within the token's academy, each
page in a fixed number of queries however many rows it has."""

from django.db.models import QuerySet

from academies.models import AcademyApiToken
from enrolment.models import Application, Cohort, CohortSession
from enrolment.permissions import academy_admin_applications, academy_admin_cohorts


def token_applications(token: AcademyApiToken) -> QuerySet[Application]:
    """Applications to the token's academy's cohorts, oldest change first."""
    return (
        academy_admin_applications(token.created_by)
        .filter(cohort__academy=token.academy_id)
        .select_related("applicant", "programme", "organisation")
        .order_by("updated_at", "pk")
    )


def token_cohorts(token: AcademyApiToken) -> QuerySet[Cohort]:
    """The academy's cohorts, soonest first, with their programme, region, ICS and places held."""
    return (
        academy_admin_cohorts(token.created_by)
        .filter(academy=token.academy_id)
        .select_related("programme", "region", "ics")
        .with_places_held()
        .order_by("starts_on", "name", "pk")
    )


def token_sessions(token: AcademyApiToken) -> QuerySet[CohortSession]:
    """Sessions of the academy's cohorts, in the order they are held."""
    return CohortSession.objects.filter(
        cohort__in=academy_admin_cohorts(token.created_by), cohort__academy=token.academy_id
    ).select_related("cohort")
