"""The feedback form: a rating from 1 to 5 for each question, and free text. The form checks the shape of the
input; evaluation.services applies the rules."""

from typing import ClassVar

from django import forms

from portal.form_messages import Form

from .models import QUESTIONS, RATINGS
from .services import Answers

RATING_CHOICES = [
    (value, f"{value}{' (poor)' if value == 1 else ' (excellent)' if value == 5 else ''}") for value in RATINGS
]


def _rating_field(question: str, about: str) -> forms.TypedChoiceField:
    message = f"Choose a rating from 1 to 5 for {about}"
    return forms.TypedChoiceField(
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label=question,
        error_messages={"required": message, "invalid_choice": message},
    )


class FeedbackForm(Form):
    field_names: ClassVar = {"comments": "your comments"}

    rating_overall = _rating_field(QUESTIONS["rating_overall"], "the programme overall")
    rating_content = _rating_field(QUESTIONS["rating_content"], "how useful it was")
    rating_facilitation = _rating_field(QUESTIONS["rating_facilitation"], "how well it was taught")
    rating_organisation = _rating_field(QUESTIONS["rating_organisation"], "how well it was organised")
    comments = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Anything else you would like to tell the academy? (optional)",
        help_text="The academy reads this with other participants' comments, once at least 5 people have answered.",
    )

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(ratings={name: data[name] for name in QUESTIONS}, comments=data["comments"])
