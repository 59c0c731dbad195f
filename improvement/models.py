"""Improvement projects: the change project a participant of a cohort leads as part of their programme.

A project changes status only along its TRANSITIONS table (portal.transitions), and only through
improvement.services. It is public only when its academy has approved it AND its participant has agreed to show it:
ImprovementProjectQuerySet.public() is that rule, and every public read goes through it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application
from portal.models import IntegratedCareSystem, Organisation
from portal.presentation import Presented
from portal.rules import RuleError
from portal.transitions import Transitions
from programmes.models import FrameworkElement

from . import statuses

METHODS_FRAMEWORK_SLUG = "improvement-methods"

# A rule of improvement projects said no.
ImprovementError = RuleError


def improvement_methods():
    """The improvement methods 'Developing People – Improving Care' names: the only methods a project may use."""
    return FrameworkElement.objects.filter(framework__slug=METHODS_FRAMEWORK_SLUG)


class ImprovementProjectQuerySet(models.QuerySet):
    def public(self):
        """Projects anyone may see: approved by the academy and agreed to by the participant, never otherwise."""
        return self.filter(status=ImprovementProject.Status.APPROVED, publish_consent=True)

    def for_list(self):
        return self.select_related(
            "method", "ics", "application__programme", "application__applicant", "application__cohort__academy"
        ).prefetch_related("organisations")


class ImprovementProject(Presented, Transitions, models.Model):
    """One participant's change project on their place in a cohort."""

    Status = statuses.ProjectStatus
    PRESENTATION = statuses.PROJECT_PRESENTATION

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.APPROVED, Status.RETURNED},
        Status.RETURNED: {Status.SUBMITTED},
        # Withdrawing takes an approved project off the showcase for good.
        Status.APPROVED: {Status.WITHDRAWN},
    }
    EDITABLE = [Status.DRAFT, Status.RETURNED]

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="improvement_project",
        help_text="The participant's place in a cohort: who leads the project, on which programme.",
    )
    title = models.CharField(max_length=200)
    aim = models.TextField(max_length=1500, help_text="What the project set out to improve, and for whom.")
    method = models.ForeignKey(
        FrameworkElement,
        on_delete=models.PROTECT,
        related_name="improvement_projects",
        limit_choices_to={"framework__slug": METHODS_FRAMEWORK_SLUG},
        verbose_name="improvement method",
    )
    measure = models.CharField(max_length=300, help_text="How the improvement is measured.")
    baseline = models.CharField(max_length=300, help_text="The measure before the change.")
    result = models.CharField(max_length=300, blank=True, help_text="The measure after the change.")
    teams = models.CharField(max_length=500, blank=True, help_text="The teams involved, in the participant's words.")
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="improvement_projects")
    ics = models.ForeignKey(
        IntegratedCareSystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="improvement_projects",
        verbose_name="ICS",
        help_text="The system the project belongs to: the cohort's, or else the participant's organisation's.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_consent = models.BooleanField(
        "agreed to publish", default=False, help_text="The participant agrees to show the project on the showcase."
    )
    show_name = models.BooleanField(
        default=False, help_text="The participant agrees to show their name with the published project."
    )
    review_note = models.CharField(max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    objects = ImprovementProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        verbose_name = "improvement project"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(reviewed_at__isnull=False),
                name="improvement_project_reviewed_when_approved",
            ),
        ]
        indexes = [models.Index(fields=["status", "publish_consent"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("improvement:project_detail", args=[self.pk])

    def presentation_fields(self):
        return {"review_note": lambda: self.review_note}

    def moved(self, from_status: str, *, by=None, note: str = "") -> None:
        """Records when it was sent and who reviewed it, when and why; the caller saves."""
        now = timezone.now()
        if self.status == self.Status.SUBMITTED:
            self.submitted_at = now
        if from_status == self.Status.SUBMITTED:
            self.reviewed_by, self.reviewed_at, self.review_note = by, now, note

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def awaits_review(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED and self.publish_consent

    @property
    def participant_name(self) -> str:
        """The name the showcase shows: the participant's only if they chose so."""
        return self.application.applicant.full_name if self.show_name else ""
