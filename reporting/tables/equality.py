"""Equality monitoring: applicants, offers and completions by group, with offer rates and relative likelihoods,
with every count a reader could work out from the printed ones suppressed when small."""

from collections.abc import Callable
from dataclasses import dataclass

from ..models import AgeBand, Disability, EthnicGroup, Sex
from ..suppression import SMALL_NUMBER, Line, cells_to_hide
from .base import NOT_STATED, SUPPRESSED, Cell, Table, chart_bars


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
    figures = _figures(comparison, _equality_counts(comparison, rows))
    columns = [column for column in COLUMNS if comparison.reference or not column.needs_reference]
    printed = _equality_rows(comparison)
    table = Table(
        slug=comparison.slug,
        title=comparison.title,
        headers=[column.header.format(reference=comparison.reference_label) for column in columns],
        rows=[[column.cell(figures, code, label) for column in columns] for code, label in printed],
        numeric=[column.numeric for column in columns],
        chart_measure="offer rate",
    )
    table.bars = chart_bars(
        (label, _per_mille(figures.rates[code]), _rate_text(figures.rates[code])) for code, label in printed
    )
    return table


@dataclass(frozen=True)
class GroupFigures:
    """One comparison's counts by row code and measure, the cells suppression hides, and each row's offer rate
    (None where the rate would give away a hidden count)."""

    comparison: Comparison
    counts: dict[str, dict[str, int]]
    hidden: set[tuple[str, str]]
    rates: dict[str, float | None]

    def count(self, code: str, measure: str) -> Cell:
        return Cell(self.counts[code][measure], suppressed=(code, measure) in self.hidden)


def _equality_counts(comparison: Comparison, rows: list[dict]) -> dict[str, dict[str, int]]:
    """Each group's counts (and "not stated"), then the summed group's and the total's."""
    found = {row[f"{comparison.by}_key"]: row for row in rows}
    parts = _parts(comparison)
    counts = {code: {measure: found.get(code, {}).get(measure, 0) for measure in COUNTED} for code in parts}
    if comparison.combined:
        code, _, members = comparison.combined
        counts[code] = _summed(counts, members)
    counts[TOTAL] = _summed(counts, parts)
    return counts


def _parts(comparison: Comparison) -> list[str]:
    """The codes that add up to the total: every group, and applicants who did not say."""
    return [code for code, _ in comparison.groups] + [""]


def _summed(counts: dict[str, dict[str, int]], codes) -> dict[str, int]:
    return {measure: sum(counts[code][measure] for code in codes) for measure in COUNTED}


def _figures(comparison: Comparison, counts: dict[str, dict[str, int]]) -> GroupFigures:
    hidden = _hidden(comparison, counts)
    rates = {code: _offer_rate(counts[code], code, hidden) for code in counts}
    return GroupFigures(comparison, counts, hidden, rates)


def _hidden(comparison: Comparison, counts: dict[str, dict[str, int]]) -> set[tuple[str, str]]:
    """The printed counts to suppress, given every count a reader can work out (not offered, not completed)."""
    values = {}
    for code, row in counts.items():
        values |= {(code, measure): row[measure] for measure in COUNTED}
        values |= {(code, NOT_OFFERED): row["applied"] - row["offered"]}
        values |= {(code, NOT_COMPLETED): row["offered"] - row["completed"]}
    shown = [(code, measure) for code, _ in _equality_rows(comparison) for measure in COUNTED]
    # The summary above the tables prints every applicant and every offer, so the table's total row shows them too.
    published = [(TOTAL, "applied"), (TOTAL, "offered")]
    lines = _equality_lines(comparison, _parts(comparison), list(counts))
    return cells_to_hide(values, shown, lines, published=published)


def _offer_rate(row: dict[str, int], code: str, hidden: set[tuple[str, str]]) -> float | None:
    """Offers / applicants, unless there were none or either count is hidden (the rate would give it away)."""
    if not row["applied"] or (code, "applied") in hidden or (code, "offered") in hidden:
        return None
    return row["offered"] / row["applied"]


# The columns, each a small rule that gives one row's cell; the relative likelihood only where there is a reference.


@dataclass(frozen=True)
class Column:
    header: str  # may name {reference}, the reference group
    cell: Callable[[GroupFigures, str, str], Cell]  # (figures, row code, row label)
    numeric: bool = True
    needs_reference: bool = False


def _group_cell(figures: GroupFigures, code: str, label: str) -> Cell:
    return Cell(label)


def _applicants_cell(figures: GroupFigures, code: str, label: str) -> Cell:
    return figures.count(code, "applied")


def _offered_cell(figures: GroupFigures, code: str, label: str) -> Cell:
    return figures.count(code, "offered")


def _offer_rate_cell(figures: GroupFigures, code: str, label: str) -> Cell:
    rate = figures.rates[code]
    return Cell(f"{rate:.1%}" if rate is not None else None, suppressed=rate is None)


def _likelihood_cell(figures: GroupFigures, code: str, label: str) -> Cell:
    reference = figures.comparison.reference
    return _likelihood(code, reference, figures.rates[code], figures.rates[reference])


def _completed_cell(figures: GroupFigures, code: str, label: str) -> Cell:
    return figures.count(code, "completed")


COLUMNS = (
    Column("Group", _group_cell, numeric=False),
    Column("Applicants", _applicants_cell),
    Column("Offered a place", _offered_cell),
    Column("Offer rate", _offer_rate_cell),
    Column("Relative likelihood compared with {reference}", _likelihood_cell, needs_reference=True),
    Column("Completed", _completed_cell),
)


def _per_mille(value: float | None) -> int | None:
    return None if value is None else round(value * 1000)


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
