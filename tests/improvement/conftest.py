import pytest

from tests.academies.factories import AcademyAdminFactory
from tests.improvement.factories import ImprovementMethodFactory, participant_place


@pytest.fixture
def method():
    return ImprovementMethodFactory()


@pytest.fixture
def place():
    """A participant's accepted place in a cohort run by an academy."""
    return participant_place(applicant__full_name="Pat Participant")


@pytest.fixture
def participant(place):
    return place.applicant


@pytest.fixture
def reviewer(place):
    """An admin of the academy that runs the participant's cohort."""
    return AcademyAdminFactory(academy=place.cohort.academy).user
