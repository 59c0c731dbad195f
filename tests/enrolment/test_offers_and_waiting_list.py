from datetime import timedelta

import pytest
from django.utils import timezone

from enrolment.models import Application, EnrolmentError, Status
from enrolment.services.offers import OfferExpired, offer_accept, offer_decline, offers_expire_due
from enrolment.services.waiting_list import waiting_list_promote
from tests.enrolment.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory(capacity=1)


def test_accepting_an_offer_confirms_the_place(cohort):
    application = ApplicationFactory(cohort=cohort, offered=True)

    offer_accept(application_id=application.pk, applicant=application.applicant)

    assert Application.objects.get(pk=application.pk).status == Status.ACCEPTED


def test_an_offer_cannot_be_accepted_twice(cohort):
    application = ApplicationFactory(cohort=cohort, offered=True)
    offer_accept(application_id=application.pk, applicant=application.applicant)

    with pytest.raises(EnrolmentError):
        offer_accept(application_id=application.pk, applicant=application.applicant)

    assert Application.objects.get(pk=application.pk).events.count() == 1


def test_an_expired_offer_cannot_be_accepted(cohort):
    past = timezone.now() - timedelta(seconds=1)
    application = ApplicationFactory(cohort=cohort, offered=True, offer_expires_at=past)

    with pytest.raises(OfferExpired):
        offer_accept(application_id=application.pk, applicant=application.applicant)

    assert Application.objects.get(pk=application.pk).status == Status.OFFERED


@pytest.mark.usefixtures("tasks_run_in_process")
def test_declining_frees_the_place_for_the_waiting_list(cohort, django_capture_on_commit_callbacks):
    offered = ApplicationFactory(cohort=cohort, offered=True)
    waiting = ApplicationFactory(cohort=cohort, waitlisted=True)

    with django_capture_on_commit_callbacks(execute=True):
        offer_decline(application_id=offered.pk, applicant=offered.applicant)

    assert Application.objects.get(pk=offered.pk).status == Status.DECLINED
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert waiting.events.get().actor_label == "Waiting list"


@pytest.mark.usefixtures("tasks_run_in_process")
def test_overdue_offers_expire_and_the_next_in_line_is_offered(cohort, django_capture_on_commit_callbacks):
    overdue = ApplicationFactory(cohort=cohort, offered=True, offer_expires_at=timezone.now() - timedelta(minutes=1))
    waiting = ApplicationFactory(cohort=cohort, waitlisted=True)

    with django_capture_on_commit_callbacks(execute=True):
        assert offers_expire_due() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert offers_expire_due() == 0, "a second run finds nothing left to do"

    assert Application.objects.get(pk=overdue.pk).status == Status.OFFER_EXPIRED
    assert Application.objects.get(pk=waiting.pk).status == Status.OFFERED


def test_the_waiting_list_is_served_head_first_and_a_rerun_is_harmless():
    cohort = CohortFactory(capacity=2)
    now = timezone.now()
    third = ApplicationFactory(cohort=cohort, waitlisted=True, waitlisted_at=now - timedelta(hours=1))
    first = ApplicationFactory(cohort=cohort, waitlisted=True, waitlisted_at=now - timedelta(hours=3))
    second = ApplicationFactory(cohort=cohort, waitlisted=True, waitlisted_at=now - timedelta(hours=2))
    ApplicationFactory(cohort=cohort, accepted=True)

    assert waiting_list_promote(cohort_id=cohort.pk) == [first.pk]
    assert waiting_list_promote(cohort_id=cohort.pk) == []

    statuses = dict(Application.objects.filter(pk__in=[first.pk, second.pk, third.pk]).values_list("pk", "status"))
    assert statuses == {first.pk: Status.OFFERED, second.pk: Status.WAITLISTED, third.pk: Status.WAITLISTED}


def test_raising_capacity_offers_the_new_places(cohort):
    waiting = ApplicationFactory.create_batch(3, cohort=cohort, waitlisted=True)
    cohort.capacity = 3
    cohort.save()

    offered = waiting_list_promote(cohort_id=cohort.pk)

    assert sorted(offered) == sorted(a.pk for a in waiting)


def test_the_waiting_list_stops_once_the_cohort_has_started():
    started = CohortFactory(capacity=1, starts_in_days=0)
    waiting = ApplicationFactory(cohort=started, waitlisted=True)

    assert waiting_list_promote(cohort_id=started.pk) == []
    assert Application.objects.get(pk=waiting.pk).status == Status.WAITLISTED
