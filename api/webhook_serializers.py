"""What the academy API shows of webhook deliveries: each event sent to an endpoint, and every attempt with the
receiver's answer."""

from rest_framework import serializers

from enrolment.models import WebhookAttempt, WebhookDelivery

from .academy_serializers import StrictSerializer


class WebhookAttemptSerializer(serializers.ModelSerializer):
    succeeded = serializers.BooleanField(read_only=True, help_text="The receiver answered 2xx.")

    class Meta:
        model = WebhookAttempt
        fields = ["started_at", "status_code", "response_excerpt", "error", "duration_ms", "succeeded"]
        read_only_fields = fields


class WebhookDeliverySerializer(serializers.ModelSerializer):
    endpoint_url = serializers.URLField(source="endpoint.url", read_only=True)
    attempts = WebhookAttemptSerializer(many=True, read_only=True, help_text="Newest first.")

    class Meta:
        model = WebhookDelivery
        fields = [
            "id", "endpoint", "endpoint_url", "event_id", "event_type", "payload", "created_at", "due",
            "delivered_at", "attempts",
        ]
        read_only_fields = fields
        extra_kwargs = {"due": {"help_text": "Waiting to be sent (or sent again)."}}


class WebhookDeliveryFilterSerializer(StrictSerializer):
    endpoint = serializers.IntegerField(required=False, min_value=1, help_text="Only this endpoint's deliveries.")
    page = serializers.IntegerField(required=False, min_value=1)


class ResendSerializer(StrictSerializer):
    """A resend takes no fields: an empty JSON object, or no body."""
