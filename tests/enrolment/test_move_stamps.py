"""Each move of an application records the times statuses.MOVE_STAMPS gives it, at the moment of the move, and no
others: the services move applications by that one table, and devdata's scale data set dates its histories by it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application, Status
from enrolment.services.decisions import application_waitlist
from enrolment.services.manager_support import manager_link_token
from enrolment.statuses import MOVE_STAMPS
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db

STAMPED = sorted({field for fields in MOVE_STAMPS.values() for field in fields})
ALLOWED = [(source, target) for source, targets in Application.TRANSITIONS.items() for target in sorted(targets)]
AN_HOUR_AGO = timezone.now() - timedelta(hours=1)


def stamps(application: Application) -> dict:
    application.refresh_from_db()
    return {field: getattr(application, field) for field in STAMPED if getattr(application, field)}


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_move_stamps_what_the_table_says_with_its_time(source, target):
    application = ApplicationFactory(status=source, submitted_at=None, offer_expires_at=timezone.now())

    application.move_to(target, at=AN_HOUR_AGO)

    assert stamps(application) == dict.fromkeys(MOVE_STAMPS.get((source, target), ()), AN_HOUR_AGO)


def test_the_line_managers_answer_through_the_link_is_stamped(client):
    waiting = ApplicationFactory(status=Status.AWAITING_MANAGER, line_manager_email="manager@example.nhs.test")

    client.post(reverse("enrolment:manager_support", args=[manager_link_token(waiting)]), {"supported": "yes"})

    assert waiting.events.get().created_at - stamps(waiting)["manager_responded_at"] < timedelta(seconds=1)


def test_putting_on_the_waiting_list_is_stamped():
    cohort = CohortFactory(capacity=1, academy=AcademyFactory(local_partner=True))
    ApplicationFactory(cohort=cohort, accepted=True)
    application = ApplicationFactory(cohort=cohort, under_review=True)

    application_waitlist(application_id=application.pk, admin=AcademyAdminFactory(academy=cohort.academy).user)

    assert set(stamps(application)) == {"submitted_at", "waitlisted_at"}
