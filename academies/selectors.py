"""Reads of academies that pages share."""

from itertools import groupby

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from .models import Academy


def academy_list() -> QuerySet[Academy]:
    return (
        Academy.objects.select_related("region", "parent")
        .annotate(programme_count=Count("programmes_provided", distinct=True))
        .order_by("kind", "region__name", "name")
    )


def academy_groups() -> list[tuple[str, list[Academy]]]:
    """Academies grouped under a heading by kind, local academies by region too, for the directory page."""

    def heading(academy: Academy) -> str:
        if academy.kind == Academy.Kind.LOCAL_DELIVERY_PARTNER and academy.region:
            return f"{academy.get_kind_display()}: {academy.region.name}"
        return str(Academy.Kind(academy.kind).label)

    return [(title, list(members)) for title, members in groupby(academy_list(), key=heading)]


def academy_get_for_page(*, slug: str) -> Academy:
    queryset = Academy.objects.select_related("region", "ics", "parent").prefetch_related(
        "programmes_provided", "programmes_delivered", "sources"
    )
    return get_object_or_404(queryset, slug=slug)
