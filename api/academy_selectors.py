"""The academy API's reads: what the token's creator may see as an academy admin, within the token's academy."""

from academies.models import AcademyApiToken
from enrolment.permissions import academy_admin_applications


def token_applications(token: AcademyApiToken):
    """Applications to the token's academy's cohorts, oldest change first, in a constant number of queries."""
    return (
        academy_admin_applications(token.created_by)
        .filter(cohort__academy=token.academy_id)
        .select_related("applicant", "programme", "organisation")
        .order_by("updated_at", "pk")
    )
