"""The rule of answering, asked of the service itself: a participant of an ended cohort, once."""

import pytest

from evaluation.models import EvaluationError, FeedbackResponse
from evaluation.services import Answers, feedback_response_create
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

ANSWERS = Answers(
    ratings={"rating_overall": 5, "rating_content": 4, "rating_facilitation": 4, "rating_organisation": 3},
    comments="  Good.  ",
)


def test_a_second_answer_is_refused_and_the_first_kept(participant, cohort):
    feedback_response_create(respondent=participant, cohort_id=cohort.pk, answers=ANSWERS)

    with pytest.raises(EvaluationError, match="already given"):
        feedback_response_create(respondent=participant, cohort_id=cohort.pk, answers=ANSWERS)

    assert FeedbackResponse.objects.get().comments == "Good."


def test_someone_who_did_not_take_part_or_a_missing_rating_is_refused(participant, cohort):
    with pytest.raises(EvaluationError, match="did not take part"):
        feedback_response_create(respondent=UserFactory(), cohort_id=cohort.pk, answers=ANSWERS)
    partial = Answers(ratings={"rating_overall": 5}, comments="")
    with pytest.raises(EvaluationError, match="every question"):
        feedback_response_create(respondent=participant, cohort_id=cohort.pk, answers=partial)

    assert not FeedbackResponse.objects.exists()
