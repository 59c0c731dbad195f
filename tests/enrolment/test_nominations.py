"""Nominations: an allowed nominator names a person for an allocation's places, within them, once per person and
cohort, for their own system or organisation; the person is e-mailed once and their application records it."""

import pytest
from django.core import mail
from django.urls import reverse

from enrolment.models import Application, EnrolmentError, Nomination, Status
from enrolment.services.nominations import NominationRefused, nomination_create, nomination_take_up
from enrolment.tasks import send_nomination_email
from portal.models import OutboxMessage
from portal.privacy import personal_data_erase, personal_data_export
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.allocation_factories import NominationFactory, PlaceAllocationFactory
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import IcsLeadFactory, OrganisationFactory, StaffProfileFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    academy = AcademyFactory(local_partner=True)
    programme = ProgrammeFactory(delivering_academies=[academy], line_manager_support_required=False)
    return CohortFactory(programme=programme, academy=academy, capacity=10)


@pytest.fixture
def allocation(cohort):
    return PlaceAllocationFactory(cohort=cohort, places=2)


@pytest.fixture
def lead(allocation):
    return IcsLeadFactory(ics=allocation.ics).user


def test_an_ics_lead_nominates_for_their_systems_places_and_the_nominee_is_emailed_once(
    allocation, lead, tasks_run_in_process, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nomination = nomination_create(
            nominator=lead, allocation_id=allocation.pk, email=" New.Person@Example.NHS.test "
        )

    assert (nomination.email, nomination.cohort, nomination.nominated_by) == (
        "new.person@example.nhs.test",
        allocation.cohort,
        lead,
    )
    assert [message.to for message in mail.outbox] == [["new.person@example.nhs.test"]]
    assert reverse("enrolment:nomination", args=[nomination.pk]) in mail.outbox[0].body
    assert send_nomination_email(nomination.pk) is False
    assert len(mail.outbox) == 1


def test_the_email_is_enqueued_through_the_outbox(allocation, lead):
    nomination_create(nominator=lead, allocation_id=allocation.pk, email="someone@example.nhs.test")

    assert OutboxMessage.objects.filter(task="enrolment.tasks.send_nomination_email").count() == 1


def test_nominating_beyond_the_allocation_is_refused(allocation, lead):
    NominationFactory.create_batch(2, allocation=allocation)

    with pytest.raises(NominationRefused, match="All 2 places of this allocation are already nominated"):
        nomination_create(nominator=lead, allocation_id=allocation.pk, email="third@example.nhs.test")

    assert allocation.nominations.count() == 2


def test_a_lapsed_nomination_frees_its_place_to_nominate_again(allocation, lead):
    NominationFactory(allocation=allocation)
    lapsed = NominationFactory(allocation=allocation)
    lapsed.application = Application.objects.create(
        applicant=UserFactory(),
        programme=allocation.cohort.programme,
        cohort=allocation.cohort,
        status=Status.WITHDRAWN,
    )
    lapsed.save()

    nomination_create(nominator=lead, allocation_id=allocation.pk, email="next@example.nhs.test")


def test_nominating_the_same_person_twice_is_refused(allocation, lead):
    nomination_create(nominator=lead, allocation_id=allocation.pk, email="twice@example.nhs.test")

    with pytest.raises(NominationRefused, match="already nominated"):
        nomination_create(nominator=lead, allocation_id=allocation.pk, email="TWICE@example.nhs.test")


def test_nominating_for_another_system_is_refused(allocation):
    other_lead = IcsLeadFactory().user

    with pytest.raises(EnrolmentError, match="another organisation or system"):
        nomination_create(nominator=other_lead, allocation_id=allocation.pk, email="x@example.nhs.test")

    assert not Nomination.objects.exists()


def test_nominating_someone_of_another_organisation_is_refused(cohort):
    organisation = OrganisationFactory()
    nominator = UserFactory()
    allocation = PlaceAllocationFactory(cohort=cohort, ics=None, organisation=organisation, nominator=nominator)
    elsewhere = StaffProfileFactory(organisation=OrganisationFactory()).user

    with pytest.raises(NominationRefused, match="nominate your own staff"):
        nomination_create(nominator=nominator, allocation_id=allocation.pk, email=elsewhere.email)

    own = StaffProfileFactory(organisation=organisation).user
    nomination_create(nominator=nominator, allocation_id=allocation.pk, email=own.email)


def test_the_nominee_takes_up_the_nomination_into_an_application_for_the_cohort(allocation):
    nomination = NominationFactory(allocation=allocation)
    nominee = StaffProfileFactory(user=UserFactory(email=nomination.email)).user

    application = nomination_take_up(nomination_id=nomination.pk, nominee=nominee)

    assert (application.status, application.cohort, application.nomination) == (
        Status.DRAFT,
        allocation.cohort,
        nomination,
    )


def test_only_the_nominee_can_take_up_a_nomination(allocation):
    nomination = NominationFactory(allocation=allocation)

    with pytest.raises(EnrolmentError, match="no such nomination"):
        nomination_take_up(nomination_id=nomination.pk, nominee=UserFactory())


def test_the_nominator_page_posts_a_nomination(client, allocation, lead):
    client.force_login(lead)

    response = client.post(
        reverse("enrolment:nominate", args=[allocation.pk]), {f"a{allocation.pk}-email": "posted@example.nhs.test"}
    )

    assert response.status_code == 302
    assert Nomination.objects.get().email == "posted@example.nhs.test"
    page = client.get(reverse("enrolment:nominations")).content.decode()
    assert "posted@example.nhs.test" in page
    assert "2 places for" in page and "1 nominated" in page


def test_the_page_refuses_beyond_the_allocation_on_the_field_and_changes_nothing(client, allocation, lead):
    NominationFactory.create_batch(2, allocation=allocation)
    client.force_login(lead)

    response = client.post(
        reverse("enrolment:nominate", args=[allocation.pk]), {f"a{allocation.pk}-email": "third@example.nhs.test"}
    )

    assert response.status_code == 200
    assert "All 2 places of this allocation are already nominated." in response.content.decode()
    assert "nhsuk-error-summary" in response.content.decode()
    assert Nomination.objects.count() == 2


def test_the_page_refuses_another_systems_allocation(client, allocation):
    client.force_login(IcsLeadFactory().user)

    response = client.post(
        reverse("enrolment:nominate", args=[allocation.pk]), {f"a{allocation.pk}-email": "x@example.nhs.test"}
    )

    assert response.status_code == 404
    assert not Nomination.objects.exists()


def test_the_nominee_page_starts_the_application(client, allocation):
    nomination = NominationFactory(allocation=allocation)
    nominee = StaffProfileFactory(user=UserFactory(email=nomination.email)).user
    client.force_login(nominee)

    assert client.get(reverse("enrolment:nomination", args=[nomination.pk])).status_code == 200
    response = client.post(reverse("enrolment:nomination", args=[nomination.pk]))

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.application.applicant == nominee


def test_the_academy_sees_who_nominated_an_application(client, allocation):
    nomination = NominationFactory(allocation=allocation)
    nominee = StaffProfileFactory(user=UserFactory(email=nomination.email)).user
    application = nomination_take_up(nomination_id=nomination.pk, nominee=nominee)
    Application.objects.filter(pk=application.pk).update(status=Status.UNDER_REVIEW)
    admin = AcademyAdminFactory(academy=allocation.cohort.academy).user
    client.force_login(admin)

    page = client.get(reverse("enrolment:academy_application", args=[application.pk])).content.decode()

    assert f"By {nomination.nominated_by.full_name}" in page
    assert f"allocated to {allocation.ics.name}" in page


def test_a_nominees_download_shows_the_nomination_and_erasure_keeps_its_place_under_an_erased_address(allocation):
    nomination = NominationFactory(allocation=allocation)
    nominee = UserFactory(email=nomination.email)

    assert [row["email"] for row in personal_data_export(user=nominee)["nominations_of_you"]] == [nomination.email]
    personal_data_erase(user=nominee)

    nomination.refresh_from_db()
    assert nomination.email == f"erased-{nominee.pk}@erased.invalid"
    assert allocation.nominations.live().count() == 1
