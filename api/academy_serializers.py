"""What the academy API reads and writes. Input serializers refuse fields they do not know, so a typo is a 400
naming the field rather than something silently ignored."""

from rest_framework import serializers

from enrolment.models import Application
from enrolment.services.decisions import Decision
from enrolment.statuses import RejectionReason
from portal.models import StaffProfile


class StrictSerializer(serializers.Serializer):
    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": ["Send a JSON object."]})
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: ["This field is not known."] for name in unknown})
        return super().to_internal_value(data)


class ApplicantSerializer(serializers.Serializer):
    name = serializers.CharField(source="full_name")
    email = serializers.EmailField()


class ApplicationSerializer(serializers.ModelSerializer):
    applicant = ApplicantSerializer()
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.StringRelatedField(allow_null=True)
    grade = serializers.ChoiceField(choices=StaffProfile.Grade.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id", "status", "cohort", "programme", "applicant", "organisation", "job_title", "grade",
            "supporting_statement", "submitted_at", "offered_at", "offer_expires_at", "waitlisted_at",
            "rejection_reasons", "decision_reason", "updated_at",
        ]
        read_only_fields = fields


class ApplicationFilterSerializer(StrictSerializer):
    changed_since = serializers.DateTimeField(required=False, help_text="Only applications changed after this.")
    page = serializers.IntegerField(required=False, min_value=1)


class DecisionSerializer(StrictSerializer):
    decision = serializers.ChoiceField(choices=Decision.CHOICES)
    reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=RejectionReason.choices), required=False, default=list, max_length=10
    )
    reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)
