import pytest

from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import CohortFactory
from tests.programmes.factories import ProgrammeFactory

# An academy, one of its admins, and a cohort it runs, for the workspace's tests; a module may define its own.


@pytest.fixture
def academy():
    return AcademyFactory(local_partner=True)


@pytest.fixture
def admin(academy):
    return AcademyAdminFactory(academy=academy).user


@pytest.fixture
def cohort(academy):
    programme = ProgrammeFactory(delivering_academies=[academy], line_manager_support_required=False)
    return CohortFactory(programme=programme, academy=academy, capacity=3)
