"""A cohort's ledger of places: allocations plus the open pool make its capacity, and each place held is charged to
one of them, under the cohort lock. Each rule is asked of the service, of the page and, for capacity, of the
Django admin."""

import pytest
from django.urls import reverse

from enrolment.models import Application, EnrolmentError, PlaceAllocation, Status
from enrolment.services.allocations import AllocationRefused, allocation_set
from enrolment.services.cohorts import CapacityBelowPlacesHeld, cohort_update
from enrolment.services.decisions import CohortFull, application_offer, application_waitlist
from enrolment.services.waiting_list import waiting_list_promote
from portal.models import AuditEntry
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.allocation_factories import NominationFactory, PlaceAllocationFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.enrolment.test_admin import change_url, form_data, form_errors
from tests.portal.factories import IntegratedCareSystemFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory(capacity=10, academy=AcademyFactory(local_partner=True))


@pytest.fixture
def admin(cohort):
    return AcademyAdminFactory(academy=cohort.academy).user


def nominated(allocation, **kwargs):
    """An application nominated for one of the allocation's places."""
    application = ApplicationFactory(cohort=allocation.cohort, **kwargs)
    NominationFactory(allocation=allocation, application=application, email=application.applicant.email)
    return application


def test_places_are_allocated_to_an_ics_and_an_organisation_and_the_rest_is_the_open_pool(cohort, admin):
    ics = IntegratedCareSystemFactory()
    organisation = OrganisationFactory()
    nominator = UserFactory()

    allocation_set(admin=admin, cohort_id=cohort.pk, ics=ics, places=3)
    allocation_set(admin=admin, cohort_id=cohort.pk, organisation=organisation, nominator=nominator, places=4)

    rows = set(cohort.allocations.values_list("ics", "organisation", "nominator", "places"))
    assert rows == {(ics.pk, None, None, 3), (None, organisation.pk, nominator.pk, 4)}
    assert AuditEntry.objects.filter(action=AuditEntry.Action.COHORT_UPDATED, object_id=str(cohort.pk)).count() == 2


def test_allocating_more_than_the_capacity_is_refused(cohort, admin):
    PlaceAllocationFactory(cohort=cohort, places=6)

    with pytest.raises(AllocationRefused, match="Only 4 more places can be allocated"):
        allocation_set(admin=admin, cohort_id=cohort.pk, ics=IntegratedCareSystemFactory(), places=5)

    assert cohort.allocations.count() == 1


def test_places_taken_from_the_open_pool_cannot_be_allocated(cohort, admin):
    ApplicationFactory.create_batch(8, cohort=cohort, accepted=True)

    with pytest.raises(AllocationRefused, match="Only 2 more places"):
        allocation_set(admin=admin, cohort_id=cohort.pk, ics=IntegratedCareSystemFactory(), places=3)


def test_an_allocation_cannot_go_below_its_places_taken_or_people_nominated(cohort, admin):
    allocation = PlaceAllocationFactory(cohort=cohort, places=3)
    nominated(allocation, accepted=True, place_allocation=allocation)
    NominationFactory(allocation=allocation)

    with pytest.raises(AllocationRefused, match="cannot go below 2"):
        allocation_set(admin=admin, cohort_id=cohort.pk, ics=allocation.ics, places=1)

    allocation_set(admin=admin, cohort_id=cohort.pk, ics=allocation.ics, places=2)
    allocation.refresh_from_db()
    assert allocation.places == 2


def test_an_organisations_places_need_a_nominator_and_one_area_only(cohort, admin):
    with pytest.raises(AllocationRefused, match="who nominates"):
        allocation_set(admin=admin, cohort_id=cohort.pk, organisation=OrganisationFactory(), places=2)
    with pytest.raises(AllocationRefused, match="Choose an ICS or an organisation"):
        allocation_set(
            admin=admin,
            cohort_id=cohort.pk,
            ics=IntegratedCareSystemFactory(),
            organisation=OrganisationFactory(),
            places=2,
        )
    assert not PlaceAllocation.objects.exists()


def test_another_academys_admin_cannot_allocate(cohort):
    outsider = AcademyAdminFactory().user

    with pytest.raises(EnrolmentError, match="no such cohort"):
        allocation_set(admin=outsider, cohort_id=cohort.pk, ics=IntegratedCareSystemFactory(), places=1)


def test_a_self_application_is_charged_to_the_open_pool_and_refused_when_it_is_full(cohort, admin):
    PlaceAllocationFactory(cohort=cohort, places=8)
    first, second, third = ApplicationFactory.create_batch(3, cohort=cohort, under_review=True)
    application_offer(application_id=first.pk, admin=admin)
    application_offer(application_id=second.pk, admin=admin)

    with pytest.raises(CohortFull, match="is full"):
        application_offer(application_id=third.pk, admin=admin)

    first.refresh_from_db()
    assert first.place_allocation is None
    assert Application.objects.get(pk=third.pk).status == Status.UNDER_REVIEW


