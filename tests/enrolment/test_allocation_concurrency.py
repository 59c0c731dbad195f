"""Done when of issue 18: 100 nominations and offers to self-applications and nominees at once, against
allocations of 3 places per ICS and an open pool, on real PostgreSQL: no allocation is overspent, in places or in
nominations, and the ledger balances."""

import pytest
from django.db import connection

from enrolment.allocation_selectors import cohort_ledger
from enrolment.models import PLACE_HOLDING, Application, Nomination
from enrolment.services.decisions import CohortFull, application_offer
from enrolment.services.nominations import NominationRefused, nomination_create
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.conftest import run_at_once
from tests.enrolment.allocation_factories import NominationFactory, PlaceAllocationFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import IcsLeadFactory
from tests.support.locks import until_not_busy

PER_ICS = 3
OPEN_POOL = 15
SYSTEMS = 10  # five whose nominees are offered places at once, five whose leads nominate at once



@pytest.mark.django_db(transaction=True)
def test_a_hundred_nominations_and_offers_at_once_overspend_no_allocation_and_the_ledger_balances():
    assert connection.vendor == "postgresql"
    cohort = CohortFactory(capacity=SYSTEMS * PER_ICS + OPEN_POOL, academy=AcademyFactory(local_partner=True))
    admin = AcademyAdminFactory(academy=cohort.academy).user
    allocations = PlaceAllocationFactory.create_batch(SYSTEMS, cohort=cohort, places=PER_ICS)
    offered, nominating = allocations[:5], allocations[5:]
    work = []
    for allocation in offered:  # five nominees each, for three places
        for _ in range(5):
            application = ApplicationFactory(cohort=cohort, under_review=True)
            NominationFactory(allocation=allocation, application=application, email=application.applicant.email)
            work.append(("offer", application.pk))
    for allocation in nominating:  # eight nominations each, for three places
        lead = IcsLeadFactory(ics=allocation.ics).user
        work += [("nominate", (lead, allocation.pk, f"n{n}.{allocation.pk}@example.nhs.test")) for n in range(8)]
    for application in ApplicationFactory.create_batch(100 - len(work), cohort=cohort, under_review=True):
        work.append(("offer", application.pk))  # self-applications, for the open pool of 15
    refused = []

    def act(item):
        kind, argument = item
        try:
            if kind == "offer":
                until_not_busy(lambda: application_offer(application_id=argument, admin=admin))
            else:
                lead, allocation_id, email = argument
                until_not_busy(lambda: nomination_create(nominator=lead, allocation_id=allocation_id, email=email))
        except (CohortFull, NominationRefused) as refusal:
            refused.append(refusal)

    assert len(work) == 100
    escaped = run_at_once(act, work, timeout=300)

    assert escaped == []
    held = Application.objects.filter(cohort=cohort, status__in=PLACE_HOLDING)
    for allocation in offered:
        assert held.filter(place_allocation=allocation).count() == PER_ICS
    for allocation in nominating:
        assert Nomination.objects.filter(allocation=allocation).count() == PER_ICS
    assert held.filter(place_allocation__isnull=True).count() == OPEN_POOL
    ledger = cohort_ledger(cohort)
    assert (ledger.allocated, ledger.open_places, ledger.open_taken) == (SYSTEMS * PER_ICS, OPEN_POOL, OPEN_POOL)
    assert ledger.allocated + ledger.open_places == cohort.capacity
    assert [allocation.taken for allocation in ledger.allocations] == [PER_ICS] * 5 + [0] * 5
    assert held.count() == 5 * PER_ICS + OPEN_POOL
    assert len(refused) == 5 * 2 + 5 * 5 + (100 - 25 - 40 - OPEN_POOL)
