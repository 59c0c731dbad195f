"""Cohorts: the dated runs of a programme that staff apply to."""

from django.db import models
from django.db.models import F, Q

from academies.models import Academy
from portal.models import IntegratedCareSystem, Region
from programmes.models import Programme


class CohortQuerySet(models.QuerySet):
    def upcoming(self, today):
        return self.filter(starts_on__gte=today)

    def for_academy(self, academy):
        return self.filter(academy=academy)


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    academy = models.ForeignKey(Academy, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
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
    applications_open_at = models.DateTimeField()
    applications_close_at = models.DateTimeField()
    offer_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days an applicant has to accept an offer before it expires."
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
            models.UniqueConstraint(fields=["programme", "academy", "name"], name="cohort_unique_name"),
        ]

    def __str__(self):
        return f"{self.programme}: {self.name}"
