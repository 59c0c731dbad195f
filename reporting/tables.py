"""Report tables as the pages, the charts and the CSV exports show them, built from aggregated rows.

One Table feeds all three, so a chart, its data table and the CSV can never disagree.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from portal.csv_export import neutralise
from portal.models import StaffProfile

from .models import AgeBand, Disability, EthnicGroup, Sex
from .selectors import MEASURES, Progress, add_months
from .suppression import SMALL_NUMBER, Line, cells_to_hide

SUPPRESSED = "[c]"
NOT_STATED = "Not stated"
MEASURE_HEADERS = ("Applications", "Offers", "Enrolments", "Completions")
# Cells a spreadsheet would run as a formula: such a cell is written with a leading apostrophe.
# The chart's drawing, in SVG user units.
CHART_WIDTH, LABEL_WIDTH, BAR_SPACE, ROW_HEIGHT = 720, 300, 330, 28
CHART_LABEL_LENGTH = 40


@dataclass(frozen=True)
class Cell:
    value: int | float | str | None
    suppressed: bool = False
    href: str = ""

    @property
    def text(self) -> str:
        if self.suppressed:
            return SUPPRESSED
        if self.value is None:
            return ""
        if isinstance(self.value, int):
            return f"{self.value:,}"
        return str(self.value)


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + 14

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass
class Table:
    slug: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    numeric: list[bool]
    chart_measure: str = ""
    bars: list[Bar] = field(default_factory=list)
    more: int = 0  # rows the page shows as one (the CSV has them all)
    page_rows: int = 0
    row_header: int = 0  # the column that names each row

    @property
    def chart_height(self) -> int:
        return len(self.bars) * ROW_HEIGHT + 8

    @property
    def chart_width(self) -> int:
        return CHART_WIDTH

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    def header_cells(self):
        return zip(self.headers, self.numeric, strict=True)

    def body(self):
        """Rows with each cell's column kind, for the template."""
        return [list(zip(row, self.numeric, strict=True)) for row in self.rows]