def test_a_nominated_application_is_charged_to_its_allocation_and_refused_beyond_it(cohort, admin):
    allocation = PlaceAllocationFactory(cohort=cohort, places=1)
    taken = nominated(allocation, under_review=True)
    beyond = nominated(allocation, under_review=True)

    application_offer(application_id=taken.pk, admin=admin)
    with pytest.raises(CohortFull, match=f"allocated to {allocation.ics}"):
        application_offer(application_id=beyond.pk, admin=admin)

    taken.refresh_from_db()
    assert taken.place_allocation == allocation
    application_waitlist(application_id=beyond.pk, admin=admin)  # its allocation is full, though the pool is not


def test_the_waiting_list_offers_each_freed_place_from_its_own_pool(cohort, admin):
    allocation = PlaceAllocationFactory(cohort=cohort, places=1)
    ApplicationFactory.create_batch(9, cohort=cohort, accepted=True)
    holder = nominated(allocation, offered=True, place_allocation=allocation)
    self_waiting = ApplicationFactory(cohort=cohort, waitlisted=True)
    nominee_waiting = nominated(allocation, waitlisted=True)
    holder.status = Status.DECLINED
    holder.save()

    offered = waiting_list_promote(cohort_id=cohort.pk)

    assert offered == [nominee_waiting.pk]
    nominee_waiting.refresh_from_db()
    assert nominee_waiting.place_allocation == allocation
    assert Application.objects.get(pk=self_waiting.pk).status == Status.WAITLISTED


def test_capacity_cannot_go_below_the_allocations_plus_the_open_pools_places_taken(cohort, admin):
    PlaceAllocationFactory(cohort=cohort, places=6)
    ApplicationFactory.create_batch(2, cohort=cohort, accepted=True)

    with pytest.raises(CapacityBelowPlacesHeld, match="cannot go below 8"):
        cohort_update(admin=admin, cohort_id=cohort.pk, capacity=7)

    cohort_update(admin=admin, cohort_id=cohort.pk, capacity=8)
    cohort.refresh_from_db()
    assert cohort.capacity == 8


def test_the_django_admin_keeps_the_ledger_valid_when_the_capacity_changes(client, cohort):
    client.force_login(UserFactory(national_admin=True))
    PlaceAllocationFactory(cohort=cohort, places=6)

    response = client.post(change_url(cohort), form_data(cohort, capacity=5))

    assert response.status_code == 200
    assert form_errors(response)["capacity"] == [
        "6 places are allocated and 0 taken from the open pool, so the capacity cannot go below 6."
    ]
    cohort.refresh_from_db()
    assert cohort.capacity == 10


def test_the_allocation_page_sets_an_allocation_and_shows_the_ledger(client, cohort, admin):
    ics = IntegratedCareSystemFactory()
    client.force_login(admin)
    url = reverse("enrolment:workspace_allocations", args=[cohort.pk])

    response = client.post(url, {"ics": ics.pk, "places": 3})

    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert ics.name in page
    assert "3 allocated, 7 in the open pool" in page


def test_the_allocation_page_refuses_beyond_capacity_on_the_field_and_changes_nothing(client, cohort, admin):
    client.force_login(admin)
    url = reverse("enrolment:workspace_allocations", args=[cohort.pk])

    response = client.post(url, {"ics": IntegratedCareSystemFactory().pk, "places": 11})

    assert response.status_code == 200
    assert response.context["form"].errors["places"] == [
        "Only 10 more places can be allocated: the cohort has 10, and the rest are allocated or taken from the open "
        "pool"
    ]
    assert not PlaceAllocation.objects.exists()


def test_the_allocation_page_refuses_an_unknown_ods_code_or_nominator(client, cohort, admin):
    client.force_login(admin)
    url = reverse("enrolment:workspace_allocations", args=[cohort.pk])

    response = client.post(url, {"organisation": "NOPE1", "nominator": "nobody@example.nhs.test", "places": 2})

    errors = response.context["form"].errors
    assert errors["organisation"] == ["No organisation has this ODS code. Check the code"]
    assert errors["nominator"] == ["No one has an account with this e-mail address. Ask them to register first"]
    assert not PlaceAllocation.objects.exists()


def test_the_allocation_page_query_count_does_not_grow_with_allocations(
    client, cohort, admin, django_assert_max_num_queries
):
    client.force_login(admin)
    url = reverse("enrolment:workspace_allocations", args=[cohort.pk])
    for _ in range(2):
        nominated(PlaceAllocationFactory(cohort=cohort, places=1), under_review=True)
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(5):
        nominated(PlaceAllocationFactory(cohort=cohort, places=1), under_review=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
