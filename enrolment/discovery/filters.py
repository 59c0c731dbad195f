"""The catalogue page's search, facets, dates and sort, as one django-filter FilterSet.

A facet offers options, and an option is a predicate on Programme: a test of its own columns, or an EXISTS
subquery for a relation, so that no combination of choices multiplies rows. Options chosen within a facet
combine with OR, facets with AND. An option's count is how many programmes would match with it chosen, given the
search and every *other* facet's choices. Which programmes each option matches is worked out once per catalogue
version (facet_index.py); a search then costs one query for the programmes it and the dates leave, and the counts
are set arithmetic. So the page makes the same number of queries however many options, choices or results.

Demo records are kept out of the facets and the dates: their counts and results are real programmes' real cohorts
and academies only. (A demo cohort still shows on its programme's card and page, labelled Demo.)
"""

import operator
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property, partial, reduce
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.http import QueryDict
from django.utils.formats import date_format

from academies.models import Academy
from portal.form_fields import DayMonthYearField
from portal.form_messages import Form
from portal.models import IntegratedCareSystem, Profession, Region
from programmes.models import CareerStage, FrameworkElement, Programme
from programmes.search import search

from .facet_index import facet_index
from .selectors import open_for_applications, real_upcoming_cohorts_of_programme

MAX_QUERY_LENGTH = 200
YES = "yes"
OPEN_TO_ALL = "open-to-all"
DATE_FIELDS = ("starts_from", "starts_to")
# The frameworks (catalogue.toml's slugs) whose elements are facets: dimensions, domains, improvement methods.
FACET_FRAMEWORKS = ("healthcare-leadership-model", "clinical-leadership-competency-framework", "improvement-methods")
SORTS = [("relevance", "Best match"), ("start", "Start date"), ("title", "Title")]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    q: Q


@dataclass(frozen=True)
class Choice:
    """A choice in force, with the query parameters that make it, so a tag can remove exactly those."""

    label: str
    params: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Problem:
    message: str
    anchor: str = ""


def linked(obj, related_name: str) -> Q:
    """Whether the outer programme is linked to `obj` through obj's `related_name`, as an EXISTS subquery."""
    return Q(Exists(type(obj).objects.filter(pk=obj.pk, **{related_name: OuterRef("pk")})))


def field_options(field: str, choices) -> list[Option]:
    return [Option(value, label, Q(**{field: value})) for value, label in choices]


def shown(value: str, limit: int = 40) -> str:
    """A value someone typed, safe and short enough to repeat back to them."""
    printable = "".join(character if character.isprintable() else "\ufffd" for character in value)
    return printable if len(printable) <= limit else f"{printable[: limit - 1]}…"


DURATION_BANDS = [
    Option("up-to-3-months", "Up to 3 months", Q(duration_months__lte=3)),
    Option("3-to-12-months", "3 to 12 months", Q(duration_months__gt=3, duration_months__lte=12)),
    Option("over-a-year", "Over a year", Q(duration_months__gt=12)),
    Option("not-stated", "Self-paced or not stated", Q(duration_months__isnull=True)),
]


