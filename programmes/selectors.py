"""Reads of the catalogue that pages share."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Programme

FEATURED_SLUGS = [
    "mary-seacole-programme",
    "edward-jenner-programme",
    "elizabeth-garrett-anderson-programme",
    "stepping-up-programme",
    "ready-now-programme",
    "surrey-500",
]


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.with_card_relations().order_by("title")


def programme_featured_list() -> QuerySet[Programme]:
    return programme_list().filter(slug__in=FEATURED_SLUGS)


def programme_get_for_page(*, slug: str) -> Programme:
    queryset = Programme.objects.select_related("provider").prefetch_related(
        "delivering_academies",
        "career_stages",
        "professions",
        "development_areas__framework",
        "sources",
        "funded_schemes",
    )
    return get_object_or_404(queryset, slug=slug)
