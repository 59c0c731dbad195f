"""Webhooks: an academy's HTTPS endpoints, the events each wants, and every delivery of an event to one, with each
attempt (enrolment.services.webhooks records them; enrolment.webhook_sender posts them)."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from academies.models import Academy

RESPONSE_EXCERPT_LENGTH = 500


class WebhookEvent(models.TextChoices):
    APPLICATION_SUBMITTED = "application.submitted", "Application submitted"
    APPLICATION_DECIDED = "application.decided", "Application decided (offer, waiting list or unsuccessful)"
    OFFER_ACCEPTED = "application.offer_accepted", "Offer accepted"
    OFFER_DECLINED = "application.offer_declined", "Offer declined"
    APPLICATION_WITHDRAWN = "application.withdrawn", "Application withdrawn"
    COHORT_CHANGED = "cohort.changed", "Cohort changed or cancelled"


def webhook_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


class WebhookEndpoint(models.Model):
    academy = models.ForeignKey(Academy, on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(max_length=500)
    # The WebhookEvent values wanted; JSON so the embedded SQLite default works too (the services check each value).
    events = models.JSONField(default=list)
    secret = models.CharField(max_length=80, default=webhook_secret, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["academy", "pk"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint. `event_id` is the same on every attempt, so the receiver can de-duplicate;
    `due` is set when the event happens and when an admin asks to send it again, and cleared once delivered."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    event_type = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    due = models.BooleanField(default=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["endpoint", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    started_at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.CharField(max_length=RESPONSE_EXCERPT_LENGTH, blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M:%S} {self.status_code or self.error}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
