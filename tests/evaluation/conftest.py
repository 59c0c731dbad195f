import pytest

from tests.academies.factories import AcademyAdminFactory
from tests.evaluation.factories import EndedCohortFactory, participant_of


@pytest.fixture
def cohort():
    return EndedCohortFactory()


@pytest.fixture
def participant(cohort):
    return participant_of(cohort, applicant__full_name="Pat Participant").applicant


@pytest.fixture
def academy_admin(cohort):
    """An admin of the academy that ran the cohort."""
    return AcademyAdminFactory(academy=cohort.academy).user
