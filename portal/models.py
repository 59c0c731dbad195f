"""People and places: who uses the portal, where they work, and the sources the catalogue cites."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from portal.validators import single_line


def unique_ods_code(name: str, message: str) -> models.UniqueConstraint:
    """No two records share an ODS code; a record without one (a demo or unlisted place) may have it empty."""
    return models.UniqueConstraint(
        fields=["ods_code"], condition=~models.Q(ods_code=""), name=name, violation_error_message=message
    )


class SourceDocument(models.Model):
    """A public document the catalogue's facts come from; every catalogue record cites at least one."""

    code = models.CharField(max_length=8, unique=True)
    filename = models.CharField(max_length=100)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}: {self.title}"


class Region(models.Model):
    """One of the seven NHS England regions."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    ods_code = models.CharField("ODS code", max_length=10, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            unique_ods_code("region_unique_ods_code", "Another region already has this ODS code."),
        ]

    def __str__(self):
        return self.name


class IntegratedCareSystemQuerySet(models.QuerySet):
    def for_lead(self, user):
        return self.filter(leads__user=user)


class IntegratedCareSystem(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="integrated_care_systems")
    ods_code = models.CharField(
        "ODS code", max_length=10, blank=True, help_text="The code of its integrated care board (ICB)."
    )
    is_demo = models.BooleanField(default=False)

    objects = IntegratedCareSystemQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "integrated care system"
        constraints = [
            unique_ods_code("ics_unique_ods_code", "Another ICS already has this ODS code."),
        ]

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def choosable(self):
        """The organisations a person may say they work for: closed ones are kept for history, not offered."""
        return self.filter(is_closed=False)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        NHS_TRUST = "nhs_trust", "NHS trust"
        GP_PRACTICE = "gp_practice", "GP practice"
        ICB = "icb", "Integrated care board"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
        CARE_HOME = "care_home", "Care home"
        OTHER_PUBLIC_SERVICE = "other_public_service", "Other public service"

    name = models.CharField(max_length=200)
    ods_code = models.CharField("ODS code", max_length=10, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    ics = models.ForeignKey(
        IntegratedCareSystem, on_delete=models.PROTECT, related_name="organisations", verbose_name="ICS"
    )
    is_closed = models.BooleanField(
        default=False, help_text="Closed in the NHS Organisation Data Service: kept, but no longer offered."
    )
    is_demo = models.BooleanField(default=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            unique_ods_code("organisation_unique_ods_code", "Another organisation already has this ODS code."),
        ]

    def __str__(self):
        return self.name


class Profession(models.Model):
    """The professions staff declare and programmes are aimed at."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True, is_national_admin=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their e-mail address."""

    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=150, validators=[single_line])
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField("can use the Django admin", default=False)
    is_national_admin = models.BooleanField(default=False)
    is_demo = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the person had their personal data erased (portal.privacy)."
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_unique_email_ignoring_case",
                violation_error_message="An account with this e-mail address already exists.",
            )
        ]

    def __str__(self):
        return self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class StaffProfile(models.Model):
    class StaffGroup(models.TextChoices):
        NURSING_MIDWIFERY = "nursing_midwifery", "Nursing and midwifery registered"
        MEDICAL_DENTAL = "medical_dental", "Medical and dental"
        ALLIED_HEALTH = "allied_health", "Allied health professionals"
        SCIENTIFIC_TECHNICAL = "scientific_technical", "Additional professional scientific and technical"
        CLINICAL_SUPPORT = "clinical_support", "Additional clinical services"
        ADMIN_CLERICAL = "admin_clerical", "Administrative and clerical"
        ESTATES = "estates", "Estates and ancillary"
        HEALTHCARE_SCIENTISTS = "healthcare_scientists", "Healthcare scientists"
        SOCIAL_CARE = "social_care", "Social care"
        OTHER = "other", "Other"

    class Grade(models.TextChoices):
        BAND_2 = "band_2", "Band 2"
        BAND_3 = "band_3", "Band 3"
        BAND_4 = "band_4", "Band 4"
        BAND_5 = "band_5", "Band 5"
        BAND_6 = "band_6", "Band 6"
        BAND_7 = "band_7", "Band 7"
        BAND_8A = "band_8a", "Band 8a"
        BAND_8B = "band_8b", "Band 8b"
        BAND_8C = "band_8c", "Band 8c"
        BAND_8D = "band_8d", "Band 8d"
        BAND_9 = "band_9", "Band 9"
        FOUNDATION = "foundation", "Foundation doctor"
        RESIDENT = "resident", "Resident doctor in specialty training"
        SAS = "sas", "Specialty and specialist (SAS) doctor"
        CONSULTANT = "consultant", "Consultant"
        GP = "gp", "General practitioner"
        VSM = "vsm", "Very senior manager"
        NOT_AGENDA_FOR_CHANGE = "not_afc", "Not on Agenda for Change"

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="staff_profiles"
    )
    unlisted_organisation_name = models.CharField(
        max_length=200,
        blank=True,
        validators=[single_line],
        help_text="The organisation the person works for, as they named it, when it was not listed: a national admin"
        " maps it to an organisation (portal.organisations).",
    )
    profession = models.ForeignKey(
        Profession, on_delete=models.SET_NULL, null=True, blank=True, related_name="staff_profiles"
    )
    staff_group = models.CharField(max_length=30, choices=StaffGroup.choices, blank=True)
    grade = models.CharField("band or grade", max_length=20, choices=Grade.choices, blank=True)
    job_title = models.CharField(max_length=150, blank=True)
    line_manager_email = models.EmailField("line manager's e-mail address", blank=True)

    def __str__(self):
        return f"Profile of {self.user}"

    def clean(self):
        """Once the person works for a listed organisation, the name they gave for an unlisted one goes: the person's
        picker (portal.organisations) and the Django admin's profile both clean the profile before saving it."""
        if self.organisation_id:
            self.unlisted_organisation_name = ""


