"""The schedule on a real Celery worker and Redis: an offer expires and the waiting list moves by itself."""

from datetime import timedelta

import pytest
from django.utils import timezone

from enrolment.models import Application, Status
from enrolment.tasks import expire_offers
from portal.models import EmailDelivery
from tests.conftest import wait_until
from tests.enrolment.factories import ApplicationFactory, CohortFactory


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_expires_an_offer_and_offers_the_place_to_the_next_in_line(celery_worker_process):
    cohort = CohortFactory(capacity=1)
    past = timezone.now() - timedelta(minutes=1)
    overdue = ApplicationFactory(cohort=cohort, offered=True, offer_expires_at=past)
    waiting = ApplicationFactory(cohort=cohort, waitlisted=True)

    expire_offers.delay()

    wait_until(lambda: Application.objects.get(pk=waiting.pk).status == Status.OFFERED, message="the next offered")
    assert Application.objects.get(pk=overdue.pk).status == Status.OFFER_EXPIRED
    wait_until(
        lambda: EmailDelivery.objects.filter(sent_at__isnull=False).count() == 2,
        message="one e-mail for the expiry and one for the new offer",
    )
    log = celery_worker_process.log()
    assert "enrolment.tasks.expire_offers" in log
    assert "enrolment.tasks.promote_waiting_list" in log
