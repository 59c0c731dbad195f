"""The aggregate queries every report runs: one query a table, whatever the number of rows behind it.

Figures come from the reporting tables reporting.services.reports_refresh rebuilds: MonthlyFigure (a few thousand
rows a system) when one dimension is asked for, the ReportFact rows of one programme or organisation when a
filter needs two. Only the aggregated rows reach Python.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from portal.models import IntegratedCareSystem, Organisation
from programmes.models import Programme, SchemeAllocation

from .models import EQUALITY_DIMENSIONS, Dimension, MonthlyFigure, ReportFact, ReportsRefresh

MEASURES = ("applied", "offered", "enrolled", "completed")
# How many full months before this one a funded scheme's rate of enrolment is measured over.
RATE_MONTHS = 6


@dataclass(frozen=True)
class Period:
    """Months of application, both ends included; None leaves that end open."""

    first: date | None
    last: date | None
    label: str


@dataclass(frozen=True)
class Filters:
    period: Period
    programme: Programme | None = None
    organisation: Organisation | None = None


@dataclass(frozen=True)
class By:
    """A way to break figures down: the MonthlyFigure rows that hold it, and the column it is keyed by."""

    dimension: str
    figure_key: str
    fact_key: str
    label: str | None = None
    extra: tuple[tuple[str, str], ...] = ()  # (name suffix, field) of more columns to fetch with the label


BY = {
    "programme": By(
        Dimension.PROGRAMME,
        "programme_id",
        "programme_id",
        "programme__title",
        extra=(("access", "programme__access"),),
    ),
    "organisation": By(Dimension.ORGANISATION, "organisation_id", "organisation_id", "organisation__name"),
    "profession": By(Dimension.PROFESSION, "profession_id", "profession_id", "profession__name"),
    "band": By(Dimension.BAND, "code", "grade"),
    "ethnic_group": By(Dimension.ETHNIC_GROUP, "code", "ethnic_group"),
    "sex": By(Dimension.SEX, "code", "sex"),
    "disability": By(Dimension.DISABILITY, "code", "disability"),
    "age_band": By(Dimension.AGE_BAND, "code", "age_band"),
    # Every MonthlyFigure row carries these, so they need no dimension of their own.
    "month": By(Dimension.TOTAL, "month", "month"),
    "ics": By(
        Dimension.TOTAL, "ics_id", "ics_id", "ics__name", extra=(("slug", "ics__slug"), ("region", "ics__region__name"))
    ),
    "region": By(Dimension.TOTAL, "region_id", "region_id", "region__name"),
}


class Figures:
    """Applications, offers, enrolments and completions of one system (or, with ics=None, the whole country).

    Real facts only, or with `demo` demo facts only: the two are never added together.
    """

    def __init__(self, *, ics: IntegratedCareSystem | None, filters: Filters, demo: bool = False):
        self.ics = ics
        self.filters = filters
        self.demo = demo

    def totals(self) -> dict:
        return self._queryset(()).aggregate(**self._measures(()))

    def rows(self, *bys: str) -> list[dict]:
        """One dict a group: `<by>_key` and, for named things, `<by>_label`, then the four measures."""
        fields = {}
        for name in bys:
            by = BY[name]
            fields[f"{name}_key"] = F(by.fact_key if self._from_facts(bys) else by.figure_key)
            if by.label:
                fields[f"{name}_label"] = F(by.label)
            fields.update({f"{name}_{suffix}": F(field) for suffix, field in by.extra})
        return list(self._queryset(bys).values(**fields).annotate(**self._measures(bys)).order_by())

    def _wanted(self, bys) -> set:
        wanted = {BY[name].dimension for name in bys} - {Dimension.TOTAL}
        if self.filters.programme:
            wanted.add(Dimension.PROGRAMME)
        if self.filters.organisation:
            wanted.add(Dimension.ORGANISATION)
        return wanted

    def _from_facts(self, bys) -> bool:
        """MonthlyFigure rows hold one dimension at a time: two (a breakdown and a filter) need the facts."""
        return len(self._wanted(bys)) > 1

    def _queryset(self, bys) -> QuerySet:
        bounds = figure_bounds(ics=self.ics, filters=self.filters, demo=self.demo)
        if self._from_facts(bys):
            facts = ReportFact.objects.filter(bounds)
            if self._wanted(bys) & EQUALITY_DIMENSIONS:
                facts = facts.filter(kind=ReportFact.Kind.APPLICATION)
            return facts
        (dimension,) = self._wanted(bys) or {Dimension.TOTAL}
        return MonthlyFigure.objects.filter(bounds, dimension=dimension)

    def _measures(self, bys) -> dict:
        if self._from_facts(bys):
            return {
                "applied": Count("pk", filter=Q(kind=ReportFact.Kind.APPLICATION)),
                "offered": Count("pk", filter=Q(is_offered=True)),
                "enrolled": Count("pk", filter=Q(is_enrolled=True)),
                "completed": Count("pk", filter=Q(is_completed=True)),
            }
        columns = ("applications", "offers", "enrolments", "completions")
        return {measure: Coalesce(Sum(column), 0) for measure, column in zip(MEASURES, columns, strict=True)}


def figure_bounds(*, ics: IntegratedCareSystem | None, filters: Filters, demo: bool) -> Q:
    """The facts or figures of one system (or every one) under the filters: real ones, or with `demo` demo ones."""
    period = filters.period
    bounds = Q(is_demo=demo)
    if period.first:
        bounds &= Q(month__gte=period.first)
    if period.last:
        bounds &= Q(month__lte=period.last)
    if ics:
        bounds &= Q(ics=ics)
    if filters.programme:
        bounds &= Q(programme=filters.programme)
    if filters.organisation:
        bounds &= Q(organisation=filters.organisation)
    return bounds


def last_refresh() -> ReportsRefresh | None:
    return ReportsRefresh.objects.filter(finished_at__isnull=False).first()


@dataclass(frozen=True)
class Progress:
    """A funded scheme's allocation and how far its area has got towards the target."""

    allocation: SchemeAllocation
    enrolled: int | None  # None: the allocation names no system or region to count in
    recent: int  # enrolments in the RATE_MONTHS full months before this one
    projected: date | None  # the month the target is met at the recent rate; None when it is met or never will be

    @property
    def target(self) -> int | None:
        return self.allocation.target_leaders

    @property
    def counted(self) -> bool:
        return self.enrolled is not None

    @property
    def met(self) -> bool:
        return self.counted and self.target is not None and self.enrolled >= self.target

    @property
    def rate(self) -> float:
        return self.recent / RATE_MONTHS

    @property
    def percent(self) -> int | None:
        if not self.counted or not self.target:
            return None
        return min(100, self.enrolled * 100 // self.target)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def projected_month(*, enrolled: int, target: int | None, recent: int, today: date) -> date | None:
    """The month the target is met if enrolments go on at the rate of the last RATE_MONTHS full months.

    None when there is no target, it is met already, or the rate is zero (then it will not be met).
    Remaining places / monthly rate, rounded up to whole months, counted from this month.
    """
    if target is None or enrolled >= target or recent == 0:
        return None
    return add_months(today.replace(day=1), -(-(target - enrolled) * RATE_MONTHS // recent))


def scheme_progress(*, allocations: QuerySet[SchemeAllocation], today: date, demo: bool = False) -> list[Progress]:
    """Each allocation's enrolments so far and lately, in one query however many allocations there are.

    Staff "in the area" work in the allocation's system, or, for an allocation to a whole region, anywhere in it.
    Real enrolments only, or with `demo` demo ones only.
    """
    this_month = today.replace(day=1)
    since = add_months(this_month, -RATE_MONTHS)

    def enrolled(area: str, recent: bool = False):
        rows = MonthlyFigure.objects.filter(
            dimension=Dimension.ENROLLED,
            is_demo=demo,
            programme__funded_schemes=OuterRef("scheme_id"),
            **{area: OuterRef(area)},
        )
        if recent:
            rows = rows.filter(month__gte=since, month__lt=this_month)
        total = rows.order_by().values("dimension").annotate(total=Sum("enrolments")).values("total")
        return Coalesce(Subquery(total), 0)

    annotated = allocations.select_related("scheme", "ics", "region").annotate(
        by_ics=enrolled("ics"),
        by_ics_recent=enrolled("ics", recent=True),
        by_region=enrolled("region"),
        by_region_recent=enrolled("region", recent=True),
    )
    progress = []
    for allocation in annotated:
        if allocation.ics_id:
            total, recent = allocation.by_ics, allocation.by_ics_recent
        elif allocation.region_id:
            total, recent = allocation.by_region, allocation.by_region_recent
        else:
            total, recent = None, 0
        projected = None
        if total is not None:
            projected = projected_month(enrolled=total, target=allocation.target_leaders, recent=recent, today=today)
        progress.append(Progress(allocation=allocation, enrolled=total, recent=recent, projected=projected))
    return progress


def allocations_for_system(ics: IntegratedCareSystem) -> QuerySet[SchemeAllocation]:
    """The system's own allocations, and those to its whole region, which its staff count towards."""
    return SchemeAllocation.objects.filter(Q(ics=ics) | Q(ics__isnull=True, region=ics.region_id)).order_by(
        "scheme__name", "area_name"
    )


def all_allocations() -> QuerySet[SchemeAllocation]:
    return SchemeAllocation.objects.order_by("scheme__name", "area_name")
