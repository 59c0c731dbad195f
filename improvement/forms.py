"""What participants and academies type about improvement projects. Forms check the shape of the input; services
apply the rules."""

from typing import ClassVar

from django import forms

from portal.form_fields import OneLineField
from portal.form_messages import Form
from portal.models import Organisation

from .models import ImprovementProject, improvement_methods
from .services import ProjectDetails

MAX_ORGANISATIONS = 20


class ProjectForm(Form):
    field_names: ClassVar = {
        "title": "the project's title",
        "aim": "the project's aim",
        "method": "the improvement method",
        "measure": "the measure",
        "baseline": "the baseline",
        "result": "the result",
        "teams": "the teams involved",
        "organisations": "the organisations involved",
    }

    title = OneLineField(max_length=200, label="Title of your project")
    aim = forms.CharField(
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Aim",
        help_text="What your project set out to improve, and for whom.",
    )
    method = forms.ModelChoiceField(
        queryset=improvement_methods(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Improvement method you used",
        help_text="The established improvement methods that ‘Developing People – Improving Care’ names.",
        error_messages={"required": "Choose the improvement method you used"},
    )
    measure = OneLineField(max_length=300, label="Measure", help_text="How you measure the improvement.")
    baseline = OneLineField(max_length=300, label="Baseline", help_text="The measure before the change.")
    result = OneLineField(
        max_length=300, required=False, label="Result (optional until you have one)", help_text="The measure after."
    )
    teams = OneLineField(max_length=500, required=False, label="Teams involved (optional)")
    organisations = OneLineField(
        max_length=300,
        required=False,
        label="Organisations involved (optional)",
        help_text="Their ODS codes, separated by commas, like RTK, A81001.",
    )

    @staticmethod
    def initial_for(project: ImprovementProject) -> dict:
        names = ["title", "aim", "method", "measure", "baseline", "result", "teams"]
        return {
            **{name: getattr(project, name) for name in names},
            "organisations": ", ".join(organisation.ods_code for organisation in project.organisations.all()),
        }

    def clean_organisations(self) -> list[Organisation]:
        codes = list(dict.fromkeys(code.strip().upper() for code in self.cleaned_data["organisations"].split(",")))
        codes = [code for code in codes if code]
        if len(codes) > MAX_ORGANISATIONS:
            raise forms.ValidationError(f"Enter no more than {MAX_ORGANISATIONS} organisations")
        found = {org.ods_code.upper(): org for org in Organisation.objects.choosable().filter(ods_code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(f"No open organisation has the ODS code {', '.join(unknown)}")
        return [found[code] for code in codes]

    def details(self) -> ProjectDetails:
        data = self.cleaned_data
        return ProjectDetails(**{name: data[name] for name in ProjectDetails.__dataclass_fields__})


class ConsentForm(Form):
    publish = forms.BooleanField(
        required=False,
        label="Show my project on the public showcase of improvement projects",
        help_text="You can change your mind at any time: the project comes off the showcase at once.",
    )
    show_name = forms.BooleanField(required=False, label="Show my name with it")


class ReviewForm(Form):
    """The academy's reason for returning a project; which button was pressed (`decision`) comes from the view."""

    field_names: ClassVar = {"reason": "what to change"}

    DECISIONS = ("approve", "return")

    reason = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What should the participant change? (needed to return it)",
        help_text="The participant sees this.",
    )

    def __init__(self, *args, decision: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision

    def clean(self):
        cleaned = super().clean()
        if self.decision == "return" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say what the participant should change, so they can put it right")
        return cleaned
