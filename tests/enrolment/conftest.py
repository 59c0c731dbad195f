from decimal import Decimal

import pytest

from enrolment.bursaries import BursaryKind
from enrolment.models import Cohort
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import CohortFactory
from tests.enrolment.webhook_receiver import Receiver
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


@pytest.fixture
def offering(cohort):
    """The cohort offering two bursaries of £500, within a budget of £900: the budget runs out first."""
    Cohort.objects.filter(pk=cohort.pk).update(
        bursaries_available=2,
        bursary_kind=BursaryKind.AMOUNT,
        bursary_amount=Decimal("500"),
        bursary_budget=Decimal("900"),
        finance_email="finance@example.nhs.test",
    )
    cohort.refresh_from_db()
    return cohort


@pytest.fixture
def receiver():
    """A webhook receiver on loopback that answers 200 (tests.enrolment.webhook_receiver)."""
    with Receiver() as server:
        yield server
