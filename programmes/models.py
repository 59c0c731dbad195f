"""The catalogue: programmes, the frameworks they develop, and the schemes that fund them."""

from django.db import models
from django.urls import reverse

from academies.models import Academy
from portal.ics_links import ics_link_check
from portal.models import IntegratedCareSystem, Profession, Region, SourceDocument


class Framework(models.Model):
    """A leadership or improvement framework the catalogue tags programmes against."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200, unique=True)
    publisher = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    sources = models.ManyToManyField(SourceDocument, related_name="frameworks")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class FrameworkElement(models.Model):
    """A dimension, domain, condition or method of a framework."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="elements")
    slug = models.SlugField()
    name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "slug"],
                name="framework_element_unique_slug",
                violation_error_message="This framework already has an element with this slug.",
            )
        ]

    def __str__(self):
        return self.name


class CareerStage(models.Model):
    """Where a leader is on their path, from first leadership role to board."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class ProgrammeQuerySet(models.QuerySet):
    def with_card_relations(self):
        """What a catalogue card shows, in a fixed number of queries however many programmes it lists."""
        return self.select_related("provider").prefetch_related("career_stages", "delivering_academies")


class Programme(models.Model):
    class Format(models.TextChoices):
        ONLINE_SELF_PACED = "online_self_paced", "Online, self-paced"
        BLENDED = "blended", "Blended"
        FACE_TO_FACE = "face_to_face", "Face to face"
        RESIDENTIAL = "residential", "Residential"
        VIRTUAL = "virtual", "Virtual, live online"

    class Cost(models.TextChoices):
        FREE = "free", "Free"
        FUNDED = "funded", "Funded"
        FEE = "fee", "Fee"

    class Access(models.TextChoices):
        OPEN_ACCESS = "open_access", "Open access: enrol at once"
        BY_APPLICATION = "by_application", "By application to a cohort"

    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    provider = models.ForeignKey(
        Academy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes_provided",
        help_text="The body that runs the programme, when the sources name one (they name funders of some, not who "
        "runs them).",
    )
    partners = models.CharField(
        max_length=300, blank=True, help_text="Other bodies that run the programme with the provider."
    )
    delivering_academies = models.ManyToManyField(Academy, blank=True, related_name="programmes_delivered")
    summary = models.TextField()
    description = models.TextField(blank=True)
    career_stages = models.ManyToManyField(CareerStage, blank=True, related_name="programmes")
    audience = models.CharField(max_length=300, blank=True, help_text="Who the programme is for, as its source says.")
    open_to_all_professions = models.BooleanField(default=False)
    professions = models.ManyToManyField(Profession, blank=True, related_name="programmes")
    format = models.CharField(max_length=30, choices=Format.choices, blank=True)
    format_note = models.CharField(max_length=300, blank=True)
    duration_months = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_note = models.CharField(max_length=200, blank=True)
    cost = models.CharField(max_length=10, choices=Cost.choices, blank=True)
    cost_note = models.CharField(max_length=300, blank=True)
    cpd_hours = models.PositiveSmallIntegerField("CPD hours", null=True, blank=True)
    cpd_note = models.CharField("CPD note", max_length=300, blank=True)
    qualification = models.CharField(max_length=200, blank=True)
    access = models.CharField(max_length=20, choices=Access.choices, blank=True)
    line_manager_support_required = models.BooleanField(default=False)
    positive_action_note = models.TextField(blank=True)
    development_areas = models.ManyToManyField(
        FrameworkElement,
        blank=True,
        related_name="programmes",
        help_text="Healthcare Leadership Model dimensions, CLCF domains and improvement methods it develops.",
    )
    sources = models.ManyToManyField(SourceDocument, related_name="programmes")
    is_demo = models.BooleanField(default=False)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programmes:detail", kwargs={"slug": self.slug})

    @property
    def is_open_access(self):
        return self.access == self.Access.OPEN_ACCESS

    @property
    def duration_display(self) -> str:
        if self.duration_months is None:
            return ""
        return f"{self.duration_months} month{'s' if self.duration_months != 1 else ''}"

    @property
    def cpd_display(self) -> str:
        return "" if self.cpd_hours is None else f"{self.cpd_hours} hours"


class FundedScheme(models.Model):
    """Money set aside to develop leaders, with the areas it goes to and their targets."""

    slug = models.SlugField(max_length=200, unique=True)
    name = models.CharField(max_length=200, unique=True)
    funder = models.CharField(max_length=300, blank=True)
    amount_gbp = models.DecimalField("amount (£)", max_digits=14, decimal_places=2, null=True, blank=True)
    amount_note = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    programmes = models.ManyToManyField(Programme, blank=True, related_name="funded_schemes")
    sources = models.ManyToManyField(SourceDocument, related_name="funded_schemes")
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SchemeAllocation(models.Model):
    """A scheme's share for one area, and how many leaders that area aims to develop with it."""

    scheme = models.ForeignKey(FundedScheme, on_delete=models.CASCADE, related_name="allocations")
    area_name = models.CharField(max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations")
    ics = models.ForeignKey(
        IntegratedCareSystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
        verbose_name="ICS",
    )
    amount_gbp = models.DecimalField("amount (£)", max_digits=14, decimal_places=2, null=True, blank=True)
    target_leaders = models.PositiveIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["scheme", "area_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "area_name"],
                name="scheme_allocation_unique_area",
                violation_error_message="This scheme already has an allocation for this area.",
            ),
        ]

    def __str__(self):
        return f"{self.scheme}: {self.area_name}"

    def clean(self):
        scheme = getattr(self, "scheme", None)  # not chosen yet: the form says so
        ics_link_check(record=self, ics=self.ics if self.ics_id else None, is_demo=bool(scheme and scheme.is_demo))


class CatalogueRecord(models.Model):
    """What load_catalogue last wrote to one record of the catalogue file, field by field.

    A field whose value in the database still matches what was last loaded has not been touched since, so the file
    may update it; one that differs was edited by a person (in the Django admin), and a reload leaves it alone.
    """

    table = models.CharField(max_length=50, help_text="The list in the catalogue file: programmes, academies...")
    key = models.CharField(max_length=400, help_text="The record's slug or code (parent/key for nested records).")
    loaded = models.JSONField(default=dict, help_text="Each field's value as last loaded from the file.")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["table", "key"], name="catalogue_record_unique_key")]

    def __str__(self):
        return f"{self.table}: {self.key}"
