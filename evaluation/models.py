"""Evaluation: a participant's feedback on a cohort once it has ended, ratings from 1 to 5 and free text.

One answer per person and cohort, written only through evaluation.services. Its results are read only as counts
and averages over at least MIN_RESPONSES answers (evaluation.selectors); below that nothing of them is shown.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from enrolment.models import Cohort
from portal.rules import RuleError
from portal.small_numbers import SMALL_NUMBER

# Fewer answers than this and a cohort's (or a programme's) results are not shown: reporting's small number.
MIN_RESPONSES = SMALL_NUMBER
RATINGS = range(1, 6)
# The questions, each rated from 1 (poor) to 5 (excellent): field name -> the question as asked.
QUESTIONS = {
    "rating_overall": "Overall, how would you rate the programme?",
    "rating_content": "How useful was what you learned to your work?",
    "rating_facilitation": "How well was it taught and facilitated?",
    "rating_organisation": "How well was it organised?",
}

# A rule of evaluation said no.
EvaluationError = RuleError


def _rating(question: str):
    return models.PositiveSmallIntegerField(
        question, validators=[MinValueValidator(RATINGS.start), MaxValueValidator(RATINGS.stop - 1)]
    )


class FeedbackResponse(models.Model):
    """One participant's answer to the feedback form of a cohort they took part in."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="feedback_responses")
    # Erasure empties the person's free text and unlinks them: their ratings stay, anonymous, in the averages.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback_responses"
    )
    rating_overall = _rating(QUESTIONS["rating_overall"])
    rating_content = _rating(QUESTIONS["rating_content"])
    rating_facilitation = _rating(QUESTIONS["rating_facilitation"])
    rating_organisation = _rating(QUESTIONS["rating_organisation"])
    comments = models.TextField(max_length=2000, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "feedback response"
        constraints = [
            models.UniqueConstraint(fields=["cohort", "respondent"], name="feedback_once_per_person_and_cohort"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": RATINGS.start, f"{name}__lte": RATINGS.stop - 1}),
                    name=f"feedback_{name}_1_to_5",
                )
                for name in QUESTIONS
            ),
        ]

    def __str__(self):
        return f"Feedback on {self.cohort}"
