"""Equality monitoring answers, and the reporting tables the dashboards read.

The dashboards never add up the live application tables: reporting.services.reports_refresh rebuilds ReportFact
(one row per submitted application or open-access enrolment, with the system the person works in worked out once)
and MonthlyFigure (those facts added up by month) in one transaction, and every report reads those two tables.
"""

from django.conf import settings
from django.db import models

from portal.models import IntegratedCareSystem, Organisation, Profession, Region
from programmes.models import CareerStage, Programme

PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")


class Ethnicity(models.TextChoices):
    """The ONS 2021 census categories for England; each code starts with its high-level group's code."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", "Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Chinese"
    ASIAN_INDIAN = "asian_indian", "Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Pakistani"
    ASIAN_OTHER = "asian_other", "Any other Asian background"
    BLACK_AFRICAN = "black_african", "African"
    BLACK_CARIBBEAN = "black_caribbean", "Caribbean"
    BLACK_OTHER = "black_other", "Any other Black, Black British or Caribbean background"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "White and Black African"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "White and Black Caribbean"
    MIXED_OTHER = "mixed_other", "Any other Mixed or multiple ethnic background"
    WHITE_BRITISH = "white_british", "English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "Roma"
    WHITE_OTHER = "white_other", "Any other White background"
    OTHER_ARAB = "other_arab", "Arab"
    OTHER_ANY = "other_any", "Any other ethnic group"
    PREFER_NOT = PREFER_NOT_TO_SAY


class EthnicGroup(models.TextChoices):
    """The ONS high-level groups reports compare: detailed categories would leave almost every count suppressed."""

    ASIAN = "asian", "Asian, Asian British or Asian Welsh"
    BLACK = "black", "Black, Black British, Black Welsh, Caribbean or African"
    MIXED = "mixed", "Mixed or Multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    PREFER_NOT = PREFER_NOT_TO_SAY


ETHNIC_GROUP_HEADINGS = {group.value: group.label for group in EthnicGroup if group != EthnicGroup.PREFER_NOT}


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT_TO_SAY


class AgeBand(models.TextChoices):
    AGE_16_24 = "16_24", "16 to 24"
    AGE_25_34 = "25_34", "25 to 34"
    AGE_35_44 = "35_44", "35 to 44"
    AGE_45_54 = "45_54", "45 to 54"
    AGE_55_64 = "55_64", "55 to 64"
    AGE_65_PLUS = "65_plus", "65 or over"
    PREFER_NOT = PREFER_NOT_TO_SAY


class EqualityProfile(models.Model):
    """What a person chose to tell us for equality monitoring. Optional, every answer too (blank: not answered).

    Kept apart from the staff profile so that only reporting reads it, and only as suppressed counts: no page,
    export or admin screen shows one person's answers, not even to national admins.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="equality_profile")
    ethnicity = models.CharField(max_length=30, choices=Ethnicity.choices, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    disability = models.CharField(max_length=20, choices=Disability.choices, blank=True)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Equality profile {self.pk}"


def derived_key(to, **options) -> models.ForeignKey:
    """A key in a derived table: no database constraint or index of its own.

    The rows are rebuilt from tables whose keys the database does check, so checking a million of them again at
    every refresh would only slow it; the composite indexes below serve the queries.
    """
    return models.ForeignKey(
        to, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False, **options
    )


def flag(help_text: str) -> models.BooleanField:
    """A yes-or-no fact of the funnel, no until the refresh says yes."""
    return models.BooleanField(db_default=False, help_text=help_text)


class ReportFact(models.Model):
    """One submitted application or open-access enrolment, flattened for reporting.

    `ics`, `region` and `organisation` say where the person works: the organisation recorded on the application,
    or, when it has none, the one on their staff profile now. `month` is when they applied (or enrolled, for open
    access), so a period's offers and completions are what became of that period's applications. `is_demo` says
    a demo record had a part in it (the person, their organisation or system, the programme or the cohort): real
    reports leave such facts out, and a demo system's dashboard shows only them. `career_stage`,
    `is_progressed` and the follow-up answers (`said_...`, progression.selectors) feed the progression funnel
    (reporting.funnel); open-access enrolments have no follow-up, so say none of them.
    """

    class Kind(models.TextChoices):
        APPLICATION = "application", "Application"
        ENROLMENT = "enrolment", "Open-access enrolment"

    kind = models.CharField(max_length=11, choices=Kind.choices)
    source_id = models.BigIntegerField(help_text="The application's or the enrolment's id.")
    ics = derived_key(IntegratedCareSystem, null=True)
    region = derived_key(Region, null=True)
    organisation = derived_key(Organisation, null=True)
    programme = derived_key(Programme)
    profession = derived_key(Profession, null=True)
    grade = models.CharField(max_length=20, blank=True)
    month = models.DateField()
    enrolled_on = models.DateField(null=True)
    is_offered = models.BooleanField()
    is_enrolled = models.BooleanField()
    is_completed = models.BooleanField()
    career_stage = derived_key(CareerStage, null=True, help_text="The programme's earliest career stage.")
    is_progressed = flag("Completed, and the person has since taken a place on a programme of a later career stage.")
    said_role_changed = flag("An answered follow-up (6 or 12 months after completing) said the person's role changed.")
    said_band_up = flag("An answered follow-up gave a band above the one the person applied at.")
    said_new_responsibilities = flag(
        "An answered follow-up said the person has taken on new leadership responsibilities."
    )
    ethnic_group = models.CharField(max_length=20, blank=True)
    sex = models.CharField(max_length=20, blank=True)
    disability = models.CharField(max_length=20, blank=True)
    age_band = models.CharField(max_length=20, blank=True)
    is_demo = models.BooleanField(db_default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "source_id"], name="report_fact_unique_source")]
        indexes = [
            models.Index(fields=["ics", "programme", "month"], name="report_fact_ics_programme"),
            models.Index(fields=["organisation", "month"], name="report_fact_organisation"),
            models.Index(fields=["programme", "month"], name="report_fact_programme"),
        ]

    def __str__(self):
        return f"{self.kind} {self.source_id}"


