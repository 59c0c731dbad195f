from datetime import timedelta

import pytest
from django.utils import timezone

from enrolment.models import Application, ApplicationEvent, Enrolment, InvalidTransition, Status
from tests.enrolment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
IN_A_WEEK = timezone.now() + timedelta(days=7)

ALLOWED = [(source, target) for source, targets in Application.TRANSITIONS.items() for target in sorted(targets)]
DISALLOWED = [
    (source, target)
    for source in Status.values
    for target in Status.values
    if target not in Application.TRANSITIONS.get(source, set())
]


@pytest.mark.parametrize(("source", "target"), DISALLOWED)
def test_every_disallowed_status_change_is_refused_and_changes_nothing(source, target):
    application = ApplicationFactory(status=source, offer_expires_at=IN_A_WEEK)

    with pytest.raises(InvalidTransition):
        application.move_to(target)

    application.refresh_from_db()
    assert application.status == source
    assert not ApplicationEvent.objects.filter(application=application).exists()


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_status_change_is_recorded_in_the_history(source, target):
    application = ApplicationFactory(status=source, offer_expires_at=IN_A_WEEK)

    event = application.move_to(target, actor_label="Test", reason="because")

    application.refresh_from_db()
    assert application.status == target
    assert (event.from_status, event.to_status, event.reason, event.actor_label) == (source, target, "because", "Test")


def test_terminal_states_allow_no_change():
    terminal = set(Status.values) - set(Application.TRANSITIONS)
    assert terminal == {
        Status.NOT_SUPPORTED,
        Status.DECLINED,
        Status.OFFER_EXPIRED,
        Status.UNSUCCESSFUL,
        Status.WITHDRAWN,
        Status.COMPLETED,
        Status.DID_NOT_COMPLETE,
        Status.COHORT_CANCELLED,
    }


def test_an_open_access_enrolment_moves_along_its_own_table_with_the_same_refusal():
    """Enrolments change status the one way the other records do (portal.transitions), not by a bare assignment."""
    enrolment = Enrolment(status=Enrolment.Status.IN_PROGRESS)

    enrolment.move_to(Enrolment.Status.COMPLETED)

    assert enrolment.status == Enrolment.Status.COMPLETED
    with pytest.raises(InvalidTransition, match="is completed, so it cannot become in progress"):
        enrolment.move_to(Enrolment.Status.IN_PROGRESS)
