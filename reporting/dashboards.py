"""What the ICS dashboard and the national view show, table by table, so pages and CSV exports share one source.

Each table is built only when asked for: an export runs the one or two queries its table needs, not the page's.
"""

from datetime import date

from django.urls import reverse

from portal.models import IntegratedCareSystem, Region

from .forms import RANKINGS
from .ring_fence import ring_fence_declaration_counts, ring_fence_table
from .scheme_places import national_scheme_places, system_scheme_places
from .selectors import (
    MEASURES,
    Figures,
    Filters,
    all_allocations,
    allocations_for_system,
    scheme_progress,
)
from .tables import (
    BANDS,
    COMPARISONS,
    MEASURE_HEADERS,
    SUPPRESSED,
    Cell,
    Table,
    by_applications,
    by_choices,
    by_month,
    chart_bars,
    equality_table,
    measure_table,
    minority_likelihood,
    ranked,
    scheme_places_table,
    scheme_table,
)

# How many rows of a long breakdown the page shows; the CSV export has every row.
PAGE_ROWS = {"programmes": 10, "organisations": 20}
EQUALITY_SLUGS = [comparison.slug for comparison in COMPARISONS]
NOT_KNOWN = "Not known (no organisation recorded)"
LIKELIHOOD_HEADER = "Relative likelihood, ethnic minority to White"
DEMO_SYSTEMS_TITLE = "Demo systems: made-up data, counted in no other figure"


def totals_list(totals: dict) -> list[tuple[str, str]]:
    return [(header, f"{totals[measure]:,}") for header, measure in zip(MEASURE_HEADERS, MEASURES, strict=True)]


class Report:
    """What every report shares: figures under the filters, their totals, schemes and equality monitoring.

    A demo system's report counts its demo facts (and says so on the page); every other report real facts only.
    """

    def __init__(self, *, ics: IntegratedCareSystem | None, filters: Filters, today: date):
        self.filters = filters
        self.today = today
        self.demo = bool(ics and ics.is_demo)
        self.figures = Figures(ics=ics, filters=filters, demo=self.demo)

    def totals(self) -> dict:
        return self.figures.totals()

    def table(self, slug: str, *, full: bool = False) -> Table:
        """The table called `slug`; `full` for every row (an export), else as many as the page shows."""
        if slug == "schemes":
            progress = scheme_progress(allocations=self.allocations(), today=self.today, demo=self.demo)
            return scheme_table(slug, progress)
        if slug == "scheme_places":
            return scheme_places_table(slug, self.scheme_places())
        comparison = COMPARISONS[EQUALITY_SLUGS.index(slug)]
        return equality_table(comparison, self.figures.rows(comparison.by))

    def allocations(self):
        return all_allocations()

    def scheme_places(self):
        return national_scheme_places()


class SystemReport(Report):
    """One ICS's dashboard under the chosen filters."""

    MAIN = ("programmes", "organisations", "professions", "bands", "months")
    TABLES = (*MAIN, *EQUALITY_SLUGS, "schemes", "scheme_places", "ring_fence")

    def __init__(self, *, ics: IntegratedCareSystem, filters: Filters, today: date):
        super().__init__(ics=ics, filters=filters, today=today)
        self.ics = ics

    def allocations(self):
        return allocations_for_system(self.ics)

    def scheme_places(self):
        return system_scheme_places(self.ics)

    def table(self, slug: str, *, full: bool = False) -> Table:
        limit = None if full else PAGE_ROWS.get(slug)
        figures = self.figures
        if slug == "programmes":
            rows = by_applications(figures.rows("programme"), "programme")
            return measure_table(slug, "By programme", "Programme", rows, limit=limit)
        if slug == "organisations":
            rows = by_applications(figures.rows("organisation"), "organisation")
            return measure_table(slug, "By organisation", "Organisation", rows, limit=limit)
        if slug == "professions":
            rows = by_applications(figures.rows("profession"), "profession")
            return measure_table(slug, "By profession", "Profession", rows)
        if slug == "bands":
            rows = by_choices(figures.rows("band"), "band", BANDS)
            return measure_table(slug, "By band or grade", "Band or grade", rows)
        if slug == "months":
            period = self.filters.period
            last = min(period.last, self.today.replace(day=1))
            rows = by_month(figures.rows("month"), period.first, last)
            return measure_table(slug, "By month of application", "Month", rows)
        if slug == "ring_fence":
            return ring_fence_table(slug, ring_fence_declaration_counts(self.ics))
        return super().table(slug, full=full)


