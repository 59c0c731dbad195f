"""Breakdowns by programme, organisation, band or month, with the four measures, and their ranking."""

from datetime import date

from portal.models import StaffProfile
from programmes.models import Programme

from ..selectors import MEASURES, add_months
from .base import NOT_STATED, Cell, Table, chart_bars

MEASURE_HEADERS = ("Applications", "Offers", "Enrolments", "Completions")


def measure_table(slug: str, title: str, first_header: str, rows: list[tuple[str, dict]], *, limit=None) -> Table:
    """A breakdown with the four measures; past `limit` rows the page shows the rest as one row."""
    more, charted = 0, rows
    if limit is not None and len(rows) > limit + 1:
        rest = rows[limit:]
        more = len(rest)
        others = {measure: sum(row[measure] for _, row in rest) for measure in MEASURES}
        charted = rows[:limit]
        rows = [*charted, (f"{more} other {first_header.lower()}s", others)]
    table = Table(
        slug=slug,
        title=title,
        headers=[first_header, *MEASURE_HEADERS],
        rows=[[Cell(label), *(Cell(row[measure]) for measure in MEASURES)] for label, row in rows],
        numeric=[False, True, True, True, True],
        chart_measure="applications and enrolments",
        chart_note=CHART_NOTE,
        more=more,
        page_rows=limit or 0,
    )
    table.bars = chart_bars(bar for label, row in charted for bar in measure_bars(label, row))
    return table


CHART_NOTE = (
    "Each row shows its applications, then its enrolments (places taken). Open-access programmes take no "
    "applications, so they show enrolments only."
)


def measure_bars(label: str, row: dict) -> list[tuple[str, int, str]]:
    """A row's bars: its applications, then its enrolments (places taken); an open-access programme has no
    application, so only its enrolments. The label goes on the row's first bar."""
    bars = [] if row.get("programme_access") == Programme.Access.OPEN_ACCESS else [(row["applied"], "application")]
    bars.append((row["enrolled"], "enrolment"))
    return [(label if index == 0 else "", value, counted(value, noun)) for index, (value, noun) in enumerate(bars)]


def counted(value: int, noun: str) -> str:
    return f"{value:,} {noun}{'' if value == 1 else 's'}"


def ranked(rows: list[dict], measure: str) -> list[tuple[int, dict]]:
    """Largest first; equal values share a rank (1, 2, 2, 4)."""
    ordered = sorted(rows, key=lambda row: -row[measure])
    result, rank = [], 0
    for position, row in enumerate(ordered, start=1):
        if position == 1 or row[measure] != ordered[position - 2][measure]:
            rank = position
        result.append((rank, row))
    return result


def by_applications(rows: list[dict], by: str, *, not_stated: str = NOT_STATED) -> list[tuple[str, dict]]:
    """Rows labelled by their name, most applications first, then by name."""
    labelled = [(row.get(f"{by}_label") or not_stated, row) for row in rows]
    return sorted(labelled, key=lambda item: (-item[1]["applied"], item[0]))


def by_choices(rows: list[dict], by: str, choices) -> list[tuple[str, dict]]:
    """Rows in the order of their choices, then anything not answered."""
    found = {row[f"{by}_key"]: row for row in rows}
    ordered = [(label, found[value]) for value, label in choices if value in found]
    if "" in found:
        ordered.append((NOT_STATED, found[""]))
    known = {value for value, _ in choices} | {""}
    return ordered + [(str(key), row) for key, row in found.items() if key not in known]


BANDS = StaffProfile.Grade.choices


def months_between(first: date, last: date) -> list[date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def by_month(rows: list[dict], first: date | None, last: date) -> list[tuple[str, dict]]:
    """Every month of the period, with zeros where nobody applied, so gaps show."""
    found = {row["month_key"]: row for row in rows}
    if first is None:
        first = min(found, default=last.replace(day=1))
    empty = dict.fromkeys(MEASURES, 0)
    return [(f"{month:%B %Y}", found.get(month, empty)) for month in months_between(first, last)]
