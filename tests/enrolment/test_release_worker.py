"""Release on a real Celery worker and Redis (issue 18 part 4): the beat task run twice moves the unused places to
the open pool once, and the waiting list gets its offers, each e-mailed once."""

import re

import pytest
from django.utils import timezone

from enrolment.models import Application, Status
from enrolment.tasks import release_allocations
from portal.models import AuditEntry, EmailDelivery
from tests.conftest import wait_until
from tests.enrolment.allocation_factories import PlaceAllocationFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory


def runs_finished(worker) -> int:
    return len(re.findall(r"enrolment\.tasks\.release_allocations\[[^\]]+\] succeeded", worker.log()))


@pytest.mark.django_db(transaction=True)
def test_the_release_task_run_twice_by_the_worker_moves_the_places_once_and_offers_once(celery_worker_process):
    cohort = CohortFactory(capacity=3)
    allocation = PlaceAllocationFactory(cohort=cohort, places=2, release_on=timezone.localdate())
    ApplicationFactory(cohort=cohort, accepted=True)  # the open pool's one place
    waiting = [ApplicationFactory(cohort=cohort, waitlisted=True) for _ in range(2)]
    offered = Application.objects.filter(pk__in=[w.pk for w in waiting], status=Status.OFFERED)
    emails = EmailDelivery.objects.filter(to__in=[w.applicant.email for w in waiting], sent_at__isnull=False)

    release_allocations.delay()
    wait_until(lambda: offered.count() == 2, timeout=60, message="both waiting offered")
    wait_until(lambda: emails.count() == 2, timeout=60, message="one offer e-mail each")
    release_allocations.delay()
    wait_until(lambda: runs_finished(celery_worker_process) == 2, timeout=60, message="the second run done")

    allocation.refresh_from_db()
    assert (allocation.places, allocation.released_places) == (0, 2)
    assert AuditEntry.objects.filter(summary__contains="released to the open pool").count() == 1
    assert offered.count() == 2
    assert sorted(emails.values_list("to", flat=True)) == sorted(w.applicant.email for w in waiting)
