"""The public API's query parameters: the catalogue's own filters (enrolment.discovery.filters), page numbers, and
the problem a bad one gets: 400, naming the parameter, where the catalogue page would leave it out and say so."""

from django import forms
from django.core.paginator import Paginator
from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from enrolment.discovery.filters import DATE_FIELDS, SORTS, ProgrammeFilterSet, shown
from portal.form_messages import Form
from portal.pagination import FixedQueryPaginator

PAGE_SIZE = 20
FACETS = [name for name, facet in ProgrammeFilterSet.base_filters.items() if name != "q"]
# Parameters whose schema type has no empty value (numbers, the sort's choices): the catalogue page reads an empty
# one as not given, but an API client that sends one has made a mistake, so it is told.
NOT_EMPTY = ("sort", *(f"{name}_{part}" for name in DATE_FIELDS for part in ("day", "month", "year")))


def programme_filters(data: QueryDict, queryset, *, today, now, path: str) -> ProgrammeFilterSet:
    """The catalogue's FilterSet on `data`; a field's error or a facet's unknown option is a 400 naming it."""
    discovery = ProgrammeFilterSet(data, queryset, today=today, now=now, path=path)
    errors = {
        name: ["Give a value, or leave the parameter out"]
        for name in NOT_EMPTY
        if any(not value.strip() for value in data.getlist(name))
    }
    for name, field_errors in discovery.form.errors.items():
        errors.setdefault(name, []).extend(str(error) for error in field_errors)
    for facet, value in discovery.unknown_choices():
        errors.setdefault(facet.field_name, []).append(f"{facet.label} has no option “{shown(value)}”")
    if errors:
        raise ValidationError(errors)
    return discovery


class CohortQueryForm(Form):
    """Which upcoming cohorts: of one programme, of one academy, or all."""

    programme = forms.SlugField(required=False, max_length=200, help_text="A programme's slug.")
    academy = forms.SlugField(required=False, max_length=200, help_text="An academy's slug.")


def cohort_filters(data: QueryDict) -> dict[str, str]:
    """The cohort filters asked for, as lookups; an invalid one is a 400 naming it."""
    form = CohortQueryForm(data)
    if not form.is_valid():
        raise ValidationError({name: [str(error) for error in errors] for name, errors in form.errors.items()})
    return {f"{name}__slug": value for name, value in form.cleaned_data.items() if value}


class PagePagination(PageNumberPagination):
    """Pages of PAGE_SIZE, each in a fixed number of queries (an empty page too); a page that is not one is a 400."""

    page_size = PAGE_SIZE
    django_paginator_class = FixedQueryPaginator

    def get_page_number(self, request, paginator):
        """The page asked for; an empty `page=` is not page 1 but a page number that is not one."""
        return request.query_params.get(self.page_query_param, 1)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            last = Paginator(queryset, self.page_size).num_pages
            raise ValidationError({"page": [f"Enter a page number from 1 to {last}"]}) from None


class ProblemSerializer(serializers.Serializer):
    """An RFC 9457 problem (api.problems): for bad input, `errors` names each parameter and what is wrong."""

    type = serializers.CharField()
    status = serializers.IntegerField()
    title = serializers.CharField()
    detail = serializers.CharField(required=False)
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


PROBLEM = "application/problem+json"
BAD_QUERY = {(400, PROBLEM): ProblemSerializer}
NOT_FOUND = {(404, PROBLEM): ProblemSerializer}


def _date_parameters(name: str) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(f"{name}_{part}", OpenApiTypes.INT, description=f"{name.replace('_', ' ')}: the {part}")
        for part in ("day", "month", "year")
    ]


PROGRAMME_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Search by name, topic or academy (200 characters or fewer)."),
    *[
        OpenApiParameter(name, OpenApiTypes.STR, many=True, explode=True, description="A facet's option slugs, as "
                         "the catalogue page's; options combine with OR, facets with AND.")
        for name in FACETS
    ],
    *[parameter for name in DATE_FIELDS for parameter in _date_parameters(name)],
    OpenApiParameter("sort", OpenApiTypes.STR, enum=[value for value, _ in SORTS]),
]
COHORT_PARAMETERS = [
    OpenApiParameter("programme", OpenApiTypes.STR, description="A programme's slug."),
    OpenApiParameter("academy", OpenApiTypes.STR, description="An academy's slug."),
]
