"""The progression funnel's tables: a row a group, a column a step of the funnel, the total last; every count
as reporting.funnel.published lets a reader see it (under the small number suppressed, else rounded to 5)."""

from portal.models import StaffProfile

from ..funnel import STAGES, published
from ..models import AgeBand, Disability, EthnicGroup, Sex
from .base import NOT_STATED, Cell, Table

# Breakdowns keyed by a code, and the names of their codes in the order they are listed.
CODE_NAMES = {
    "band": StaffProfile.Grade.choices,
    "ethnic_group": EthnicGroup.choices,
    "sex": Sex.choices,
    "disability": Disability.choices,
    "age_band": AgeBand.choices,
}
ALL_LABEL = "All"


def funnel_cells(counts: dict[str, int]) -> list[Cell]:
    cells = []
    for stage in STAGES:
        shown = published(counts[stage.key])
        cells.append(Cell(shown, suppressed=shown is None))
    return cells


def funnel_table(slug: str, title: str, by: str, first_header: str, rows: list[dict], totals: dict) -> Table:
    """One breakdown of the funnel, its groups in order (those nobody recorded last), then everyone."""
    labelled = _in_order(by, rows)
    table_rows = [[Cell(label), *funnel_cells(row)] for label, row in labelled]
    table_rows.append([Cell(ALL_LABEL), *funnel_cells(totals)])
    return Table(
        slug=slug,
        title=title,
        headers=[first_header, *(stage.header for stage in STAGES)],
        rows=table_rows,
        numeric=[False, *(True for _ in STAGES)],
    )


def _in_order(by: str, rows: list[dict]) -> list[tuple[str, dict]]:
    stated = [row for row in rows if row["key"] not in (None, "")]
    missing = [row for row in rows if row["key"] in (None, "")]
    if by in CODE_NAMES:
        names = dict(CODE_NAMES[by])
        position = {code: index for index, code in enumerate(names)}
        ordered = sorted(stated, key=lambda row: (position.get(row["key"], len(position)), str(row["key"])))
        labelled = [(str(names.get(row["key"], row["key"])), row) for row in ordered]
    else:
        ordered = sorted(stated, key=lambda row: (row["order"], row["key"]))
        labelled = [(row["label"], row) for row in ordered]
    return labelled + [(NOT_STATED, row) for row in missing]
