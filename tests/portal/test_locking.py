"""One lock helper for every app: only inside a transaction, and never waiting longer than LOCK_TIMEOUT_MS."""


import pytest
from django.db.transaction import TransactionManagementError

from coaching import services as coaching
from enrolment.models import Cohort, EnrolmentError
from enrolment.services.cohorts import cohort_update
from portal.locking import RowBusy, lock_row
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory
from tests.enrolment.factories import CohortFactory
from tests.support.locks import HeldLock


@pytest.mark.django_db(transaction=True)
def test_a_lock_outside_a_transaction_is_refused_as_a_mistake_in_the_code():
    cohort = CohortFactory()

    with pytest.raises(TransactionManagementError, match=r"must run inside transaction\.atomic"):
        lock_row(Cohort.objects, pk=cohort.pk)


@pytest.mark.django_db
def test_a_lock_returns_the_row_or_none_when_the_query_has_no_such_row():
    cohort = CohortFactory()

    assert lock_row(Cohort.objects, pk=cohort.pk) == cohort
    assert lock_row(Cohort.objects.exclude(pk=cohort.pk), pk=cohort.pk) is None


@pytest.mark.django_db(transaction=True)
def test_the_coach_register_waits_no_longer_than_the_lock_timeout(settings):
    settings.LOCK_TIMEOUT_MS = 200
    coach = CoachProfileFactory()
    waiting = CoachingRequestFactory(coach=coach)

    with HeldLock(type(coach), coach.pk), pytest.raises(RowBusy) as refused:
        coaching.coaching_request_accept(request_id=waiting.pk, coach_user=coach.user)

    assert str(refused.value) == "Many people are using this coach profile at the moment. Try again in a few seconds."
    assert isinstance(refused.value, coaching.CoachingError), "coaching's views catch it as one of their refusals"
    waiting.refresh_from_db()
    assert waiting.status == "requested"


@pytest.mark.django_db(transaction=True)
def test_enrolment_waits_no_longer_than_the_same_lock_timeout(settings):
    settings.LOCK_TIMEOUT_MS = 200
    cohort = CohortFactory(capacity=20, academy=AcademyFactory(local_partner=True))
    admin = AcademyAdminFactory(academy=cohort.academy).user

    with HeldLock(Cohort, cohort.pk), pytest.raises(EnrolmentError, match="Many people are using this cohort"):
        cohort_update(admin=admin, cohort_id=cohort.pk, capacity=30)

    cohort.refresh_from_db()
    assert cohort.capacity == 20
