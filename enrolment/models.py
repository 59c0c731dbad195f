"""Cohorts, applications to them, open-access enrolments and certificates.

An application's status changes only along Application.TRANSITIONS (portal.transitions), and only through
enrolment.services.
"""

import uuid
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from academies.models import Academy
from portal.ics_links import ics_link_check
from portal.models import IntegratedCareSystem, Organisation, Profession, Region, StaffProfile
from portal.presentation import Presented, day_text, moment_text
from portal.rules import RuleError
from portal.transitions import InvalidTransition as InvalidTransition  # re-exported: enrolment's name for it
from portal.transitions import Transitions
from portal.validators import within_service_years
from programmes.models import Programme

from . import statuses
from .allocations import Nomination as Nomination  # allocations of places and nominations, a module of their own
from .allocations import PlaceAllocation as PlaceAllocation
from .allocations import RingFenceDeclaration as RingFenceDeclaration
from .bursaries import BURSARY_MONEY_IN_RANGE, BursaryFields, CohortBursaries
from .funding import FEE_IN_RANGE, BudgetHolderFields, CohortFunding
from .interest import ProgrammeInterest as ProgrammeInterest  # "tell me when applications open", its own module
from .learning_records import Certificate as Certificate  # enrolments and certificates, in a module of their own
from .learning_records import Enrolment as Enrolment
from .statuses import ACTIVE, DECISION_OUTCOMES, NEEDS_COHORT, OPEN, PLACE_HOLDING, Status
from .statuses import EVER_OFFERED as EVER_OFFERED  # re-exported, as the other groups of statuses are
from .statuses import PARTICIPANTS as PARTICIPANTS
from .timetable import Attendance as Attendance  # the timetable's models, in a module of their own
from .timetable import CalendarFeed as CalendarFeed
from .timetable import CohortSession as CohortSession
from .timetable import SessionChange as SessionChange
from .venues import HeldSomewhere
from .webhooks import WebhookAttempt as WebhookAttempt  # an academy's webhooks, a module of their own
from .webhooks import WebhookDelivery as WebhookDelivery
from .webhooks import WebhookEndpoint as WebhookEndpoint

COHORT_NAME_TAKEN = "cohort_name_taken"


class CohortQuerySet(models.QuerySet):
    def upcoming(self, today):
        """Not cancelled, and starting today or later or still taking people who join late."""
        return self.filter(Q(starts_on__gte=today) | Q(joining_closes_on__gte=today)).exclude(
            status=Cohort.Status.CANCELLED
        )

    def joinable(self, today):
        """Whom people can still join on `today`: Cohort.is_joinable in SQL."""
        return self.filter(Q(starts_on__gt=today) | Q(joining_closes_on__gte=today))

    def open_for_applications(self, now):
        """Whose application window is open at `now`, unless cancelled or no longer joinable:
        Cohort.is_open_for_applications in SQL."""
        return (
            self.joinable(timezone.localdate(now))
            .filter(applications_open_at__lte=now, applications_close_at__gt=now)
            .exclude(status=Cohort.Status.CANCELLED)
        )

    def for_academy(self, academy):
        return self.filter(academy=academy)

    def with_places_held(self):
        """Annotates places_held (accepted places plus outstanding offers) in the same query."""
        return self.annotate(places_held=places_held_by_cohort())