class Dimension(models.TextChoices):
    TOTAL = "total", "All"
    PROGRAMME = "programme", "Programme"
    ORGANISATION = "organisation", "Organisation"
    PROFESSION = "profession", "Profession"
    BAND = "band", "Band or grade"
    ETHNIC_GROUP = "ethnic_group", "Ethnic group"
    SEX = "sex", "Sex"
    DISABILITY = "disability", "Disability"
    AGE_BAND = "age_band", "Age band"
    ENROLLED = "enrolled", "Enrolments by the month they enrolled"


# Equality monitoring is about who is offered a place, so it counts applications only: open access selects nobody.
EQUALITY_DIMENSIONS = frozenset({Dimension.ETHNIC_GROUP, Dimension.SEX, Dimension.DISABILITY, Dimension.AGE_BAND})


class MonthlyFigure(models.Model):
    """Facts added up by system, month and one dimension: what the unfiltered and national reports read.

    Its size depends on how many systems, months, programmes and organisations there are, not on how many
    applications, so those pages take the same time at a million applications as at a hundred thousand.
    `month` is the month of application, except for ENROLLED rows, where it is the month of enrolment. Demo facts
    are added up apart from real ones (`is_demo`), so no real figure includes them.
    """

    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    ics = derived_key(IntegratedCareSystem, null=True)
    region = derived_key(Region, null=True)
    month = models.DateField()
    programme = derived_key(Programme, null=True)
    organisation = derived_key(Organisation, null=True)
    profession = derived_key(Profession, null=True)
    code = models.CharField(max_length=20, blank=True, db_default="", help_text="A band or an equality answer.")
    applications = models.PositiveIntegerField(db_default=0)
    offers = models.PositiveIntegerField(db_default=0)
    enrolments = models.PositiveIntegerField(db_default=0)
    completions = models.PositiveIntegerField(db_default=0)
    is_demo = models.BooleanField(db_default=False, help_text="Figures of demo facts, kept apart from real ones.")

    class Meta:
        indexes = [
            models.Index(fields=["ics", "dimension", "month"], name="monthly_figure_ics"),
            models.Index(fields=["dimension", "month"], name="monthly_figure_dimension"),
        ]

    def __str__(self):
        return f"{self.dimension} {self.month:%Y-%m}"


class ReportsRefresh(models.Model):
    """When the reporting tables were last rebuilt; its one row is also the lock that keeps rebuilds in turn."""

    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    facts = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "reports refresh"

    def __str__(self):
        return f"Reports refreshed at {self.finished_at:%Y-%m-%d %H:%M}" if self.finished_at else "Never refreshed"