class NationalReport(Report):
    """Every region and system side by side, ranked, with the country's schemes and equality monitoring.

    Real facts only; demo systems are ranked apart, on their demo facts, in a table of their own.
    """

    TABLES = ("regions", "systems", "demo_systems", "schemes", "scheme_places", *EQUALITY_SLUGS)

    def __init__(self, *, filters: Filters, rank_by: str, today: date):
        super().__init__(ics=None, filters=filters, today=today)
        self.rank_by = rank_by

    def table(self, slug: str, *, full: bool = False) -> Table:
        if slug == "regions":
            regions = Region.objects.order_by("name")
            named = [(region.pk, [Cell(region.name)]) for region in regions]
            return self._ranking(slug, "Regions", "region", named, name_headers=["Region"])
        if slug in ("systems", "demo_systems"):
            demo = slug == "demo_systems"
            systems = IntegratedCareSystem.objects.filter(is_demo=demo).select_related("region").order_by("name")
            named = [
                (
                    ics.pk,
                    [Cell(ics.name, href=reverse("reporting:ics_dashboard", args=[ics.slug])), Cell(ics.region.name)],
                )
                for ics in systems
            ]
            figures = Figures(ics=None, filters=self.filters, demo=True) if demo else self.figures
            title = DEMO_SYSTEMS_TITLE if demo else "Integrated care systems"
            return self._ranking(slug, title, "ics", named, name_headers=["System", "Region"], figures=figures)
        return super().table(slug, full=full)

    def _ranking(self, slug, title, by, named, name_headers, figures=None) -> Table:
        """Every place, ranked by the chosen measure; places with no figures rank with zeros, and figures of
        people whose organisation is not recorded come last, unranked."""
        figures = figures or self.figures
        found = {row[f"{by}_key"]: row for row in figures.rows(by)}
        likelihood = minority_likelihood(figures.rows(by, "ethnic_group"), by)
        empty = {"applied": 0, "offered": 0, "enrolled": 0, "completed": 0}
        rows = [{**found.get(key, empty), "key": key, "cells": cells} for key, cells in named]
        in_order = ranked(rows, self.rank_by)
        table_rows = [
            [Cell(rank), *row["cells"], *_measure_cells(row, likelihood.get(row["key"], False))]
            for rank, row in in_order
        ]
        if None in found:
            unknown = [Cell("Not ranked"), Cell(NOT_KNOWN), *[Cell("") for _ in name_headers[1:]]]
            table_rows.append([*unknown, *_measure_cells(found[None], likelihood.get(None, False))])
        table = Table(
            slug=slug,
            title=title,
            headers=["Rank", *name_headers, *MEASURE_HEADERS, "Offer rate", LIKELIHOOD_HEADER],
            rows=table_rows,
            numeric=[True, *[False for _ in name_headers], *[True] * (len(MEASURE_HEADERS) + 2)],
            chart_measure=dict(RANKINGS)[self.rank_by].lower(),
            row_header=1,
        )
        table.bars = chart_bars(
            (row["cells"][0].value, row[self.rank_by], f"{row[self.rank_by]:,}")
            for _, row in in_order
        )
        return table


def _measure_cells(row: dict, likelihood) -> list[Cell]:
    """The four counts, the offer rate and the relative likelihood (False: no figures; None: suppressed)."""
    rate = f"{row['offered'] / row['applied']:.1%}" if row["applied"] else None
    if likelihood is False:
        likelihood_cell = Cell(None)
    elif likelihood is None:
        likelihood_cell = Cell(SUPPRESSED, suppressed=True)
    else:
        likelihood_cell = Cell(f"{likelihood:.2f}")
    counts = [Cell(row[measure]) for measure in ("applied", "offered", "enrolled", "completed")]
    return [*counts, Cell(rate), likelihood_cell]
