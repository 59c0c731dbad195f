"""Statuses change only along the models' written tables; every other move raises InvalidTransition."""

import itertools

import pytest

from coaching.models import CoachingRequest, CoachProfile, InvalidTransition


def moves(model, *, allowed: bool):
    return [
        (model, current, target)
        for current, target in itertools.product(model.Status.values, repeat=2)
        if (target in model.TRANSITIONS.get(current, set())) == allowed
    ]


@pytest.mark.parametrize(
    ("model", "current", "target"), moves(CoachingRequest, allowed=False) + moves(CoachProfile, allowed=False)
)
def test_every_move_the_table_does_not_allow_is_refused_and_changes_nothing(model, current, target):
    record = model(status=current)

    with pytest.raises(InvalidTransition):
        record.move_to(target)

    assert record.status == current


@pytest.mark.parametrize(
    ("model", "current", "target"), moves(CoachingRequest, allowed=True) + moves(CoachProfile, allowed=True)
)
def test_every_move_the_table_allows_is_made(model, current, target):
    record = model(status=current)

    record.move_to(target)

    assert record.status == target


def test_the_request_table_is_the_lifecycle_of_the_issue():
    assert CoachingRequest.TRANSITIONS == {
        "requested": {"accepted", "declined", "withdrawn"},
        "accepted": {"closed"},
    }


def test_accepting_records_the_start_and_closing_the_end():
    coaching_request = CoachingRequest(status="requested")
    coaching_request.move_to("accepted")
    assert coaching_request.accepted_at is not None
    assert coaching_request.closed_at is None

    coaching_request.move_to("closed")
    assert coaching_request.closed_at >= coaching_request.accepted_at


def test_the_refusal_says_what_the_record_is_and_why():
    with pytest.raises(InvalidTransition, match="This coaching request is declined, so it cannot become active"):
        CoachingRequest(status="declined").move_to("accepted")
