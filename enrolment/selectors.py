"""Reads of cohorts that pages share."""

from datetime import date

from django.db.models import QuerySet

from .models import Cohort


def cohort_upcoming_list(*, today: date) -> QuerySet[Cohort]:
    return Cohort.objects.upcoming(today).select_related("academy", "programme").order_by("starts_on", "name")
