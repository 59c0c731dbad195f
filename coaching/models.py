"""The coaching and mentoring register: coaches' profiles, mentees' requests and the relationships they start.

A profile and a request change status only along their TRANSITIONS tables (portal.transitions), and only through
coaching.services.
How many mentees a coach has is always counted from accepted requests, never stored, so it cannot drift.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from academies.models import Academy
from portal.models import Profession, Region
from portal.presentation import Presented
from portal.rules import RuleError
from portal.transitions import InvalidTransition as InvalidTransition  # re-exported: the register's name for it
from portal.transitions import Transitions
from portal.validators import within_service_years
from programmes.models import CareerStage, FrameworkElement

from . import statuses

HLM_FRAMEWORK_SLUG = "healthcare-leadership-model"
# Source 004: the local leadership academies run the register; system academies do the same for their system.
REGISTER_ACADEMY_KINDS = [Academy.Kind.LOCAL_DELIVERY_PARTNER, Academy.Kind.SYSTEM_ACADEMY]
MAX_MENTEES_LIMIT = 10


def hlm_dimensions():
    """The Healthcare Leadership Model's dimensions: what coaches say they help with."""
    return FrameworkElement.objects.filter(framework__slug=HLM_FRAMEWORK_SLUG)


# A rule of the register said no: the portal's RuleError, which InvalidTransition and RowBusy share.
CoachingError = RuleError


class CapacityReached(CoachingError):
    """The coach already has as many mentees as they said they would take."""


def active_mentee_count():
    """Accepted requests per coach as a subquery, so it joins nothing and cannot multiply other counts."""
    accepted = (
        CoachingRequest.objects.filter(coach=OuterRef("pk"), status=CoachingRequest.Status.ACCEPTED)
        .order_by()
        .values("coach")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(accepted), Value(0))


class CoachProfileQuerySet(models.QuerySet):
    def listed(self):
        """Profiles anyone signed in may find: those the academy has approved."""
        return self.filter(status=CoachProfile.Status.APPROVED)

    def with_active_mentees(self):
        return self.annotate(active_mentees=active_mentee_count())

    def with_room(self):
        return self.with_active_mentees().filter(active_mentees__lt=F("max_mentees"))


