"""Reads of the public API: the catalogue's own selectors, with what the JSON shows of each row fetched in a fixed
number of queries however many rows a page has."""

from datetime import date, datetime

from django.db.models import QuerySet

from academies.models import Academy
from academies.selectors import academy_list
from enrolment.discovery.selectors import programme_catalogue
from enrolment.models import Cohort
from enrolment.selectors import cohort_upcoming_list
from programmes.models import Programme

PROGRAMME_RELATIONS = (
    "delivering_academies", "career_stages", "professions", "development_areas__framework", "sources",
)


def programme_api_list(*, today: date, now: datetime) -> QuerySet[Programme]:
    """The catalogue's programmes, with their facets and sources."""
    return programme_catalogue(today=today, now=now).prefetch_related(*PROGRAMME_RELATIONS)


def academy_api_list() -> QuerySet[Academy]:
    return academy_list().select_related("ics").prefetch_related("sources")


def cohort_api_list(*, today: date) -> QuerySet[Cohort]:
    """Upcoming cohorts with their places left and sessions, soonest first (demo ones too, marked is_demo)."""
    return cohort_upcoming_list(today=today).select_related("ics").prefetch_related("sessions")
