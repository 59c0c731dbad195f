"""Academies: the national academy, its local delivery partners, system academies and other providers."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.ics_links import ics_link_check
from portal.models import IntegratedCareSystem, Region, SourceDocument


class AcademyQuerySet(models.QuerySet):
    def for_admin(self, user):
        return self.filter(admins__user=user)


class Academy(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", "National academy"
        LOCAL_DELIVERY_PARTNER = "local_delivery_partner", "Local leadership academy"
        SYSTEM_ACADEMY = "system_academy", "System academy"
        OTHER_PROVIDER = "other_provider", "Other provider"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partners",
        help_text="The national academy a local delivery partner works for.",
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="academies")
    ics = models.ForeignKey(
        IntegratedCareSystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="academies",
        verbose_name="ICS",
    )
    summary = models.TextField(blank=True)
    description = models.TextField(blank=True)
    sources = models.ManyToManyField(SourceDocument, blank=True, related_name="academies")
    is_demo = models.BooleanField(default=False)

    objects = AcademyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "academies"

    def __str__(self):
        return self.name

    def clean(self):
        ics_link_check(record=self, ics=self.ics if self.ics_id else None, is_demo=self.is_demo)


class AcademyAdmin(models.Model):
    """Makes a user an administrator of one academy's cohorts and applicants."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="academy_admin_roles")
    academy = models.ForeignKey(Academy, on_delete=models.CASCADE, related_name="admins")

    class Meta:
        constraints = [models.UniqueConstraint(
                fields=["user", "academy"],
                name="academy_admin_unique",
                violation_error_message="This person is already an admin of this academy.",
            )]

    def __str__(self):
        return f"{self.user} runs {self.academy}"


class AcademyInvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class AcademyInvitation(models.Model):
    """An academy admin's invitation to a colleague, by e-mail, to co-administer the academy. The e-mailed link
    signs its id; it works until `expires_at`, once, for the person signed in with this e-mail address."""

    academy = models.ForeignKey(Academy, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AcademyInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Invitation to {self.academy}"
