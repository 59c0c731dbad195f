import pytest

from tests.coaching.factories import CoachProfileFactory, staff_member
from tests.portal.factories import IntegratedCareSystemFactory, OrganisationFactory, RegionFactory


@pytest.fixture
def region():
    return RegionFactory(name="North West")


@pytest.fixture
def mentee(region):
    """A member of staff in a trust in the North West."""
    return staff_member(
        organisation=OrganisationFactory(ics=IntegratedCareSystemFactory(region=region)), full_name="Mo Mentee"
    )


@pytest.fixture
def coach(region):
    """An approved coach in the North West, in another organisation than the mentee's, with two places."""
    return CoachProfileFactory(region=region, user__full_name="Cara Coach", user__email="cara.coach@example.nhs.test")
