"""An ICS lead sees declarations for ring-fenced places only as counts per cohort, suppressed when small."""

import pytest

from enrolment.models import RingFenceDeclaration
from reporting.ring_fence import ring_fence_declaration_counts
from reporting.tables import SUPPRESSED
from tests.enrolment.allocation_factories import PlaceAllocationFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def declared(cohort, organisation, how_many):
    allocation = PlaceAllocationFactory(
        cohort=cohort, ics=None, ring_fence_rule="A rule (Demo)", ring_fence_source="https://example.nhs.test/"
    )
    for _ in range(how_many):
        application = ApplicationFactory(cohort=cohort, organisation=organisation, under_review=True)
        RingFenceDeclaration.objects.create(application=application, allocation=allocation, rule="A rule (Demo)")


def test_counts_are_per_cohort_of_the_leads_system_and_small_ones_are_suppressed():
    organisation = OrganisationFactory()
    small, large = CohortFactory(name="Small"), CohortFactory(name="Large")
    declared(small, organisation, 2)
    declared(large, organisation, 6)
    declared(CohortFactory(name="Elsewhere"), OrganisationFactory(), 7)

    rows = {label.rsplit(", ", 1)[1]: cell.text for label, cell in ring_fence_declaration_counts(organisation.ics)}

    assert rows == {"Small": SUPPRESSED, "Large": "6"}
