"""The public catalogue as JSON: programmes with their facets and sources, academies, and upcoming cohorts with
their places left and sessions. Only what the models hold; demo records carry `is_demo` (the catalogue labels
them Demo). A session's joining link is for its learners and is left out."""

from rest_framework import serializers

from academies.models import Academy
from enrolment.models import Cohort, CohortSession
from portal.models import SourceDocument
from programmes.models import FrameworkElement, Programme


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = SourceDocument
        fields = ["code", "title"]


class NamedSerializer(serializers.Serializer):
    """A career stage, profession, region or integrated care system: its slug and name."""

    slug = serializers.SlugField()
    name = serializers.CharField()


class AcademyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Academy
        fields = ["slug", "name", "is_demo"]


class FrameworkElementSerializer(serializers.ModelSerializer):
    framework = serializers.SlugField(source="framework.slug")

    class Meta:
        model = FrameworkElement
        fields = ["framework", "slug", "name"]


class ProgrammeSerializer(serializers.ModelSerializer):
    provider = AcademyRefSerializer(allow_null=True)
    delivering_academies = AcademyRefSerializer(many=True)
    career_stages = NamedSerializer(many=True)
    professions = NamedSerializer(many=True)
    frameworks = FrameworkElementSerializer(many=True, source="development_areas")
    sources = SourceSerializer(many=True)
    open_now = serializers.BooleanField(help_text="Open for applications now, by real (not demo) cohorts.")
    open_now_demo = serializers.BooleanField(help_text="Only a demo cohort is open for applications.")
    next_start = serializers.DateField(allow_null=True, help_text="Next real cohort's start (today if open access).")
    next_demo_start = serializers.DateField(allow_null=True, help_text="The next demo cohort's start.")

    class Meta:
        model = Programme
        fields = [
            "slug", "title", "summary", "description", "provider", "partners", "delivering_academies",
            "career_stages", "audience", "open_to_all_professions", "professions", "format", "format_note",
            "duration_months", "duration_note", "cost", "cost_note", "cpd_hours", "cpd_note", "qualification",
            "access", "line_manager_support_required", "positive_action_note", "frameworks", "sources",
            "is_demo", "open_now", "open_now_demo", "next_start", "next_demo_start",
        ]


class AcademySerializer(serializers.ModelSerializer):
    parent = serializers.SlugField(source="parent.slug", allow_null=True, default=None)
    region = NamedSerializer(allow_null=True)
    ics = NamedSerializer(allow_null=True)
    sources = SourceSerializer(many=True)

    class Meta:
        model = Academy
        fields = ["slug", "name", "kind", "parent", "region", "ics", "summary", "description", "sources", "is_demo"]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CohortSession
        fields = ["title", "kind", "starts_at", "ends_at", "venue", "is_online"]


class ProgrammeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["slug", "title"]


class CohortSerializer(serializers.ModelSerializer):
    programme = ProgrammeRefSerializer()
    academy = AcademyRefSerializer()
    region = NamedSerializer(allow_null=True)
    ics = NamedSerializer(allow_null=True)
    places_left = serializers.IntegerField(min_value=0)
    sessions = SessionSerializer(many=True)

    class Meta:
        model = Cohort
        fields = [
            "id", "name", "programme", "academy", "starts_on", "ends_on", "venue", "is_online", "region", "ics",
            "capacity", "places_left", "applications_open_at", "applications_close_at", "joining_closes_on",
            "status", "cpd_hours", "sessions", "is_demo",
        ]