class Cohort(Presented, Transitions, HeldSomewhere, CohortFunding, CohortBursaries, models.Model):
    Status = statuses.CohortStatus
    PRESENTATION = statuses.COHORT_PRESENTATION

    # What the stored status may become (portal.transitions); the same status is no change. Before the start,
    # dates edited by the academy may move it back; once running it can only finish or be cancelled; finished and
    # cancelled are final.
    TRANSITIONS = {
        Status.SCHEDULED: {Status.OPEN, Status.CLOSED, Status.RUNNING, Status.FINISHED, Status.CANCELLED},
        Status.OPEN: {Status.SCHEDULED, Status.CLOSED, Status.RUNNING, Status.FINISHED, Status.CANCELLED},
        Status.CLOSED: {Status.SCHEDULED, Status.OPEN, Status.RUNNING, Status.FINISHED, Status.CANCELLED},
        Status.RUNNING: {Status.FINISHED, Status.CANCELLED},
    }

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    academy = models.ForeignKey(Academy, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=200)
    starts_on = models.DateField(validators=[within_service_years])
    ends_on = models.DateField(validators=[within_service_years])
    venue = models.CharField(max_length=300, blank=True)
    is_online = models.BooleanField(default=False)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="cohorts", help_text="Where it runs."
    )
    ics = models.ForeignKey(
        IntegratedCareSystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cohorts",
        verbose_name="ICS",
        help_text="The system it is run for, if it is run for one.",
    )
    capacity = models.PositiveIntegerField()
    applications_open_at = models.DateTimeField(validators=[within_service_years])
    applications_close_at = models.DateTimeField(validators=[within_service_years])
    offer_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days an applicant has to accept an offer before it expires."
    )
    line_manager_support_required = models.BooleanField(
        default=False, help_text="The academy asks applicants' line managers to support them, whatever the programme."
    )
    joining_closes_on = models.DateField(
        "last day to join",
        validators=[within_service_years],
        null=True,
        blank=True,
        help_text="Only if people may still join after the start: the last day an application, offer or acceptance "
        "is taken. Leave empty to stop them when the cohort starts.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    cpd_hours = models.PositiveSmallIntegerField(
        "CPD hours", null=True, blank=True, help_text="Hours awarded to each learner who completes the cohort."
    )
    is_demo = models.BooleanField(default=False)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="cohort_ends_after_start"),
            models.CheckConstraint(
                condition=Q(applications_close_at__gt=F("applications_open_at")),
                name="cohort_window_closes_after_opening",
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="cohort_capacity_positive"),
            FEE_IN_RANGE,
            BURSARY_MONEY_IN_RANGE,
            models.UniqueConstraint(
                fields=["programme", "academy", "name"],
                name="cohort_unique_name",
                violation_error_code=COHORT_NAME_TAKEN,
                violation_error_message="Your academy already has a cohort of this programme with this name. "
                "Give this cohort a name of its own",
            ),
        ]

    def __str__(self):
        return f"{self.programme}: {self.name}"

    def clean(self):
        ics_link_check(record=self, ics=self.ics if self.ics_id else None, is_demo=self.is_demo)

    @property
    def places_left(self) -> int:
        """Needs with_places_held(); never negative, since the services never overbook."""
        return max(self.capacity - self.places_held, 0)

    @property
    def last_joining_day(self) -> date:
        """The last day anyone can apply, be offered a place or accept one: the day before the start, unless the
        academy set a later day to join by."""
        return self.joining_closes_on or self.starts_on - timedelta(days=1)

    @property
    def joining_ends_at(self) -> datetime:
        """The moment joining stops: midnight at the end of the last joining day."""
        return timezone.make_aware(datetime.combine(self.last_joining_day + timedelta(days=1), time.min))

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def is_joinable(self, now=None) -> bool:
        return timezone.localdate(now or timezone.now()) <= self.last_joining_day

    def is_open_for_applications(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status != self.Status.CANCELLED
            and self.is_joinable(now)
            and self.applications_open_at <= now < self.applications_close_at
        )

    def status_on(self, now) -> str:
        """The status the cohort's dates give at `now`; the schedule task moves the stored status to it."""
        today = timezone.localdate(now)
        if self.status == self.Status.CANCELLED:
            return self.status
        if today > self.ends_on:
            return self.Status.FINISHED
        if today >= self.starts_on:
            return self.Status.RUNNING
        if now >= self.applications_close_at:
            return self.Status.CLOSED
        if now >= self.applications_open_at:
            return self.Status.OPEN
        return self.Status.SCHEDULED


