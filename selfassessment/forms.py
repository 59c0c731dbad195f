"""The self-assessment form: one question per dimension of the Healthcare Leadership Model, on the portal's own
four-point scale. The form checks the shape of the answers; selfassessment.services applies the rules."""

from django import forms

from portal.form_messages import Form

from .models import Score, model_dimensions

PREFIX = "dimension_"


class SelfAssessmentForm(Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = list(model_dimensions())
        for dimension in self.dimensions:
            self.fields[f"{PREFIX}{dimension.pk}"] = forms.TypedChoiceField(
                choices=[(score.value, f"{score.value} – {score.label}") for score in Score],
                coerce=int,
                widget=forms.RadioSelect,
                label=dimension.name,
                error_messages={
                    "required": f"Select how you rate yourself on {dimension.name}",
                    "invalid_choice": f"Choose a rating from 1 to 4 for {dimension.name}",
                },
            )
        self.write_messages()

    def scores(self) -> dict[int, int]:
        """The answers, keyed by dimension id."""
        return {dimension.pk: self.cleaned_data[f"{PREFIX}{dimension.pk}"] for dimension in self.dimensions}
