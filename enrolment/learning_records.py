"""What a learner holds once they learn: open-access enrolments (no cohort, no capacity) and the certificates of
completion anyone can verify. Re-exported by enrolment.models."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.presentation import Presented
from portal.transitions import Transitions
from programmes.models import Programme

from . import statuses


class Enrolment(Presented, Transitions, models.Model):
    """A learner on an open-access programme such as Edward Jenner: no cohort, no capacity."""

    Status = statuses.EnrolmentStatus
    PRESENTATION = statuses.ENROLMENT_PRESENTATION
    TRANSITIONS = {Status.IN_PROGRESS: {Status.COMPLETED}}

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    enrolled_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "programme"], name="enrolment_once_per_programme"),
        ]

    def __str__(self):
        return f"{self.learner} on {self.programme}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class Certificate(models.Model):
    """Proof of completion that anyone can verify at a public URL by its unguessable code."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    holder_name = models.CharField(max_length=150)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="certificates")
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, null=True, blank=True, related_name="certificate"
    )
    application = models.OneToOneField(
        "enrolment.Application", on_delete=models.CASCADE, null=True, blank=True, related_name="certificate"
    )
    cpd_hours = models.PositiveSmallIntegerField("CPD hours", null=True, blank=True)
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(enrolment__isnull=False) | Q(application__isnull=False),
                name="certificate_for_enrolment_or_application",
            ),
        ]

    def __str__(self):
        return f"Certificate {self.code} for {self.holder_name}"
