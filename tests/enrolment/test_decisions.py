import pytest
from django.urls import reverse

from enrolment.models import Application, Cohort, EnrolmentError, Status
from enrolment.services.decisions import (
    CohortFull,
    Decision,
    application_offer,
    application_reject,
    application_waitlist,
    applications_decide,
)
from portal.models import OutboxMessage
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory(capacity=2, academy=AcademyFactory(local_partner=True))


@pytest.fixture
def admin(cohort):
    return AcademyAdminFactory(academy=cohort.academy).user


def test_an_offer_holds_a_place_until_the_cohorts_deadline(cohort, admin):
    cohort.offer_days = 3
    cohort.save()
    application = ApplicationFactory(cohort=cohort, under_review=True)

    application_offer(application_id=application.pk, admin=admin)

    application.refresh_from_db()
    assert application.status == Status.OFFERED
    assert (application.offer_expires_at - application.offered_at).days == 3


def test_no_offer_is_made_beyond_capacity(cohort, admin):
    ApplicationFactory.create_batch(2, cohort=cohort, accepted=True)
    application = ApplicationFactory(cohort=cohort, under_review=True)

    with pytest.raises(CohortFull):
        application_offer(application_id=application.pk, admin=admin)

    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW


def test_outstanding_offers_count_against_capacity(cohort, admin):
    ApplicationFactory(cohort=cohort, accepted=True)
    ApplicationFactory(cohort=cohort, offered=True)

    with pytest.raises(CohortFull):
        application_offer(application_id=ApplicationFactory(cohort=cohort, under_review=True).pk, admin=admin)


def test_the_waiting_list_is_for_when_places_have_run_out(cohort, admin):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    with pytest.raises(EnrolmentError):
        application_waitlist(application_id=application.pk, admin=admin)

    ApplicationFactory.create_batch(2, cohort=cohort, accepted=True)
    application_waitlist(application_id=application.pk, admin=admin)

    assert Application.objects.get(pk=application.pk).status == Status.WAITLISTED


def test_an_unsuccessful_decision_needs_a_reason(cohort, admin):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    with pytest.raises(EnrolmentError):
        application_reject(application_id=application.pk, admin=admin, reasons=[], reason="No")

    application_reject(
        application_id=application.pk,
        admin=admin,
        reasons=["criteria"],
        reason="The cohort is for first-level leaders.",
    )

    application.refresh_from_db()
    assert (application.status, application.decision_reason) == (
        Status.UNSUCCESSFUL,
        "The cohort is for first-level leaders.",
    )


def test_an_admin_of_another_academy_cannot_decide(cohort):
    outsider = AcademyAdminFactory(academy=AcademyFactory(local_partner=True)).user
    application = ApplicationFactory(cohort=cohort, under_review=True)

    with pytest.raises(EnrolmentError):
        application_offer(application_id=application.pk, admin=outsider)

    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW


def test_an_any_cohort_in_region_application_needs_a_cohort_of_the_admins_academy(cohort, admin):
    cohort.region = cohort.academy.region
    cohort.save()
    application = ApplicationFactory(cohort=None, programme=cohort.programme, region=cohort.region, under_review=True)
    with pytest.raises(EnrolmentError):
        application_offer(application_id=application.pk, admin=admin)

    application_offer(application_id=application.pk, admin=admin, cohort_id=cohort.pk)

    assert Application.objects.get(pk=application.pk).cohort == cohort


def test_bulk_decisions_offer_until_full_and_report_the_rest(cohort, admin):
    applications = ApplicationFactory.create_batch(3, cohort=cohort, under_review=True)

    result = applications_decide(application_ids=[a.pk for a in applications], admin=admin, decision=Decision.OFFER)

    assert len(result.done) == 2
    assert list(result.refused) == [applications[2].pk]
    assert "full" in result.refused[applications[2].pk]


def test_the_academy_decides_through_its_pages(client, cohort, admin, django_capture_on_commit_callbacks):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    client.force_login(admin)

    assert application.applicant.full_name in client.get(reverse("enrolment:academy_applications")).content.decode()
    url = reverse("enrolment:academy_application", args=[application.pk])
    with django_capture_on_commit_callbacks():
        response = client.post(url, {"decision": "offer"})

    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).status == Status.OFFERED
    # Each task goes through the outbox, published once the change commits; counting its rows leaves out
    # the other commit callbacks (the page cache's).
    assert OutboxMessage.objects.count() == 1, "the applicant is told"


def test_a_refused_decision_is_explained_and_changes_nothing(client, cohort, admin):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    client.force_login(admin)

    response = client.post(reverse("enrolment:academy_application", args=[application.pk]), {"decision": "waitlist"})

    assert response.status_code == 302
    assert "still has places" in client.get(response.url).content.decode()
    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW


def test_another_academys_application_is_a_404_for_an_admin(client, cohort):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    client.force_login(AcademyAdminFactory(academy=AcademyFactory(local_partner=True)).user)

    url = reverse("enrolment:academy_application", args=[application.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "offer"}).status_code == 404
    assert application.applicant.full_name not in client.get(reverse("enrolment:academy_applications")).content.decode()
    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW


def test_staff_who_are_not_academy_admins_cannot_open_the_decision_pages(client, cohort):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    client.force_login(application.applicant)

    assert client.get(reverse("enrolment:academy_applications")).status_code == 403
    assert client.get(reverse("enrolment:academy_application", args=[application.pk])).status_code == 403


@pytest.mark.parametrize("decide", [application_offer, application_waitlist])
def test_no_place_or_waiting_list_is_given_on_a_cancelled_cohort(cohort, admin, decide):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.CANCELLED)

    with pytest.raises(EnrolmentError, match="cancelled"):
        decide(application_id=application.pk, admin=admin)

    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW
