"""What evaluation holds about a person: their answers to feedback forms.

Erasure empties the free text they wrote and unlinks each answer from them: their ratings stay in the cohort's
averages, anonymous (a rating alone, among at least five, says nothing about who gave it). The invitations'
e-mails keep their keys, so the beat task still sends nothing again."""

from portal.personal_data_registry import PersonalData, fields_of

from .models import QUESTIONS
from .permissions import responses_of

FIELDS = [*QUESTIONS, "comments", "submitted_at"]


def _export(user) -> dict:
    responses = responses_of(user).select_related("cohort__programme")
    return {"feedback": [{**fields_of(response, FIELDS), "cohort": str(response.cohort)} for response in responses]}


def _erase(user) -> None:
    responses_of(user).update(comments="", respondent=None)


PERSONAL_DATA = PersonalData(
    app_label="evaluation",
    models=("evaluation.FeedbackResponse",),
    export=_export,
    erase=_erase,
)
