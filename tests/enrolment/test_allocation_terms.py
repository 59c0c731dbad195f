"""An allocation's terms: the funded scheme that pays for its places (one funding the cohort's programme, demo with
demo only), and how many of its places each nominator may nominate, enforced under the cohort lock."""

import pytest
from django.urls import reverse

from enrolment.models import PlaceAllocation
from enrolment.services.allocations import AllocationRefused, allocation_set
from enrolment.services.nominations import NominationRefused, nomination_create
from tests.enrolment.allocation_factories import NominationFactory, PlaceAllocationFactory
from tests.portal.factories import IcsLeadFactory, IntegratedCareSystemFactory
from tests.programmes.factories import FundedSchemeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def room(cohort):
    """The workspace's cohort (tests/enrolment/conftest.py), with room for the allocations here."""
    cohort.capacity = 10
    cohort.save(update_fields=["capacity"])


def test_a_scheme_that_funds_the_programme_pays_for_an_allocation(cohort, admin):
    scheme = FundedSchemeFactory(programmes=[cohort.programme])

    allocation = allocation_set(
        admin=admin, cohort_id=cohort.pk, ics=IntegratedCareSystemFactory(), places=3, scheme=scheme
    )

    assert PlaceAllocation.objects.get(pk=allocation.pk).scheme == scheme


def test_a_scheme_that_does_not_fund_the_programme_is_refused(cohort, admin):
    scheme = FundedSchemeFactory(name="Other money", programmes=[ProgrammeFactory()])

    with pytest.raises(AllocationRefused, match="Other money does not fund") as refused:
        allocation_set(admin=admin, cohort_id=cohort.pk, ics=IntegratedCareSystemFactory(), places=3, scheme=scheme)

    assert "scheme" in refused.value.problems
    assert not PlaceAllocation.objects.exists()


def test_a_demo_scheme_cannot_pay_for_a_real_cohort(cohort, admin):
    scheme = FundedSchemeFactory(name="Demo money", is_demo=True, programmes=[cohort.programme])

    with pytest.raises(AllocationRefused, match="Demo money is a demo scheme"):
        allocation_set(admin=admin, cohort_id=cohort.pk, ics=IntegratedCareSystemFactory(), places=3, scheme=scheme)

    assert not PlaceAllocation.objects.exists()


def test_the_page_refuses_a_scheme_that_does_not_fund_the_programme_on_its_field(client, cohort, admin):
    scheme = FundedSchemeFactory(name="Other money", programmes=[ProgrammeFactory()])
    client.force_login(admin)

    response = client.post(
        reverse("enrolment:workspace_allocations", args=[cohort.pk]),
        {"ics": IntegratedCareSystemFactory().pk, "places": 3, "scheme": scheme.pk},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["scheme"] == [
        f"Other money does not fund {cohort.programme}: choose a scheme that does"
    ]
    assert not PlaceAllocation.objects.exists()


def test_the_page_saves_the_scheme_and_each_nominators_limit(client, cohort, admin):
    scheme = FundedSchemeFactory(name="Paying scheme", programmes=[cohort.programme])
    client.force_login(admin)
    url = reverse("enrolment:workspace_allocations", args=[cohort.pk])

    response = client.post(
        url, {"ics": IntegratedCareSystemFactory().pk, "places": 6, "scheme": scheme.pk, "per_nominator": 2}
    )

    assert response.status_code == 302
    assert PlaceAllocation.objects.values_list("scheme", "per_nominator").get() == (scheme.pk, 2)
    page = client.get(url).content.decode()
    assert "Paying scheme" in page
    assert "at most 2 by each nominator" in page


def test_each_nominator_nominates_at_most_their_limit(cohort):
    allocation = PlaceAllocationFactory(cohort=cohort, places=5, per_nominator=2)
    first, second = (IcsLeadFactory(ics=allocation.ics).user for _ in range(2))
    for index in range(2):
        nomination_create(nominator=first, allocation_id=allocation.pk, email=f"a{index}@example.nhs.test")

    with pytest.raises(NominationRefused, match="each nominator may nominate at most 2 of its places"):
        nomination_create(nominator=first, allocation_id=allocation.pk, email="a3@example.nhs.test")

    nomination_create(nominator=second, allocation_id=allocation.pk, email="b1@example.nhs.test")
    assert allocation.nominations.filter(nominated_by=first).count() == 2
    assert allocation.nominations.count() == 3


def test_posting_beyond_ones_limit_is_refused_on_the_field_and_changes_nothing(client, cohort):
    allocation = PlaceAllocationFactory(cohort=cohort, places=5, per_nominator=1)
    lead = IcsLeadFactory(ics=allocation.ics).user
    NominationFactory(allocation=allocation, nominated_by=lead)
    client.force_login(lead)

    response = client.post(
        reverse("enrolment:nominate", args=[allocation.pk]), {f"a{allocation.pk}-email": "new@example.nhs.test"}
    )

    assert response.status_code == 200
    assert "each nominator may nominate at most 1 of its places" in response.content.decode()
    assert allocation.nominations.count() == 1


def test_a_limit_cannot_go_below_what_one_nominator_has_nominated(cohort, admin):
    allocation = PlaceAllocationFactory(cohort=cohort, places=5)
    lead = IcsLeadFactory(ics=allocation.ics).user
    NominationFactory.create_batch(3, allocation=allocation, nominated_by=lead)

    with pytest.raises(AllocationRefused, match="cannot go below 3") as refused:
        allocation_set(admin=admin, cohort_id=cohort.pk, ics=allocation.ics, places=5, per_nominator=2)

    assert "per_nominator" in refused.value.problems
    allocation.refresh_from_db()
    assert allocation.per_nominator is None