class CatalogueOptions:
    """Every facet's options for one request; each list costs at most one query, made when first wanted."""

    def __init__(self, *, today: date, now: datetime):
        self.today = today
        self.now = now

    def availability(self) -> list[Option]:
        return [Option(YES, "Open for applications now", open_for_applications(today=self.today, now=self.now))]

    def career_stages(self) -> list[Option]:
        return [Option(stage.slug, stage.name, linked(stage, "programmes")) for stage in CareerStage.objects.all()]

    def professions(self) -> list[Option]:
        everyone = Q(open_to_all_professions=True)
        named = [Option(job.slug, job.name, everyone | linked(job, "programmes")) for job in Profession.objects.all()]
        return [Option(OPEN_TO_ALL, "Open to all professions", everyone), *named]

    def formats(self) -> list[Option]:
        return field_options("format", Programme.Format.choices)

    def costs(self) -> list[Option]:
        return field_options("cost", Programme.Cost.choices)

    def durations(self) -> list[Option]:
        return DURATION_BANDS

    @cached_property
    def academies(self) -> list[Academy]:
        """Academies that provide or deliver a programme: both academy facets' options in one query."""
        return list(
            Academy.objects.filter(is_demo=False)
            .annotate(
                provides=Exists(Programme.objects.filter(provider=OuterRef("pk"))),
                delivers=Exists(Programme.objects.filter(delivering_academies=OuterRef("pk"))),
            )
            .filter(Q(provides=True) | Q(delivers=True))
        )

    def providers(self) -> list[Option]:
        return [
            Option(academy.slug, academy.name, Q(provider=academy)) for academy in self.academies if academy.provides
        ]

    def delivering_academies(self) -> list[Option]:
        return [
            Option(academy.slug, academy.name, linked(academy, "programmes_delivered"))
            for academy in self.academies
            if academy.delivers
        ]

    def regions(self) -> list[Option]:
        return [Option(region.slug, region.name, self._runs_in(region=region)) for region in Region.objects.all()]

    def systems(self) -> list[Option]:
        """Only the systems upcoming cohorts are run for: there are many, and most would count nothing."""
        systems = IntegratedCareSystem.objects.filter(
            is_demo=False, cohorts__starts_on__gte=self.today, cohorts__is_demo=False
        ).distinct()
        return [Option(system.slug, system.name, self._runs_in(ics=system)) for system in systems]

    def _runs_in(self, **place) -> Q:
        return Q(Exists(real_upcoming_cohorts_of_programme(today=self.today).filter(**place)))

    @cached_property
    def _elements(self) -> list[FrameworkElement]:
        """The elements of every framework a facet shows, in one query."""
        elements = FrameworkElement.objects.filter(framework__slug__in=FACET_FRAMEWORKS).select_related("framework")
        return list(elements)

    def framework_elements(self, framework: str) -> list[Option]:
        return [
            Option(element.slug, element.name, linked(element, "programmes"))
            for element in self._elements
            if element.framework.slug == framework
        ]

    def cpd(self) -> list[Option]:
        return [Option(YES, "Counts towards CPD", Q(cpd_hours__isnull=False) | ~Q(cpd_note=""))]

    def positive_action(self) -> list[Option]:
        return [Option(YES, "Positive action programmes", ~Q(positive_action_note=""))]


class FacetField(forms.MultipleChoiceField):
    """Keeps the values it offers, once each, and drops the rest, so one stale value in a shared link does not
    void the whole facet; the FilterSet tells the person what it dropped."""

    def clean(self, value):
        offered = {str(option) for option, _ in self.choices}
        return [chosen for chosen in dict.fromkeys(self.to_python(value)) if chosen in offered]


class FacetFilter(django_filters.Filter):
    """A facet: a checkbox per option, its options taken from the FilterSet's CatalogueOptions."""

    field_class = FacetField

    def __init__(self, options, **kwargs):
        super().__init__(widget=forms.CheckboxSelectMultiple, **kwargs)
        self.options_from = options

    @cached_property
    def options(self) -> dict[str, Option]:
        return {option.value: option for option in self.options_from(self.parent.catalogue_options)}

    @property
    def field(self):
        self.extra["choices"] = [(value, option.label) for value, option in self.options.items()]
        return super().field

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(reduce(operator.or_, (self.options[chosen].q for chosen in value)))