def write_csv(table: Table, file) -> None:
    """Every row, every cell as the page shows it, made safe to open in a spreadsheet."""
    writer = csv.writer(file)
    writer.writerow([neutralise(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([neutralise(cell.text.replace(",", "") if _is_count(cell) else cell.text) for cell in row])


def _is_count(cell: Cell) -> bool:
    return isinstance(cell.value, int) and not cell.suppressed


def chart_bars(labels_and_values: Iterable[tuple[str, int | None, str]]) -> list[Bar]:
    """Horizontal bars scaled to the largest value; a suppressed value gets no bar, only its [c]."""
    items = list(labels_and_values)
    largest = max((value for _, value, _ in items if value), default=0)
    bars = []
    for index, (label, value, text) in enumerate(items):
        short = label if len(label) <= CHART_LABEL_LENGTH else label[: CHART_LABEL_LENGTH - 1] + "…"
        width = round(BAR_SPACE * value / largest) if value and largest else 0
        bars.append(Bar(label=short, value_text=text, y=index * ROW_HEIGHT + 4, width=width))
    return bars


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
        chart_measure="applications",
        more=more,
        page_rows=limit or 0,
    )
    table.bars = chart_bars((label, row["applied"], f"{row['applied']:,}") for label, row in charted)
    return table


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


# --------------------------------------------------------------------------------------------------------------
# Equality monitoring


@dataclass(frozen=True)
class Comparison:
    """One equality question's report: its groups, the group others are compared with, and any summed group."""

    by: str
    slug: str
    title: str
    groups: tuple[tuple[str, str], ...]
    reference: str = ""
    reference_label: str = ""
    combined: tuple[str, str, tuple[str, ...]] | None = None  # (code, label, the groups it adds up)


MINORITY = "minority"
COMPARISONS = (
    Comparison(
        by="ethnic_group",
        slug="ethnicity",
        title="Ethnic group",
        groups=tuple(
            (group.value, group.label)
            for group in (
                EthnicGroup.ASIAN,
                EthnicGroup.BLACK,
                EthnicGroup.MIXED,
                EthnicGroup.OTHER,
                EthnicGroup.WHITE,
                EthnicGroup.PREFER_NOT,
            )
        ),
        reference=EthnicGroup.WHITE,
        reference_label="White applicants",
        combined=(
            MINORITY,
            "All ethnic minority groups (Asian, Black, Mixed and Other)",
            (EthnicGroup.ASIAN, EthnicGroup.BLACK, EthnicGroup.MIXED, EthnicGroup.OTHER),
        ),
    ),
    Comparison(by="sex", slug="sex", title="Sex", groups=tuple(Sex.choices)),
    Comparison(
        by="disability",
        slug="disability",
        title="Disability",
        groups=tuple(Disability.choices),
        reference=Disability.NO,
        reference_label="applicants who are not disabled",
    ),
    Comparison(by="age_band", slug="age", title="Age band", groups=tuple(AgeBand.choices)),
)
TOTAL = "total"
COUNTED = ("applied", "offered", "completed")
# Counts a table does not print but a reader can work out: applicants not offered, offers not completed.
NOT_OFFERED, NOT_COMPLETED = "not_offered", "not_completed"


def _equality_rows(comparison: Comparison) -> list[tuple[str, str]]:
    """(code, label) of every row in print order: groups, the summed group after its parts, then the total."""
    rows = []
    for code, label in comparison.groups:
        rows.append((code, label))
        if comparison.combined and code == comparison.combined[2][-1]:
            rows.append(comparison.combined[:2])
    return [*rows, ("", NOT_STATED), (TOTAL, "All applicants")]


def equality_table(comparison: Comparison, rows: list[dict]) -> Table:
    """Applicants, offers and completions by group, with offer rates and relative likelihoods, suppressed.

    Relative likelihood = (the group's offers / its applicants) / (the reference group's offers / its
    applicants), as the NHS Workforce Race Equality Standard compares groups. Above 1: more likely than the
    reference group to be offered a place; below 1: less likely.
    """
    found = {row[f"{comparison.by}_key"]: row for row in rows}
    parts = [code for code, _ in comparison.groups] + [""]
    counts = {code: {measure: found.get(code, {}).get(measure, 0) for measure in COUNTED} for code in parts}
    if comparison.combined:
        code, _, members = comparison.combined
        counts[code] = {measure: sum(counts[member][measure] for member in members) for measure in COUNTED}
    counts[TOTAL] = {measure: sum(counts[code][measure] for code in parts) for measure in COUNTED}

    values = {}
    for code in counts:
        applied, offered, completed = (counts[code][measure] for measure in COUNTED)
        values |= {
            (code, "applied"): applied,
            (code, "offered"): offered,
            (code, "completed"): completed,
            (code, NOT_OFFERED): applied - offered,
            (code, NOT_COMPLETED): offered - completed,
        }
    shown = [(code, measure) for code, _ in _equality_rows(comparison) for measure in COUNTED]
    # The summary above the tables prints every applicant and every offer, so the table's total row shows them too.
    published = [(TOTAL, "applied"), (TOTAL, "offered")]
    hidden = cells_to_hide(values, shown, _equality_lines(comparison, parts, list(counts)), published=published)

    def visible(code, *measures):
        return all((code, measure) not in hidden for measure in measures)

    def rate(code):
        applied, offered = counts[code]["applied"], counts[code]["offered"]
        return offered / applied if applied and visible(code, "applied", "offered") else None

    reference_rate = rate(comparison.reference) if comparison.reference else None
    table_rows = []
    for code, label in _equality_rows(comparison):
        row = [Cell(label)]
        for measure in ("applied", "offered"):
            row.append(Cell(counts[code][measure], suppressed=(code, measure) in hidden))
        group_rate = rate(code)
        row.append(Cell(f"{group_rate:.1%}" if group_rate is not None else None, suppressed=group_rate is None))
        if comparison.reference:
            row.append(_likelihood(code, comparison.reference, group_rate, reference_rate))
        row.append(Cell(counts[code]["completed"], suppressed=(code, "completed") in hidden))
        table_rows.append(row)

    headers = ["Group", "Applicants", "Offered a place", "Offer rate"]
    if comparison.reference:
        headers.append(f"Relative likelihood compared with {comparison.reference_label}")
    headers.append("Completed")
    table = Table(
        slug=comparison.slug,
        title=comparison.title,
        headers=headers,
        rows=table_rows,
        numeric=[False, *[True] * (len(headers) - 1)],
        chart_measure="offer rate",
    )
    table.bars = chart_bars(
        (label, round(rate(code) * 1000) if rate(code) is not None else None, _rate_text(rate(code)))
        for code, label in _equality_rows(comparison)
    )
    return table


def _rate_text(value: float | None) -> str:
    return SUPPRESSED if value is None else f"{value:.1%}"


def _likelihood(code, reference, group_rate, reference_rate) -> Cell:
    if code == reference:
        return Cell("1.00 (reference)" if reference_rate is not None else None, suppressed=reference_rate is None)
    if code in (TOTAL,) or group_rate is None or not reference_rate:
        return Cell(None, suppressed=code != TOTAL)
    return Cell(f"{group_rate / reference_rate:.2f}")


def _equality_lines(comparison: Comparison, parts: list[str], rows: list[str]) -> list[Line]:
    """Every sum a reader could use: each column adds up to the total, the summed group to its parts, and the total
    to the summed group and the rest; in each row applicants = offered + not offered = completed + not completed
    + not offered."""
    lines = []
    for measure in (*COUNTED, NOT_OFFERED, NOT_COMPLETED):
        lines.append(Line((TOTAL, measure), tuple((code, measure) for code in parts)))
        if comparison.combined:
            code, _, members = comparison.combined
            lines.append(Line((code, measure), tuple((member, measure) for member in members)))
            rest = [part for part in parts if part not in members]
            lines.append(Line((TOTAL, measure), ((code, measure), *((part, measure) for part in rest))))
    for code in rows:
        lines.append(Line((code, "applied"), ((code, "offered"), (code, NOT_OFFERED))))
        lines.append(Line((code, "offered"), ((code, "completed"), (code, NOT_COMPLETED))))
    return lines


def minority_likelihood(rows: list[dict], by: str) -> dict:
    """Per system or region: minority groups' offer rate / White applicants' offer rate; None when any of the
    four counts behind it is under the small number (so the ratio cannot stand in for a suppressed count)."""
    sums = {}
    minority = set(COMPARISONS[0].combined[2])
    for row in rows:
        key, group = row[f"{by}_key"], row["ethnic_group_key"]
        side = "white" if group == EthnicGroup.WHITE else "minority" if group in minority else None
        if side:
            totals = sums.setdefault(key, {"white": [0, 0], "minority": [0, 0]})
            totals[side][0] += row["applied"]
            totals[side][1] += row["offered"]
    result = {}
    for key, totals in sums.items():
        (white_applied, white_offered), (minority_applied, minority_offered) = totals["white"], totals["minority"]
        if min(white_applied, white_offered, minority_applied, minority_offered) < SMALL_NUMBER:
            result[key] = None
        else:
            result[key] = (minority_offered / minority_applied) / (white_offered / white_applied)
    return result


# --------------------------------------------------------------------------------------------------------------
# Funded schemes


def scheme_table(slug: str, progress: list[Progress]) -> Table:
    rows = []
    for item in progress:
        allocation = item.allocation
        rows.append(
            [
                Cell(allocation.scheme.name),
                Cell(_area(allocation)),
                Cell(item.target if item.target is not None else "No target stated"),
                Cell(item.enrolled if item.counted else "Not counted"),
                Cell(f"{item.percent}%" if item.percent is not None else None),
                Cell(f"{item.rate:.1f}" if item.counted else None),
                Cell(_projection(item)),
            ]
        )
    table = Table(
        slug=slug,
        title="Funded schemes",
        headers=[
            "Scheme",
            "Area",
            "Target (leaders)",
            "Enrolled so far",
            "Progress",
            "Enrolments a month (last 6 full months)",
            "Target met",
        ],
        rows=rows,
        numeric=[False, False, True, True, True, True, False],
        chart_measure="progress towards the target",
    )
    table.bars = chart_bars(
        (f"{item.allocation.scheme.name}: {item.allocation.area_name}", item.percent, f"{item.percent}%")
        for item in progress
        if item.percent is not None
    )
    return table


def _area(allocation) -> str:
    if allocation.ics_id:
        return f"{allocation.area_name} ({allocation.ics.name})"
    if allocation.region_id:
        return f"{allocation.area_name} ({allocation.region.name} region)"
    return allocation.area_name


def _projection(item: Progress) -> str:
    if not item.counted:
        return "Not counted: the allocation is not linked to a system or region"
    if item.target is None:
        return "No target stated"
    if item.met:
        return "Met"
    if item.projected is None:
        return "Not on track to be met"
    return f"By {item.projected:%B %Y} at the current rate"
