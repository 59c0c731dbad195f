"""The scale data set's applications move as the portal's do: each history follows Application.TRANSITIONS and each
move records what statuses.MOVE_STAMPS says, read from those tables, not from a copy of them."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from devdata.scale_histories import history
from devdata.scale_shape import OUTCOMES
from enrolment.models import Application, Status
from enrolment.statuses import MOVE_STAMPS

STAMPED = sorted({field for fields in MOVE_STAMPS.values() for field in fields})


@pytest.fixture
def fresh_histories():
    history.cache_clear()
    yield
    history.cache_clear()


def moves(path):
    return list(zip(path[:-1], path[1:], strict=True))


@pytest.mark.parametrize("status", sorted({status for weights in OUTCOMES.values() for status, _ in weights}))
def test_every_outcome_is_reached_from_a_draft_by_allowed_moves(status):
    path = history(status)

    assert (path[0], path[-1]) == (Status.DRAFT, status)
    assert path[1] in (Status.AWAITING_MANAGER, Status.UNDER_REVIEW)  # submitted first
    assert all(after in Application.TRANSITIONS[before] for before, after in moves(path))


def test_the_histories_follow_a_changed_transition_table(monkeypatch, fresh_histories):
    table = dict(Application.TRANSITIONS)
    table[Status.UNDER_REVIEW] = table[Status.UNDER_REVIEW] - {Status.UNSUCCESSFUL}
    monkeypatch.setattr(Application, "TRANSITIONS", table)

    assert history(Status.UNSUCCESSFUL) == (Status.DRAFT, Status.UNDER_REVIEW, Status.WAITLISTED, Status.UNSUCCESSFUL)
    with pytest.raises(ValueError, match="No submitted application can become draft:"):
        history(Status.DRAFT)


@pytest.mark.django_db
def test_each_scale_application_has_its_history_and_exactly_its_moves_stamps():
    options = {"staff": 50, "applications": 400, "programmes": 20, "cohorts": 40, "enrolments": 10}
    call_command("seed_scale", force=True, stdout=StringIO(), **options)

    applications = Application.objects.select_related("cohort").prefetch_related("events")
    assert applications.count() == 400
    for application in applications:
        path = history(application.status)
        assert [(event.from_status, event.to_status) for event in application.events.all()] == moves(path)
        times = [event.created_at for event in application.events.all()]
        assert application.cohort.applications_open_at <= times[0] and times[-1] <= timezone.now()
        stamped = zip(moves(path), times, strict=True)
        expected = {field: at for move, at in stamped for field in MOVE_STAMPS.get(move, ())}
        assert {field: getattr(application, field) for field in STAMPED if getattr(application, field)} == expected
    assert all(offer.offer_expires_at > timezone.now() for offer in applications.filter(status=Status.OFFERED))