class CoachProfile(Presented, Transitions, models.Model):
    """A qualified coach or mentor offering their time through the register."""

    Status = statuses.CoachProfileStatus
    PRESENTATION = statuses.COACH_PROFILE_PRESENTATION

    TRANSITIONS = {
        Status.PENDING: {Status.APPROVED, Status.REJECTED},
        # A changed qualification, or a rejected profile put right, goes back to the academy.
        Status.APPROVED: {Status.PENDING},
        Status.REJECTED: {Status.PENDING},
    }

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_profile")
    academy = models.ForeignKey(
        Academy,
        on_delete=models.PROTECT,
        related_name="coach_profiles",
        help_text="The academy that approves the profile.",
    )
    offers_coaching = models.BooleanField(default=False)
    offers_mentoring = models.BooleanField(default=False)
    qualification = models.CharField(max_length=200)
    about = models.TextField(max_length=1500, blank=True)
    dimensions = models.ManyToManyField(
        FrameworkElement,
        related_name="coach_profiles",
        limit_choices_to={"framework__slug": HLM_FRAMEWORK_SLUG},
        help_text="Healthcare Leadership Model dimensions the coach can help with.",
    )
    professions = models.ManyToManyField(Profession, related_name="coach_profiles")
    career_stages = models.ManyToManyField(CareerStage, related_name="coach_profiles")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="coach_profiles")
    meets_in_person = models.BooleanField(default=False)
    meets_online = models.BooleanField(default=False)
    max_mentees = models.PositiveSmallIntegerField(
        "most people at once",
        validators=[MaxValueValidator(MAX_MENTEES_LIMIT)],
        help_text="0 stops new requests for now.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    decision_note = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    objects = CoachProfileQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "pk"]
        verbose_name = "coach profile"
        constraints = [
            models.CheckConstraint(
                condition=Q(offers_coaching=True) | Q(offers_mentoring=True), name="coach_offers_something"
            ),
            models.CheckConstraint(
                condition=Q(meets_in_person=True) | Q(meets_online=True), name="coach_meets_somehow"
            ),
            models.CheckConstraint(condition=Q(max_mentees__lte=MAX_MENTEES_LIMIT), name="coach_max_mentees_limit"),
        ]
        indexes = [models.Index(fields=["status", "region"])]

    def __str__(self):
        return f"{self.user.full_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("coaching:coach_detail", args=[self.pk])

    def moved(self, from_status: str, *, by=None, note: str = "") -> None:
        """Records who decided, when and why; the caller saves."""
        self.decision_note = note
        self.decided_by = by
        self.decided_at = timezone.now() if self.status != self.Status.PENDING else None

    @property
    def awaits_decision(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_rejected(self) -> bool:
        return self.status == self.Status.REJECTED

    @property
    def free_places(self) -> int:
        """Needs with_active_mentees()."""
        return max(self.max_mentees - self.active_mentees, 0)

    @property
    def offers_display(self) -> str:
        return _joined([("coaching", self.offers_coaching), ("mentoring", self.offers_mentoring)], " and ")

    @property
    def meets_display(self) -> str:
        return _joined([("in person", self.meets_in_person), ("online", self.meets_online)], " or ")


def _joined(options: list[tuple[str, bool]], joiner: str) -> str:
    return joiner.join(word for word, chosen in options if chosen).capitalize()


class CoachingRequest(Presented, Transitions, models.Model):
    """A mentee's request to a coach and, once accepted, the relationship it starts until either side closes it."""

    Status = statuses.CoachingRequestStatus
    PRESENTATION = statuses.COACHING_REQUEST_PRESENTATION

    class Kind(models.TextChoices):
        COACHING = "coaching", "Coaching"
        MENTORING = "mentoring", "Mentoring"

    TRANSITIONS = {
        Status.REQUESTED: {Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN},
        Status.ACCEPTED: {Status.CLOSED},
    }
    OPEN = [Status.REQUESTED, Status.ACCEPTED]
    # Contact details are shared from acceptance on, and stay shared after the relationship closes.
    CONTACT_SHARED = [Status.ACCEPTED, Status.CLOSED]

    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_requests")
    coach = models.ForeignKey(CoachProfile, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    message = models.TextField(max_length=1000)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField("started", null=True, blank=True)
    closed_at = models.DateTimeField("ended", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "coaching request"
        constraints = [
            models.UniqueConstraint(
                fields=["mentee", "coach"],
                condition=Q(status__in=["requested", "accepted"]),
                name="coaching_request_one_open_per_pair",
                violation_error_message="There is already an open request between this mentee and this coach.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["accepted", "closed"]) | Q(accepted_at__isnull=False),
                name="coaching_request_started_when_accepted",
            ),
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False) | Q(~Q(status="closed"), closed_at__isnull=True),
                name="coaching_request_ended_when_closed",
            ),
        ]
        indexes = [models.Index(fields=["coach", "status"])]

    def __str__(self):
        return f"{self.mentee} to {self.coach.user} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("coaching:request_detail", args=[self.pk])

    def moved(self, from_status: str, *, by=None) -> None:
        """Records when the request was answered, started or ended, and who ended it; the caller saves."""
        now = timezone.now()
        if self.status in (self.Status.ACCEPTED, self.Status.DECLINED):
            self.responded_at = now
        if self.status == self.Status.ACCEPTED:
            self.accepted_at = now
        if self.status == self.Status.CLOSED:
            self.closed_at = now
            self.closed_by = by

    @property
    def contact_shared(self) -> bool:
        return self.status in self.CONTACT_SHARED


class CoachingSession(models.Model):
    """A session held within a relationship, logged by either side; one per day, so both logging it counts once."""

    request = models.ForeignKey(CoachingRequest, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(validators=[within_service_years])
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "held_on"],
                name="coaching_session_one_per_day",
                violation_error_message="A session on this day is already logged.",
            )
        ]

    def __str__(self):
        return f"Session on {self.held_on:%d %B %Y}"
