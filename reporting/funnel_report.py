"""What the funnel pages and their CSV exports show, table by table, so a page and its download share one source."""

from django.urls import reverse

from portal.models import IntegratedCareSystem

from .funnel import STAGES, FunnelFigures, published
from .selectors import Filters
from .tables import SUPPRESSED, Table
from .tables.funnel import funnel_table

# (slug, title, breakdown, first column's header)
BREAKDOWNS = {
    "career-stages": ("By career stage of the programme", "career_stage", "Career stage"),
    "professions": ("By profession", "profession", "Profession"),
    "bands": ("By band or grade", "band", "Band or grade"),
    "organisations": ("By organisation", "organisation", "Organisation"),
    "ethnicity": ("By ethnic group", "ethnic_group", "Ethnic group"),
    "sex": ("By sex", "sex", "Sex"),
    "disability": ("By disability", "disability", "Disability"),
    "age": ("By age band", "age_band", "Age band"),
    "regions": ("By region", "region", "Region"),
    "systems": ("By integrated care system", "ics", "System"),
}
EQUALITY = ("ethnicity", "sex", "disability", "age")


class FunnelReport:
    """One system's funnel (a demo system's on its demo facts), or, with ics=None, the country's by region and
    system; every figure as reporting.funnel.published lets it be seen."""

    def __init__(self, *, ics: IntegratedCareSystem | None, filters: Filters):
        self.ics = ics
        self.figures = FunnelFigures(ics=ics, filters=filters, demo=bool(ics and ics.is_demo))
        self._totals = None
        if ics is None:
            self.main = ("regions", "systems", "career-stages", "professions", "bands")
        else:
            self.main = ("career-stages", "professions", "bands", "organisations")
        self.tables = (*self.main, *EQUALITY)

    def totals(self) -> dict[str, int]:
        if self._totals is None:
            self._totals = self.figures.totals()
        return self._totals

    def summary(self) -> list[tuple[str, str]]:
        """The summary list: each step's published total."""
        return [(stage.header, _text(published(self.totals()[stage.key]))) for stage in STAGES]

    def table(self, slug: str) -> Table:
        title, by, header = BREAKDOWNS[slug]
        return funnel_table(slug, title, by, header, self.figures.rows(by), self.totals())

    def export_prefix(self) -> str:
        if self.ics is None:
            return reverse("reporting:national_funnel") + "export/"
        return reverse("reporting:ics_funnel", args=[self.ics.slug]) + "export/"


def _text(value: int | None) -> str:
    return SUPPRESSED if value is None else f"{value:,}"
