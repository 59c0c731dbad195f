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


class AcademyApiTokenQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class AcademyApiToken(models.Model):
    """A key an academy's own system uses for the academy API (api/), created by one of its admins and shown once:
    only the first characters (`prefix`, to find it) and the SHA-256 of the whole are kept."""

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        READ_WRITE = "read-write", "Read and write"

    academy = models.ForeignKey(Academy, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60, help_text="What uses it, for example the academy's HR system.")
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.READ)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = AcademyApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "academy API token"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def label(self) -> str:
        """Who acted, in the audit log."""
        return f"API token {self.name} ({self.prefix})"[:100]

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        return "Expired" if self.expires_at <= timezone.now() else "Active"

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE
