"""Follow-up after a programme: 6 and 12 months after a person completes a programme (their application completed,
enrolment.services.completion), a short e-mailed question on how their role has moved on since.

One FollowUp per completed application and point, whatever runs the beat task and however often: the unique
constraint is the key. Its link carries `link_nonce`, replaced once answered, so the same link then does nothing.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from enrolment.models import Application
from portal.models import StaffProfile
from portal.rules import RuleError

# A rule of follow-ups said no.
FollowUpError = RuleError


class FollowUp(models.Model):
    """The question asked of one person, about one completed programme, at one point after completing it."""

    class Point(models.IntegerChoices):
        SIX_MONTHS = 6, "6 months"
        TWELVE_MONTHS = 12, "12 months"

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        help_text="The completed place: whose programme, which completion.",
    )
    point = models.PositiveSmallIntegerField(choices=Point.choices, help_text="Months after completing.")
    completed_at = models.DateTimeField(help_text="When the programme was completed (its certificate's date).")
    link_nonce = models.UUIDField(default=uuid.uuid4, editable=False)
    asked_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    role_changed = models.BooleanField(null=True, blank=True)
    band = models.CharField("band or grade", max_length=20, choices=StaffProfile.Grade.choices, blank=True)
    new_responsibilities = models.BooleanField("new leadership responsibilities", null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = "follow-up"
        constraints = [
            models.UniqueConstraint(fields=["application", "point"], name="follow_up_once_per_completion_and_point"),
        ]

    def __str__(self):
        return f"{self.application_id}: {self.get_point_display()}"

    @property
    def closes_at(self):
        """Until when the link works and the person may change their answers."""
        return self.asked_at + timedelta(days=settings.FOLLOW_UP_LINK_DAYS)

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.closes_at

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
