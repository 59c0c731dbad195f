"""One transition mechanism: every model with a status table moves through portal.transitions, and an invalid
move raises the same InvalidTransition, which each app's views catch as one of their own refusals."""

import pytest

import coaching.models
import enrolment.models
from coaching.models import CoachingError, CoachingRequest, CoachProfile
from enrolment.models import Application, EnrolmentError
from portal.transitions import InvalidTransition, Transitions


@pytest.mark.parametrize("model", [Application, CoachProfile, CoachingRequest])
def test_each_model_with_a_status_table_moves_through_the_one_mechanism(model):
    assert issubclass(model, Transitions)
    assert "move_to" not in vars(model), "the model says what a move changes in moved(), not how it moves"
    assert model.TRANSITIONS


def test_the_apps_name_the_one_invalid_transition_and_catch_it_as_their_own_refusal():
    assert enrolment.models.InvalidTransition is coaching.models.InvalidTransition is InvalidTransition
    assert issubclass(InvalidTransition, EnrolmentError)
    assert issubclass(InvalidTransition, CoachingError)


def test_an_application_refused_a_move_says_what_it_is_and_why():
    with pytest.raises(InvalidTransition, match="This application is withdrawn, so it cannot become place offered"):
        Application(status=Application.Status.WITHDRAWN).move_to(Application.Status.OFFERED)
