"""The progression funnel's figures: how many applied, were offered, took a place, completed, went on to a
programme of a later career stage, and said, 6 or 12 months after completing, that their role changed, that they
moved up a band, that they took on leadership responsibilities; in total and broken down, for one system (or the
whole country).

Every query reads ReportFact, one query a table whatever the number of rows behind it. What a reader sees goes
through `published`: no count under the small number is shown, and every other count is rounded to the nearest 5.
Cell suppression alone protects one table, but a lead can ask for as many filtered views as they like (this month
against last month's, one organisation against all): the difference of two published counts would then give a
hidden one away. Rounding every published figure, totals included, to base 5 makes every difference a multiple
of 5, so no subtraction of published figures, within a table or across views, can give back a count of 1 to 4.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

from portal.models import IntegratedCareSystem
from portal.small_numbers import ROUNDING_BASE, published

from .models import ReportFact
from .selectors import Filters, figure_bounds
from .suppression import SMALL_NUMBER

__all__ = ["FUNNEL_BY", "ROUNDING_BASE", "SMALL_NUMBER", "STAGES", "FunnelFigures", "published"]


@dataclass(frozen=True)
class Stage:
    """One step of the funnel: its column header, and which facts it counts."""

    key: str
    header: str
    counts: Q


STAGES = (
    Stage("applied", "Applied", Q(kind=ReportFact.Kind.APPLICATION)),
    Stage("offered", "Offered a place", Q(is_offered=True)),
    Stage("enrolled", "Took a place", Q(is_enrolled=True)),
    Stage("completed", "Completed", Q(is_completed=True)),
    Stage("progressed", "Went on to a later career stage", Q(is_progressed=True)),
    # What people answered 6 or 12 months after completing (progression): self-reported, not checked.
    Stage("role_changed", "Said their role changed", Q(said_role_changed=True)),
    Stage("band_up", "Said they moved up a band", Q(said_band_up=True)),
    Stage("new_responsibilities", "Said they took on leadership responsibilities", Q(said_new_responsibilities=True)),
)


@dataclass(frozen=True)
class FunnelBy:
    """A breakdown of the funnel: the ReportFact field it is keyed by, and the field naming each key."""

    key: str
    label: str | None = None
    order: str | None = None  # a field to put the rows in order by, where their names are not the order


FUNNEL_BY = {
    "career_stage": FunnelBy("career_stage_id", "career_stage__name", "career_stage__position"),
    "profession": FunnelBy("profession_id", "profession__name"),
    "band": FunnelBy("grade"),
    "organisation": FunnelBy("organisation_id", "organisation__name"),
    "ethnic_group": FunnelBy("ethnic_group"),
    "sex": FunnelBy("sex"),
    "disability": FunnelBy("disability"),
    "age_band": FunnelBy("age_band"),
    "region": FunnelBy("region_id", "region__name"),
    "ics": FunnelBy("ics_id", "ics__name"),
}


class FunnelFigures:
    """The funnel of one system (or, with ics=None, the whole country), real facts only, or with `demo` demo
    facts only, as every other report."""

    def __init__(self, *, ics: IntegratedCareSystem | None, filters: Filters, demo: bool = False):
        self.ics = ics
        self.filters = filters
        self.demo = demo

    def totals(self) -> dict[str, int]:
        return self._facts().aggregate(**_counts())

    def rows(self, by: str) -> list[dict]:
        """One dict a group: `key`, `label` (the key itself where the field is a code), `order`, and a count for
        every stage."""
        breakdown = FUNNEL_BY[by]
        names = {
            "key": F(breakdown.key),
            "label": F(breakdown.label or breakdown.key),
            "order": F(breakdown.order or breakdown.label or breakdown.key),
        }
        return list(self._facts().values(**names).annotate(**_counts()).order_by())

    def _facts(self) -> QuerySet:
        return ReportFact.objects.filter(figure_bounds(ics=self.ics, filters=self.filters, demo=self.demo))


def _counts() -> dict:
    return {stage.key: Count("pk", filter=stage.counts) for stage in STAGES}