# A rule of applying or enrolling said no: the portal's RuleError, which InvalidTransition and RowBusy share.
EnrolmentError = RuleError


class ApplicationQuerySet(models.QuerySet):
    def for_applicant(self, user):
        return self.filter(applicant=user)

    def decidable(self):
        """Those an academy's decision can move now, as Application.TRANSITIONS says."""
        return self.filter(status__in=Application.DECIDABLE)

    def for_academy_admin(self, user):
        """Applications an academy admin may see: to their academies' cohorts, or to any cohort in a region
        where their academy runs that programme."""
        academies = Academy.objects.for_admin(user)
        runs_there = Cohort.objects.filter(
            academy__in=academies, programme=OuterRef("programme"), region=OuterRef("region")
        )
        return self.filter(Q(cohort__academy__in=academies) | Q(cohort__isnull=True) & Exists(runs_there)).exclude(
            status=Status.DRAFT
        )

    def waitlisted_in(self, cohort):
        return self.filter(cohort=cohort, status=Status.WAITLISTED).order_by("waitlisted_at", "pk")


class Application(Presented, Transitions, BudgetHolderFields, BursaryFields, models.Model):
    """A member of staff's application to a by-application programme, from draft to completion."""

    Status = Status
    PRESENTATION = statuses.APPLICATION_PRESENTATION
    TRANSITIONS = {
        Status.DRAFT: {Status.AWAITING_MANAGER, Status.UNDER_REVIEW, Status.WITHDRAWN, Status.COHORT_CANCELLED},
        Status.AWAITING_MANAGER: {
            Status.UNDER_REVIEW,
            Status.NOT_SUPPORTED,
            Status.WITHDRAWN,
            Status.COHORT_CANCELLED,
        },
        Status.UNDER_REVIEW: {
            Status.OFFERED,
            Status.WAITLISTED,
            Status.UNSUCCESSFUL,
            Status.WITHDRAWN,
            Status.COHORT_CANCELLED,
        },
        Status.WAITLISTED: {Status.OFFERED, Status.UNSUCCESSFUL, Status.WITHDRAWN, Status.COHORT_CANCELLED},
        Status.OFFERED: {
            Status.ACCEPTED,
            Status.DECLINED,
            Status.OFFER_EXPIRED,
            Status.WITHDRAWN,
            Status.COHORT_CANCELLED,
        },
        Status.ACCEPTED: {Status.COMPLETED, Status.DID_NOT_COMPLETE, Status.WITHDRAWN, Status.COHORT_CANCELLED},
    }

    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, null=True, blank=True, related_name="applications")
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        help_text="Set when the applicant will take any cohort in this region.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    profession = models.ForeignKey(
        Profession, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    grade = models.CharField("band or grade", max_length=20, choices=StaffProfile.Grade.choices, blank=True)
    job_title = models.CharField(max_length=150, blank=True)
    supporting_statement = models.TextField(max_length=3000, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    positive_action_declaration = models.BooleanField(default=False)
    line_manager_email = models.EmailField("line manager's e-mail address", blank=True)

    manager_link_nonce = models.UUIDField(default=uuid.uuid4, editable=False)
    manager_requested_at = models.DateTimeField(null=True, blank=True)
    manager_reminded_at = models.DateTimeField(null=True, blank=True)
    manager_responded_at = models.DateTimeField(null=True, blank=True)
    manager_comment = models.TextField(max_length=2000, blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(max_length=2000, blank=True)
    rejection_reasons = models.JSONField(default=list, blank=True, help_text="RejectionReason codes.")
    place_allocation = models.ForeignKey(
        "enrolment.PlaceAllocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="places_taken",
        editable=False,
        help_text="The allocation its place is charged to (set by the portal); none: the open pool.",
    )
    decision_due_on = models.DateField(
        null=True, blank=True, editable=False, help_text="When the academy should decide by (set by the portal)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The statuses from which an academy's decision can move it.
    DECIDABLE = frozenset(status for status, targets in TRANSITIONS.items() if targets & DECISION_OUTCOMES)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "programme"],
                condition=Q(status__in=ACTIVE),
                name="application_one_active_per_programme",
                violation_error_message="You already have an application to this programme.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=NEEDS_COHORT) | Q(cohort__isnull=False),
                name="application_place_needs_cohort",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.OFFERED) | Q(offer_expires_at__isnull=False),
                name="application_offer_has_deadline",
            ),
        ]
        indexes = [
            models.Index(fields=["cohort", "status"], name="application_cohort_status"),
            models.Index(fields=["status", "offer_expires_at"], name="application_offer_expiry"),
        ]

    def __str__(self):
        return f"{self.applicant} → {self.programme} ({self.get_status_display()})"

    def moved(
        self, from_status: str, *, actor=None, actor_label: str = "", reason: str = "", at: datetime | None = None
    ) -> "ApplicationEvent":
        """Stamps the move's times (statuses.MOVE_STAMPS) with `at`, by default now, saves it (Transitions.move_to)
        and records it in the history, which the applicant sees."""
        at = at or timezone.now()
        for field in statuses.MOVE_STAMPS.get((from_status, self.status), ()):
            setattr(self, field, at)
        self.full_clean()
        self.save()
        return ApplicationEvent.objects.create(
            application=self,
            actor=actor,
            actor_label=actor_label,
            from_status=from_status,
            to_status=self.status,
            reason=reason,
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_waitlisted(self) -> bool:
        return self.status == Status.WAITLISTED

    @property
    def awaits_answer_to_offer(self) -> bool:
        return self.status == Status.OFFERED

    @property
    def is_completed(self) -> bool:
        return self.status == Status.COMPLETED

    @property
    def holds_place(self) -> bool:
        """Offered a place, or holding one: their cohort's timetable is theirs."""
        return self.status in PLACE_HOLDING

    @property
    def rejection_reason_texts(self) -> list[str]:
        return [statuses.REJECTION_REASON_TEXT[code] for code in self.rejection_reasons]

    @property
    def is_decision_overdue(self) -> bool:
        return self.is_decidable and self.decision_due_on is not None and self.decision_due_on < timezone.localdate()

    @property
    def is_decidable(self) -> bool:
        """An academy's decision can move it now (ApplicationQuerySet.decidable, for one)."""
        return self.status in self.DECIDABLE

    @property
    def can_withdraw(self) -> bool:
        return self.can_move_to(Status.WITHDRAWN)

    def presentation_fields(self):
        return {
            "position": lambda: self.waiting_list_position,
            "deadline": lambda: moment_text(self.offer_expires_at),
            "starts": lambda: day_text(self.cohort.starts_on),
        }


def places_held_by_cohort() -> Coalesce:
    """The outer cohort's places held (accepted places plus outstanding offers), as an expression.

    A subquery per cohort, which the (cohort, status) index answers: joining the applications instead made
    PostgreSQL scan all of them (a million at national scale) to count the few cohorts asked for.
    """
    held = (
        Application.objects.filter(cohort=OuterRef("pk"), status__in=PLACE_HOLDING)
        .order_by()
        .values("cohort")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(held, output_field=models.IntegerField()), 0)


class ApplicationEvent(models.Model):
    """One change of an application's status: who, when, from, to and why. Shown to the applicant as a timeline."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=100, blank=True, help_text="Who acted when it was not a user.")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"

    @property
    def academy_label(self) -> str:
        """The status moved to, in the academy's words."""
        return Application.PRESENTATION[self.to_status].academy_label or self.get_to_status_display()


class ApplicationQuestion(models.Model):
    """A question a programme asks its applicants, beyond the supporting statement."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="questions")
    prompt = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    max_length = models.PositiveIntegerField(default=1000)
    required = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme", "position", "pk"]

    def __str__(self):
        return self.prompt
