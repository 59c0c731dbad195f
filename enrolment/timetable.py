"""A cohort's timetable: its dated sessions, who attended each, the changes learners are told of, and each
person's calendar subscription. Imported by enrolment.models, so Django finds them there as it does every model of
the app."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone

from portal.validators import within_service_years

from .venues import HeldSomewhere


class CohortSession(HeldSomewhere, models.Model):
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
    joining_url = models.URLField(
        "joining link", max_length=500, blank=True, help_text="For a session held online: the link to join it."
    )
    # How often its date, time or place has changed, and when it last changed: calendars keep the latest version.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.cohort}: {self.title}"

    @property
    def when_text(self) -> str:
        """When it is held, in UK time: Monday 2 March 2026, 09:30 to 15:30 (with the end's date if another day)."""
        starts, ends = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        end_format = "H:i" if starts.date() == ends.date() else "l j F Y, H:i"
        return f"{formats.date_format(starts, 'l j F Y, H:i')} to {formats.date_format(ends, end_format)}"

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    def when_and_where(self) -> tuple:
        """What a learner is told of when it changes."""
        return (self.starts_at, self.ends_at, self.venue, self.is_online, self.joining_url)


class SessionChange(models.Model):
    """A session moved (its date, time or place changed) or cancelled, or the whole timetable replaced: everyone
    holding a place is e-mailed once. It keeps what the e-mail says, since a cancelled session is deleted."""

    class Kind(models.TextChoices):
        MOVED = "moved", "Moved"
        CANCELLED = "cancelled", "Cancelled"
        REPLACED = "replaced", "Timetable replaced"

    cohort = models.ForeignKey("Cohort", on_delete=models.CASCADE, related_name="session_changes")
    session = models.ForeignKey(CohortSession, on_delete=models.SET_NULL, null=True, related_name="changes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    # Copied from the session by the portal, never typed.
    starts_at = models.DateTimeField(editable=False)
    ends_at = models.DateTimeField(editable=False)
    place = models.CharField(max_length=300, blank=True)
    joining_url = models.URLField(max_length=500, blank=True)
    previous_starts_at = models.DateTimeField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.title}: {self.get_kind_display()}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar subscription: its address carries the token; a reset gives a new token, and the
    old address then finds nothing."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    reset_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Calendar of {self.person_id}"


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
