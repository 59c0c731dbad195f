"""Reads of interest in programmes ("tell me when applications open"): whom a cohort's opening concerns, and how
many are waiting for each of an academy's programmes."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from academies.models import Academy
from portal.models import Region
from programmes.models import Programme

from .models import Cohort, ProgrammeInterest
from .selectors import programmes_deliverable_by


def cohort_area(cohort: Cohort) -> Region | None:
    """Where a cohort runs, for the people who asked about one region: its own region, else its system's, else its
    academy's. None for an online cohort, or one with no place at all: it is for everyone."""
    if cohort.is_online:
        return None
    return cohort.region or (cohort.ics and cohort.ics.region) or cohort.academy.region


def interests_to_tell(cohort: Cohort) -> QuerySet[ProgrammeInterest]:
    """The confirmed interests a cohort's opening concerns: in its programme, and in its area or in any region."""
    interests = ProgrammeInterest.objects.confirmed().filter(programme_id=cohort.programme_id)
    area = cohort_area(cohort)
    return interests.filter(Q(region__isnull=True) | Q(region=area)) if area else interests


def cohort_for_interest(cohort_id: int) -> Cohort | None:
    return Cohort.objects.select_related("programme", "academy__region", "region", "ics__region").filter(
        pk=cohort_id
    ).first()


def interest_list_for_person(user) -> QuerySet[ProgrammeInterest]:
    return ProgrammeInterest.objects.for_person(user).select_related("programme", "region").order_by("created_at")


def programmes_with_interest(admin) -> QuerySet[Programme]:
    """The programmes an academy admin's academies run, each with `interested`: how many confirmed people wait
    to hear when applications open. One query."""
    waiting = (
        ProgrammeInterest.objects.confirmed()
        .filter(programme=OuterRef("pk"))
        .order_by()
        .values("programme")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        programmes_deliverable_by(Academy.objects.for_admin(admin))
        .annotate(interested=Coalesce(Subquery(waiting, output_field=IntegerField()), 0))
        .order_by("title")
    )
