"""The coach's capacity holds under real concurrency: threads on their own PostgreSQL connections accept at once."""

import pytest
from django.db import connection

from coaching import services
from coaching.models import CapacityReached, CoachingRequest
from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory
from tests.conftest import run_at_once

THREADS = 5


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("max_mentees", "already_active"), [(1, 0), (3, 2)])
def test_five_acceptances_at_once_for_the_last_free_place_accept_exactly_one(max_mentees, already_active):
    assert connection.vendor == "postgresql"
    coach = CoachProfileFactory(max_mentees=max_mentees)
    CoachingRequestFactory.create_batch(already_active, coach=coach, accepted=True)
    waiting = CoachingRequestFactory.create_batch(THREADS, coach=coach)
    refused = []

    def accept(coaching_request):
        try:
            services.coaching_request_accept(request_id=coaching_request.pk, coach_user=coach.user)
        except CapacityReached as error:
            refused.append(str(error))

    escaped = run_at_once(accept, waiting)

    assert escaped == []
    assert CoachingRequest.objects.filter(coach=coach, status="accepted").count() == max_mentees
    assert CoachingRequest.objects.filter(pk__in=[r.pk for r in waiting], status="requested").count() == THREADS - 1
    assert len(refused) == THREADS - 1
    assert all("you cannot accept another" in message for message in refused)


@pytest.mark.django_db(transaction=True)
def test_the_same_request_accepted_twice_at_once_is_accepted_once():
    coach = CoachProfileFactory(max_mentees=5)
    coaching_request = CoachingRequestFactory(coach=coach)
    refused = []

    def accept(_):
        try:
            services.coaching_request_accept(request_id=coaching_request.pk, coach_user=coach.user)
        except services.CoachingError as error:
            refused.append(str(error))

    escaped = run_at_once(accept, range(THREADS))

    assert escaped == []
    assert len(refused) == THREADS - 1
    assert all("is active, so it cannot become active" in message for message in refused)
    coaching_request.refresh_from_db()
    assert coaching_request.status == "accepted"
