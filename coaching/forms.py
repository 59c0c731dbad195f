"""What people type into the register. Forms check the shape of the input; services apply the rules."""

from typing import ClassVar

from django import forms

from academies.models import Academy
from portal.form_fields import DayMonthYearField, DemoLabelledChoiceField
from portal.form_messages import Form
from portal.models import Profession, Region
from programmes.models import CareerStage

from .models import MAX_MENTEES_LIMIT, REGISTER_ACADEMY_KINDS, CoachingRequest, CoachProfile, hlm_dimensions
from .services import CoachProfileDetails

MEETS_CHOICES = [("in_person", "In person"), ("online", "Online")]


def _checkboxes(queryset, label: str, required_message: str = "") -> forms.ModelMultipleChoiceField:
    """A checkbox group of rows; optional when there is no `required_message`."""
    return forms.ModelMultipleChoiceField(
        queryset=queryset,
        label=label,
        required=bool(required_message),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": required_message},
    )


class CoachProfileForm(Form):
    field_names: ClassVar = {
        "academy": "the academy that approves your profile",
        "offers": "what you offer",
        "qualification": "your qualification",
        "dimensions": "the dimensions you can help with",
        "professions": "the professions you work with",
        "career_stages": "the levels of leader you work with",
        "region": "your region",
        "meets": "how you can meet",
        "max_mentees": "the number of people you will take on at once",
    }

    academy = DemoLabelledChoiceField(
        queryset=Academy.objects.filter(kind__in=REGISTER_ACADEMY_KINDS),
        label="Academy that approves your profile",
        empty_label="Choose an academy",
        help_text="Your local or system leadership academy checks your profile before staff can find you.",
        error_messages={"required": "Choose the academy that approves your profile"},
    )
    offers = forms.MultipleChoiceField(
        choices=CoachingRequest.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        label="What do you offer?",
        error_messages={"required": "Choose coaching, mentoring or both"},
    )
    qualification = forms.CharField(
        max_length=200,
        label="Your coaching or mentoring qualification",
        help_text="The qualification your academy will check, and the body that awarded it.",
        error_messages={"required": "Enter your qualification"},
    )
    about = forms.CharField(
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="About you (optional)",
        help_text="Your experience, and how you like to work with people.",
    )
    dimensions = _checkboxes(
        hlm_dimensions(),
        "Which Healthcare Leadership Model dimensions can you help with?",
        "Choose at least one dimension",
    )
    professions = _checkboxes(Profession.objects.all(), "Which professions do you work with?", "Choose a profession")
    career_stages = _checkboxes(CareerStage.objects.all(), "Which levels of leader do you work with?", "Choose a level")
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(),
        label="Your region",
        empty_label="Choose your region",
        error_messages={"required": "Choose your region"},
    )
    meets = forms.MultipleChoiceField(
        choices=MEETS_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        label="How can you meet?",
        error_messages={"required": "Choose in person, online or both"},
    )
    max_mentees = forms.IntegerField(
        min_value=0,
        max_value=MAX_MENTEES_LIMIT,
        label="How many people will you take on at once?",
        help_text=f"From 0 to {MAX_MENTEES_LIMIT}. Choose 0 to stop new requests for now.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": "Enter how many people you will take on at once"},
    )

    @staticmethod
    def initial_for(profile: CoachProfile) -> dict:
        return {
            "academy": profile.academy,
            "offers": [kind for kind in CoachingRequest.Kind.values if getattr(profile, f"offers_{kind}")],
            "qualification": profile.qualification,
            "about": profile.about,
            "dimensions": list(profile.dimensions.all()),
            "professions": list(profile.professions.all()),
            "career_stages": list(profile.career_stages.all()),
            "region": profile.region,
            "meets": [value for value, _ in MEETS_CHOICES if getattr(profile, f"meets_{value}")],
            "max_mentees": profile.max_mentees,
        }

    def details(self) -> CoachProfileDetails:
        data = self.cleaned_data
        return CoachProfileDetails(
            academy=data["academy"],
            offers_coaching="coaching" in data["offers"],
            offers_mentoring="mentoring" in data["offers"],
            qualification=data["qualification"],
            about=data["about"],
            dimensions=list(data["dimensions"]),
            professions=list(data["professions"]),
            career_stages=list(data["career_stages"]),
            region=data["region"],
            meets_in_person="in_person" in data["meets"],
            meets_online="online" in data["meets"],
            max_mentees=data["max_mentees"],
        )


class CoachingRequestForm(Form):
    kind = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="What are you asking for?",
        error_messages={"required": "Choose coaching or mentoring", "invalid_choice": "Choose what this coach offers"},
    )
    message = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Your message",
        help_text="Say what you would like help with, and how and when you would like to meet. "
        "Your e-mail address is shared only if they accept.",
        error_messages={"required": "Write a message to the coach"},
    )

    def __init__(self, *args, coach: CoachProfile, **kwargs):
        super().__init__(*args, **kwargs)
        offered = [(kind, label) for kind, label in CoachingRequest.Kind.choices if getattr(coach, f"offers_{kind}")]
        self.fields["kind"].choices = offered
        if len(offered) == 1:
            self.fields["kind"].initial = offered[0][0]


class SessionLogForm(Form):
    held_on = DayMonthYearField(
        label="Date of the session",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date of the session"},
    )


class ProfileDecisionForm(Form):
    """The reason an academy gives; which button was pressed (`decision`) comes from the view."""

    field_names: ClassVar = {"reason": "the reason"}

    DECISIONS = ("approve", "reject")

    reason = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why not? (needed if you do not approve)",
        help_text="The coach sees this, so they can put their profile right.",
    )

    def __init__(self, *args, decision: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision

    def clean(self):
        cleaned = super().clean()
        if self.decision == "reject" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say why the profile is not approved, so the coach can put it right")
        return cleaned


class SuggestionForm(Form):
    """What the mentee wants, beyond their staff profile, to rank coaches by."""

    field_names: ClassVar = {
        "dimensions": "what you would like help with",
        "career_stage": "your level as a leader",
        "kind": "coaching or mentoring",
    }

    dimensions = _checkboxes(hlm_dimensions(), "What would you like help with?")
    career_stage = forms.ModelChoiceField(
        queryset=CareerStage.objects.all(),
        required=False,
        empty_label="Any level",
        label="Your level as a leader",
    )
    kind = forms.ChoiceField(
        choices=[("", "Either"), *CoachingRequest.Kind.choices],
        required=False,
        widget=forms.RadioSelect,
        label="Coaching or mentoring",
    )