class IcsLead(models.Model):
    """Makes a user a lead of one ICS, able to see that system's enrolment figures."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="ics_leaderships")
    ics = models.ForeignKey(IntegratedCareSystem, on_delete=models.CASCADE, related_name="leads", verbose_name="ICS")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "ics"],
                name="ics_lead_unique",
                violation_error_message="This person is already a lead of this ICS.",
            )
        ]
        verbose_name = "ICS lead"

    def __str__(self):
        return f"{self.user} leads {self.ics}"


class ExternalIdentity(models.Model):
    """A person's account at an OpenID Connect provider (NHSmail): sign-ins match it by issuer and subject, never by
    the e-mail address the provider asserts (portal.sso)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"],
                name="external_identity_unique",
                violation_error_message="This sign-in is already linked to an account.",
            )
        ]
        verbose_name_plural = "external identities"

    def __str__(self):
        return f"{self.user} at {self.issuer}"


class EmailDelivery(models.Model):
    """One e-mail the portal owes someone, keyed so that a re-run task never sends it twice."""

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "e-mail deliveries"

    def __str__(self):
        return f"{self.key} to {self.to}"


class OutboxMessage(models.Model):
    """A task to publish to the broker, written in the same transaction as the change that asked for it.

    If the broker is down when that transaction commits, the row waits here and a later drain publishes it. The row
    stays until a worker has run the task: a broker that loses its data (a Redis restarted without persistence)
    loses no e-mail, since a drain publishes the task again once OUTBOX_REDELIVER_SECONDS have passed. The tasks
    are idempotent, so publishing one twice does no harm.
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, help_text="When it last reached the broker.")
    failed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the task failed for good: a bug to look at, not published again."
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    request_id = models.CharField(
        max_length=64, blank=True, help_text="The request that enqueued it (portal.request_ids), for the logs."
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"


class AuditEntry(models.Model):
    """Who decided, exported or changed what, and when. Written by the services inside their own transaction,
    so an entry exists exactly when the change does. It names records by type and id and never copies personal
    free text, so erasing a person's data leaves the log as it is."""

    class Action(models.TextChoices):
        APPLICATION_DECIDED = "application_decided", "Decided an application"
        COHORT_CREATED = "cohort_created", "Created a cohort"
        COHORT_UPDATED = "cohort_updated", "Changed a cohort"
        COHORT_CANCELLED = "cohort_cancelled", "Cancelled a cohort"
        OUTCOMES_RECORDED = "outcomes_recorded", "Recorded outcomes"
        ATTENDANCE_RECORDED = "attendance_recorded", "Recorded attendance"
        DATA_EXPORTED = "data_exported", "Exported data"
        PERSONAL_DATA_DOWNLOADED = "personal_data_downloaded", "Downloaded their personal data"
        PERSONAL_DATA_ERASED = "personal_data_erased", "Erased their personal data"
        RETENTION_APPLIED = "retention_applied", "Anonymised closed applications past retention"
        ROLE_GRANTED = "role_granted", "Granted a role"
        ROLE_REVOKED = "role_revoked", "Revoked a role"
        INVITATION_SENT = "invitation_sent", "Invited an academy admin"
        UNLISTED_ORGANISATION_MAPPED = "unlisted_organisation_mapped", "Mapped an unlisted organisation"
        ICS_LINKED = "ics_linked", "Linked a record to an ICS by ODS code"
        SIGN_IN_UNLINKED = "sign_in_unlinked", "Removed a single sign-on link"
        WEBHOOK_CREATED = "webhook_created", "Registered a webhook endpoint"
        WEBHOOK_UPDATED = "webhook_updated", "Changed a webhook endpoint"
        WEBHOOK_DELETED = "webhook_deleted", "Deleted a webhook endpoint"
        WEBHOOK_RESENT = "webhook_resent", "Sent a webhook delivery again"
        API_TOKEN_CREATED = "api_token_created", "Created an academy API token"
        API_TOKEN_REVOKED = "api_token_revoked", "Revoked an academy API token"
        SESSIONS_GENERATED = "sessions_generated", "Generated a cohort's sessions"
        SESSION_SAVED = "session_saved", "Saved a session"
        SESSION_DELETED = "session_deleted", "Deleted a session"
        IMPROVEMENT_PROJECT_REVIEWED = "improvement_project_reviewed", "Reviewed an improvement project"

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor_label = models.CharField(max_length=100, blank=True, help_text="Who acted when it was not a user.")
    action = models.CharField(max_length=40, choices=Action.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_entry_object")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class Heartbeat(models.Model):
    """When a periodic task last ran, so /healthz can tell whether beat, the broker and a worker are working."""

    name = models.CharField(max_length=50, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} at {self.last_run_at:%Y-%m-%d %H:%M:%S}"
