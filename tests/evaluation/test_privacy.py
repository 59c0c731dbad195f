"""A person's feedback in their export, and what erasure leaves: their free text goes, their ratings stay anonymous."""

import pytest

from evaluation.models import FeedbackResponse
from portal.personal_data_registry import personal_data_registered
from tests.evaluation.factories import FeedbackResponseFactory

pytestmark = pytest.mark.django_db


def evaluation_data():
    (data,) = [entry for entry in personal_data_registered() if entry.app_label == "evaluation"]
    return data


def test_the_export_holds_the_persons_answers():
    response = FeedbackResponseFactory(comments="Loved the coaching.")
    FeedbackResponseFactory(comments="Someone else's")

    exported = evaluation_data().export(response.respondent)["feedback"]

    assert [entry["comments"] for entry in exported] == ["Loved the coaching."]
    assert exported[0]["rating_overall"] == 4


def test_erasure_removes_the_free_text_and_keeps_the_ratings_anonymous():
    response = FeedbackResponseFactory(comments="Loved the coaching.")
    other = FeedbackResponseFactory(comments="Someone else's")

    evaluation_data().erase(response.respondent)

    response.refresh_from_db()
    assert (response.respondent, response.comments, response.rating_overall) == (None, "", 4)
    assert FeedbackResponse.objects.get(pk=other.pk).comments == "Someone else's"
