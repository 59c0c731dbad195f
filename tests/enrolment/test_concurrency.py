"""Capacity holds under real concurrency: threads with their own PostgreSQL connections race for places."""

import pytest
from django.db import connection

from enrolment.models import Application, EnrolmentError, Status
from enrolment.services.decisions import CohortFull, application_offer, application_waitlist
from enrolment.services.offers import offer_accept
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.conftest import run_at_once
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.support.locks import until_not_busy

THREADS = 50
CAPACITY = 10


@pytest.mark.django_db(transaction=True)
def test_fifty_applicants_decided_and_accepting_at_once_never_overbook_a_cohort_of_ten():
    assert connection.vendor == "postgresql"
    cohort = CohortFactory(capacity=CAPACITY, academy=AcademyFactory(local_partner=True))
    admin = AcademyAdminFactory(academy=cohort.academy).user
    applications = ApplicationFactory.create_batch(THREADS, cohort=cohort, under_review=True)
    refusals = []

    def decide_then_accept(application):
        """The academy offers (or, once full, waitlists) while the applicants accept their offers at once; a busy
        refusal (nothing changed) is asked again, so every other refusal is a real one."""
        try:
            until_not_busy(lambda: application_offer(application_id=application.pk, admin=admin))
        except CohortFull:
            until_not_busy(lambda: application_waitlist(application_id=application.pk, admin=admin))
            return
        try:
            until_not_busy(lambda: offer_accept(application_id=application.pk, applicant=application.applicant))
        except EnrolmentError as refused:
            refusals.append(refused)

    escaped = run_at_once(decide_then_accept, applications)

    assert escaped == []
    assert refusals == []
    statuses = list(Application.objects.filter(cohort=cohort).values_list("status", flat=True))
    assert statuses.count(Status.ACCEPTED) == CAPACITY
    assert statuses.count(Status.WAITLISTED) == THREADS - CAPACITY
    waiting = list(Application.objects.waitlisted_in(cohort).values_list("waitlisted_at", flat=True))
    assert waiting == sorted(waiting), "the waiting list is in the order applicants joined it"
    assert len(set(waiting)) == len(waiting)


@pytest.mark.django_db(transaction=True)
def test_offers_made_at_once_for_the_last_place_give_it_to_exactly_one():
    cohort = CohortFactory(capacity=1, academy=AcademyFactory(local_partner=True))
    admin = AcademyAdminFactory(academy=cohort.academy).user
    applications = ApplicationFactory.create_batch(20, cohort=cohort, under_review=True)
    full = []

    def offer(application):
        try:
            application_offer(application_id=application.pk, admin=admin)
        except CohortFull as refused:
            full.append(refused)

    assert run_at_once(offer, applications) == []
    assert Application.objects.filter(cohort=cohort, status=Status.OFFERED).count() == 1
    assert len(full) == 19
