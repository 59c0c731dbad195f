"""Reads of academies that pages share."""

from itertools import groupby

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from portal.models import IcsLead

from .models import Academy, AcademyAdmin, AcademyApiToken

SECTION_HEADINGS = {
    Academy.Kind.NATIONAL: "The national academy",
    Academy.Kind.LOCAL_DELIVERY_PARTNER: "Local leadership academies, by region",
    Academy.Kind.SYSTEM_ACADEMY: "System academies",
    Academy.Kind.OTHER_PROVIDER: "Other providers",
}
NO_REGION = "Region not stated"


def academy_list() -> QuerySet[Academy]:
    return (
        Academy.objects.select_related("region", "parent")
        .annotate(
            programme_count=Count("programmes_provided", distinct=True)
            + Count("programmes_delivered", distinct=True)
        )
        .order_by("region__name", "name")
    )


def academy_directory() -> list[tuple[str, list[tuple[str, list[Academy]]]]]:
    """[(heading, [(region, academies)])]: a section per kind in Academy.Kind's order; local academies grouped
    under their region, the other kinds in one group with no region heading."""
    academies = list(academy_list())
    sections = []
    for kind in Academy.Kind:
        members = [academy for academy in academies if academy.kind == kind]
        if kind == Academy.Kind.LOCAL_DELIVERY_PARTNER:
            groups = [(region, list(group)) for region, group in groupby(members, key=region_name)]
        else:
            groups = [("", members)]
        if members:
            sections.append((SECTION_HEADINGS[kind], groups))
    return sections


def region_name(academy: Academy) -> str:
    return academy.region.name if academy.region else NO_REGION


def academy_get_for_page(*, slug: str) -> Academy:
    queryset = Academy.objects.select_related("region", "ics", "parent").prefetch_related(
        "programmes_provided", "programmes_delivered", "sources"
    )
    return get_object_or_404(queryset, slug=slug)


def academy_admin_holders() -> QuerySet[AcademyAdmin]:
    return AcademyAdmin.objects.select_related("user", "academy").order_by("academy__name", "user__email")


def ics_lead_holders() -> QuerySet[IcsLead]:
    return IcsLead.objects.select_related("user", "ics").order_by("ics__name", "user__email")


def academy_api_tokens(user) -> QuerySet[AcademyApiToken]:
    """The API tokens of the academies a user runs, newest first."""
    return AcademyApiToken.objects.filter(academy__in=Academy.objects.for_admin(user)).select_related("academy")
