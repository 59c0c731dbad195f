"""A cohort's timetable: its dated sessions, and who attended each. Imported by enrolment.models, so Django finds
them there as it does every model of the app."""

from django.db import models
from django.db.models import F, Q

from portal.validators import within_service_years


class CohortSession(models.Model):
    """One dated session of a cohort: a workshop, a tutor group, a residential."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", "Workshop"
        TUTOR_GROUP = "tutor_group", "Online tutor group"
        RESIDENTIAL = "residential", "Residential"
        OTHER = "other", "Other"

    cohort = models.ForeignKey("Cohort", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    starts_at = models.DateTimeField(validators=[within_service_years])
    ends_at = models.DateTimeField(validators=[within_service_years])
    venue = models.CharField(max_length=300, blank=True)
    is_online = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.cohort}: {self.title}"


class Attendance(models.Model):
    """Whether one learner attended one session; marked for the whole cohort at once."""

    session = models.ForeignKey(CohortSession, on_delete=models.CASCADE, related_name="attendance")
    application = models.ForeignKey("Application", on_delete=models.CASCADE, related_name="attendance")
    attended = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "application"], name="attendance_once")]

    def __str__(self):
        return f"{self.application_id} at {self.session_id}: {'attended' if self.attended else 'absent'}"
