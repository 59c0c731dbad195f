"""What the academy API reads and writes of cohorts and their sessions. Input takes only the fields an academy
admin sets on the pages (enrolment.services.cohorts.COHORT_FIELDS, a session's own fields): anything the portal
sets itself (status, academy, places held, a session's version) is refused as unknown, like any typo."""

from django.db.models import QuerySet
from rest_framework import serializers

from academies.models import Academy
from enrolment.bursaries import BursaryKind
from enrolment.models import Cohort, CohortSession
from enrolment.selectors import programmes_deliverable_by
from enrolment.services.cohorts import COHORT_FIELDS
from portal.models import IntegratedCareSystem, Region
from programmes.models import Programme

from .academy_serializers import StrictSerializer

SESSION_FIELDS = ["title", "kind", "starts_at", "ends_at", "venue", "is_online", "joining_url"]


def _by_slug(queryset: QuerySet, unknown: str, **kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=queryset,
        error_messages={"does_not_exist": unknown, "invalid": "Give a slug, as text."},
        **kwargs,
    )


def _reference(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="slug", read_only=True, **kwargs)


class AcademySessionSerializer(serializers.ModelSerializer):
    joining_url = serializers.CharField(help_text="For a session held online: the link to join it, or empty.")

    class Meta:
        model = CohortSession
        fields = ["id", "cohort", *SESSION_FIELDS, "sequence", "updated_at"]
        read_only_fields = fields


class AcademyCohortSerializer(serializers.ModelSerializer):
    programme = _reference()
    region = _reference(allow_null=True)
    ics = _reference(allow_null=True)
    places_held = serializers.IntegerField(min_value=0, help_text="Places accepted or offered.")
    places_left = serializers.IntegerField(min_value=0)
    bursary_kind = serializers.ChoiceField(choices=BursaryKind.choices, allow_blank=True, help_text="Empty if none.")
    finance_email = serializers.CharField(help_text="Told of each bursary decision; empty if none.")

    class Meta:
        model = Cohort
        fields = ["id", "programme", "status", *COHORT_FIELDS, "places_held", "places_left", "is_demo"]
        read_only_fields = fields


class AcademyCohortDetailSerializer(AcademyCohortSerializer):
    sessions = AcademySessionSerializer(many=True)

    class Meta(AcademyCohortSerializer.Meta):
        fields = [*AcademyCohortSerializer.Meta.fields, "sessions"]
        read_only_fields = fields


class CohortChangeSerializer(StrictSerializer, serializers.ModelSerializer):
    """A change to a cohort: each field as on the page; the service then checks the whole, field by field."""

    region = _by_slug(Region.objects.all(), "There is no region with this slug.", allow_null=True, required=False)
    ics = _by_slug(
        IntegratedCareSystem.objects.all(), "There is no ICS with this slug.", allow_null=True, required=False
    )

    class Meta:
        model = Cohort
        fields = COHORT_FIELDS
        validators = []  # the service's cohort_validate names the field of any rule of the whole (a name taken)
        extra_kwargs = {"capacity": {"min_value": 1}}


class CohortCreateSerializer(CohortChangeSerializer):
    """A new cohort, of a programme the token's academy delivers (as the page's create form offers)."""

    programme = _by_slug(Programme.objects.none(), "Your academy does not run cohorts of a programme with this slug.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        academy = Academy.objects.filter(pk=self.context.get("academy_id"))
        self.fields["programme"].queryset = programmes_deliverable_by(academy)

    class Meta(CohortChangeSerializer.Meta):
        fields = ("programme", *COHORT_FIELDS)


class CohortCancelSerializer(StrictSerializer):
    reason = serializers.CharField(
        max_length=2000,
        help_text="Every applicant is told this.",
        error_messages={"required": "Give the reason for cancelling.", "blank": "Give the reason for cancelling."},
    )


class SessionChangeSerializer(StrictSerializer, serializers.ModelSerializer):
    class Meta:
        model = CohortSession
        fields = SESSION_FIELDS
        validators = []  # the service's session_validate names the field (a session ending before it starts)


class SessionPatternSerializer(StrictSerializer):
    """How often the cohort meets, as on the page's "Generate sessions": it replaces every session."""

    title = serializers.CharField(max_length=150, help_text='Numbered: "Workshop 1", "Workshop 2"...')
    kind = serializers.ChoiceField(choices=CohortSession.Kind.choices)
    every_weeks = serializers.IntegerField(min_value=1, max_value=26)
    starts_at = serializers.TimeField(help_text="The time each session starts, UK time.")
    hours = serializers.FloatField(min_value=0.5, max_value=12)
    venue = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)
    is_online = serializers.BooleanField(required=False, default=False)
    tutor_groups_every_weeks = serializers.IntegerField(
        min_value=1, max_value=26, required=False, allow_null=True, default=None,
        help_text="Online tutor groups on the weeks between, or none.",
    )


class PageQuerySerializer(StrictSerializer):
    """A list's query: only its page (Cohort keeps no time of change, so there is no changed_since)."""

    page = serializers.IntegerField(required=False, min_value=1)
