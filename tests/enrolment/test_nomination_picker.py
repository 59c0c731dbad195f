"""The "Nominate staff" link for those who may nominate, and the nominate page's list of the area's people to
pick from: real people for a real cohort, demo people for a demo one, capped, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enrolment.allocation_selectors import PEOPLE_LISTED, nominable_people
from enrolment.models import Nomination
from tests.academies.factories import AcademyFactory
from tests.enrolment.allocation_factories import PlaceAllocationFactory
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import IcsLeadFactory, OrganisationFactory, StaffProfileFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

LINK = ">Nominate staff</a>"


def open_cohort(**kwargs):
    academy = AcademyFactory(local_partner=True)
    programme = ProgrammeFactory(delivering_academies=[academy], line_manager_support_required=False)
    return CohortFactory(programme=programme, academy=academy, capacity=10, **kwargs)


def person(organisation, name, **kwargs):
    return StaffProfileFactory(user=UserFactory(full_name=name, **kwargs), organisation=organisation).user


@pytest.fixture
def allocation():
    return PlaceAllocationFactory(cohort=open_cohort(), places=2)


@pytest.fixture
def lead(allocation):
    return IcsLeadFactory(ics=allocation.ics).user


def test_the_header_links_a_named_nominator_and_an_ics_lead_to_nominate_and_nobody_else(client, lead):
    organisation = OrganisationFactory()
    nominator = UserFactory()
    PlaceAllocationFactory(cohort=open_cohort(), ics=None, organisation=organisation, nominator=nominator)

    for user, shown in [(nominator, True), (lead, True), (UserFactory(), False)]:
        client.force_login(user)
        assert (LINK in client.get("/nowhere/").content.decode()) is shown, user
    client.logout()
    assert LINK not in client.get("/nowhere/").content.decode()


def test_a_named_nominator_is_read_with_their_roles_in_the_one_query_of_a_signed_in_page(client):
    nominator = UserFactory()
    PlaceAllocationFactory(cohort=open_cohort(), ics=None, organisation=OrganisationFactory(), nominator=nominator)
    client.force_login(nominator)  # the session is in the cache; the user and their roles are not yet

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/nowhere/").content.decode()

    assert LINK in page
    assert len(queries) == 1, [query["sql"] for query in queries]


def test_the_page_lists_the_systems_real_people_only(client, allocation, lead):
    organisation = OrganisationFactory(ics=allocation.ics)
    person(organisation, "Real Colleague", email="real@example.nhs.test")
    person(organisation, "Demo Colleague", email="demo@example.nhs.test", is_demo=True)
    person(OrganisationFactory(), "Elsewhere Person", email="elsewhere@example.nhs.test")
    client.force_login(lead)

    page = client.get(reverse("enrolment:nominations")).content.decode()

    assert "Real Colleague (real@example.nhs.test)" in page
    assert "Demo Colleague" not in page and "Elsewhere Person" not in page


def test_a_demo_allocation_lists_demo_people_only():
    organisation = OrganisationFactory()
    allocation = PlaceAllocationFactory(
        cohort=open_cohort(is_demo=True), ics=None, organisation=organisation, nominator=UserFactory()
    )
    person(organisation, "Real Colleague")
    demo = person(organisation, "Demo Colleague", is_demo=True)

    assert nominable_people([allocation]) == {allocation.pk: [demo]}


def test_picking_a_person_posted_straight_to_the_url_nominates_them(client, allocation, lead):
    picked = person(OrganisationFactory(ics=allocation.ics), "Picked Person", email="picked@example.nhs.test")
    client.force_login(lead)

    response = client.post(
        reverse("enrolment:nominate", args=[allocation.pk]), {f"a{allocation.pk}-person": picked.email}
    )

    assert response.status_code == 302
    assert Nomination.objects.get().email == "picked@example.nhs.test"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"person": "elsewhere@example.nhs.test"}, "Choose the person you nominate from the list"),
        ({}, "Choose the person you nominate or type their e-mail address"),
        (
            {"person": "picked@example.nhs.test", "email": "other@example.nhs.test"},
            "Choose a person from the list or type an e-mail address, not both",
        ),
    ],
)
def test_a_person_not_listed_nobody_or_two_people_are_refused_on_the_form(client, allocation, lead, data, message):
    person(OrganisationFactory(ics=allocation.ics), "Picked Person", email="picked@example.nhs.test")
    person(OrganisationFactory(), "Elsewhere Person", email="elsewhere@example.nhs.test")
    client.force_login(lead)

    response = client.post(
        reverse("enrolment:nominate", args=[allocation.pk]), {f"a{allocation.pk}-{k}": v for k, v in data.items()}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Nomination.objects.exists()


def test_the_list_is_capped_and_says_so(client, allocation, lead):
    organisation = OrganisationFactory(ics=allocation.ics)
    for n in range(PEOPLE_LISTED + 1):
        person(organisation, f"Colleague {n:03d}")
    client.force_login(lead)

    page = client.get(reverse("enrolment:nominations")).content.decode()

    assert page.count("Colleague ") == PEOPLE_LISTED
    assert f"The list shows the first {PEOPLE_LISTED} people by name" in page


def test_the_page_takes_as_many_queries_for_many_allocations_and_people_as_for_one(client, allocation, lead):
    client.force_login(lead)
    organisation = OrganisationFactory()
    PlaceAllocationFactory(cohort=open_cohort(), ics=None, organisation=organisation, nominator=lead)
    person(OrganisationFactory(ics=allocation.ics), "First Colleague")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("enrolment:nominations")).status_code == 200
        return len(captured)

    few = queries()
    for n in range(4):
        PlaceAllocationFactory(cohort=open_cohort(), ics=allocation.ics)
        PlaceAllocationFactory(cohort=open_cohort(), ics=None, organisation=organisation, nominator=lead)
        person(OrganisationFactory(ics=allocation.ics), f"Colleague {n}")
        person(organisation, f"Staff {n}")

    assert queries() == few