class SearchField(forms.CharField):
    """Turns control characters into spaces: a NUL byte would upset the database, and none means anything here."""

    def to_python(self, value):
        text = super().to_python(value)
        return " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in text).split())


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class DiscoveryForm(Form):
    """The catalogue page's fields that are not facets: when a programme starts, and the order of results."""

    starts_from = DayMonthYearField(
        label="Starts on or after",
        required=False,
        help_text="For example, 1 3 2027. Programmes you can start at any time are included.",
    )
    starts_to = DayMonthYearField(label="Starts on or before", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        choices=SORTS,
        required=False,
        error_messages={"invalid_choice": "Choose how to sort the programmes from the list"},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_from"), cleaned.get("starts_to")
        if start and end and end < start:
            self.add_error("starts_to", "‘Starts on or before’ must be the same as or after ‘Starts on or after’")
        return cleaned


def with_sort_in_force(data: QueryDict) -> QueryDict:
    """Names the default order when none is chosen (best match for a search, else title), so the sort menu
    shows the order the results are really in."""
    if data.get("sort"):
        return data
    data = data.copy()
    data["sort"] = "relevance" if data.get("q", "").strip() else "title"
    return data


def framework_facet(framework: str, label: str) -> FacetFilter:
    return FacetFilter(partial(CatalogueOptions.framework_elements, framework=framework), label=label)


class ProgrammeFilterSet(django_filters.FilterSet):
    """Searches, filters and orders the programmes of programme_catalogue(), from the page's query string."""

    q = SearchFilter(
        method="filter_search",
        label="Search by name, topic or academy",
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": f"Search for {MAX_QUERY_LENGTH} characters or fewer"},
    )
    open_now = FacetFilter(CatalogueOptions.availability, label="Availability")
    stage = FacetFilter(CatalogueOptions.career_stages, label="Career stage")
    profession = FacetFilter(
        CatalogueOptions.professions,
        label="Profession",
        help_text="Programmes open to all professions are counted under each one.",
    )
    format = FacetFilter(CatalogueOptions.formats, label="Format")
    cost = FacetFilter(CatalogueOptions.costs, label="Cost")
    duration = FacetFilter(CatalogueOptions.durations, label="Duration")
    region = FacetFilter(CatalogueOptions.regions, label="Region where cohorts run")
    ics = FacetFilter(CatalogueOptions.systems, label="Integrated care system where cohorts run")
    provider = FacetFilter(CatalogueOptions.providers, label="Provider")
    academy = FacetFilter(CatalogueOptions.delivering_academies, label="Delivered locally by")
    hlm = framework_facet("healthcare-leadership-model", "Healthcare Leadership Model dimension")
    clcf = framework_facet("clinical-leadership-competency-framework", "Clinical Leadership Competency Framework")
    method = framework_facet("improvement-methods", "Improvement method")
    cpd = FacetFilter(CatalogueOptions.cpd, label="Continuing professional development")
    positive_action = FacetFilter(CatalogueOptions.positive_action, label="Positive action")

    class Meta:
        form = DiscoveryForm

    def __init__(self, data, queryset, *, today: date, now: datetime, path: str):
        super().__init__(with_sort_in_force(data), queryset)
        self.today = today
        self.path = path
        self.catalogue_options = CatalogueOptions(today=today, now=now)
        self.index = facet_index(self.facets(), self.queryset, today=today)
        for facet in self.facets():
            facet.__dict__["options"] = self.index.options[facet.field_name]  # what `options` would work out

    def facets(self) -> list[FacetFilter]:
        return [facet for facet in self.filters.values() if isinstance(facet, FacetFilter)]

    def academies(self) -> list[Academy]:
        """The real academies that provide or deliver a programme (loaded once, for the facets too)."""
        return self.catalogue_options.academies

    def filter_search(self, queryset, name, value):
        return search(queryset, value)

    def filter_queryset(self, queryset, *, except_facets: Collection[str] = ()):
        """Applies every choice in force, but for those of `except_facets` (to count what they would add)."""
        cleaned = self.form.cleaned_data
        for name, filter_ in self.filters.items():
            if name not in except_facets:
                queryset = filter_.filter(queryset, cleaned.get(name))
        return self.filter_starts_between(queryset, cleaned.get("starts_from"), cleaned.get("starts_to"))

    def filter_starts_between(self, queryset, start: date | None, end: date | None):
        """An upcoming cohort starts between the dates; a programme you can start any day counts too."""
        if not (start or end):
            return queryset
        cohorts = real_upcoming_cohorts_of_programme(today=self.today)
        if start:
            cohorts = cohorts.filter(starts_on__gte=start)
        if end:
            cohorts = cohorts.filter(starts_on__lte=end)
        in_range = Q(Exists(cohorts))
        if not end or end >= self.today:
            in_range |= Q(access=Programme.Access.OPEN_ACCESS)
        return queryset.filter(in_range)

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            self.form.is_valid()
            self._qs = self.order(self.filter_queryset(self.queryset.all()))
        return self._qs

    @property
    def default_sort(self) -> str:
        return "relevance" if self.form.cleaned_data.get("q") else "title"

    @property
    def sort(self) -> str:
        """The order chosen, else the default; best match without a search to match is by title."""
        chosen = self.form.cleaned_data.get("sort") or self.default_sort
        return "title" if chosen == "relevance" and not self.form.cleaned_data.get("q") else chosen

    def order(self, queryset):
        if self.sort == "relevance":
            return queryset.order_by("-relevance", "title")
        if self.sort == "start":
            return queryset.order_by(F("next_start").asc(nulls_last=True), "title")
        return queryset.order_by("title")

    def facet_fields(self) -> list[forms.BoundField]:
        """The facets worth showing, each option labelled with its count and shown if it counts any or is chosen.

        Call before rendering the form: it sets the facet fields' choices.
        """
        self.form.is_valid()
        counts = self._option_counts()
        fields = []
        for facet in self.facets():
            name = facet.field_name
            chosen = set(self.form.cleaned_data.get(name) or [])
            self.form.fields[name].choices = [
                (value, f"{option.label} ({counts[name][value]})")
                for value, option in facet.options.items()
                if counts[name][value] or value in chosen
            ]
            if self.form.fields[name].choices:
                fields.append(self.form[name])
        return fields

    def _option_counts(self) -> dict[str, dict[str, int]]:
        """Each option's count under the search, the dates and every other facet's choices: what ticking it would
        add. One query, for the programmes the search and dates leave; the facets come from the index."""
        cleaned = self.form.cleaned_data
        facets = [facet.field_name for facet in self.facets()]
        chosen = {name: cleaned[name] for name in facets if cleaned.get(name)}
        searched = self.filter_queryset(self.queryset.all(), except_facets=facets).order_by()
        return self.index.counts(set(searched.values_list("pk", flat=True)), chosen)

    def choices_in_force(self) -> list[Choice]:
        cleaned = self.form.cleaned_data
        choices = [Choice(f"Search: {cleaned['q']}", (("q", cleaned["q"]),))] if cleaned.get("q") else []
        for facet in self.facets():
            for value in cleaned.get(facet.field_name) or []:
                label = f"{facet.label}: {facet.options[value].label}"
                choices.append(Choice(label, ((facet.field_name, value),)))
        for name in DATE_FIELDS:
            if day := cleaned.get(name):
                parts = tuple((f"{name}_{part}", str(getattr(day, part))) for part in ("day", "month", "year"))
                choices.append(Choice(f"{self.form.fields[name].label}: {date_format(day, 'j F Y')}", parts))
        return choices

    def address(self, *, without: Choice | None = None, page: int = 1) -> str:
        """This search's address, less one choice or on another page; what was invalid is left out."""
        params = [param for choice in self.choices_in_force() if choice != without for param in choice.params]
        if (sort := self.form.cleaned_data.get("sort")) and sort != self.default_sort:
            params.append(("sort", sort))
        if page > 1:
            params.append(("page", str(page)))
        return f"{self.path}?{urlencode(params)}" if params else self.path

    def tags(self) -> list[tuple[str, str]]:
        """(label, address without it) for each choice in force."""
        return [(choice.label, self.address(without=choice)) for choice in self.choices_in_force()]

    def page_address(self, number: int) -> str:
        return self.address(page=number)

    def problems(self) -> list[Problem]:
        """What was wrong with the query string, each said plainly: a field's error, or a value it did not know."""
        problems = [
            Problem(str(error), f"#{self.form[name].auto_id}")
            for name, errors in self.form.errors.items()
            for error in errors
        ]
        for facet, value in self.unknown_choices():
            problems.append(Problem(f"{facet.label} has no option “{shown(value)}”, so it was left out."))
        return problems

    def unknown_choices(self) -> list[tuple[FacetFilter, str]]:
        """(facet, value) for each value a facet does not offer (and so left out), once each."""
        unknown = []
        for facet in self.facets():
            kept = set(self.form.cleaned_data.get(facet.field_name) or [])
            values = dict.fromkeys(self.data.getlist(facet.field_name))
            unknown.extend((facet, value) for value in values if value not in kept)
        return unknown
