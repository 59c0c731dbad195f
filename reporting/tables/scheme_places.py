"""Funded schemes' places: what each scheme's allocated places have come to, its spend and its target."""

from decimal import Decimal

from ..scheme_places import SchemePlaces
from .base import NOT_STATED, Cell, Table, chart_bars

HEADERS = [
    "Scheme",
    "Places allocated",
    "Nominated",
    "Offered",
    "Taken",
    "Released",
    "Spend (fee × places taken)",
    "Scheme's amount",
    "Target (leaders)",
    "Projection",
]


def money(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def spend_text(row: SchemePlaces) -> str:
    if not row.priced:
        return NOT_STATED
    if row.unpriced:
        return f"{money(row.spend)} (fee not stated for {row.unpriced} of the places taken)"
    return money(row.spend)


def amount_text(row: SchemePlaces) -> str:
    if row.amount is None:
        return NOT_STATED
    if not row.priced or not row.amount:
        return money(row.amount)
    return f"{money(row.amount)} ({row.spend * 100 / row.amount:.1f}% spent)"


def projection_text(row: SchemePlaces) -> str:
    """Where the target stands if every place allocated now is taken."""
    if row.target is None:
        return "No target stated"
    if row.taken >= row.target:
        return "Met"
    if row.allocated >= row.target:
        return f"Met if every allocated place is taken ({row.target - row.taken} more)"
    reach = row.allocated * 100 // row.target
    return f"{reach}% of the target if every allocated place is taken: {row.target - row.allocated} places short"


def scheme_places_table(slug: str, rows: list[SchemePlaces]) -> Table:
    table = Table(
        slug=slug,
        title="Funded schemes' places",
        headers=HEADERS,
        rows=[
            [
                Cell(row.scheme.name),
                *(Cell(value) for value in (row.allocated, row.nominated, row.offered, row.taken, row.released)),
                Cell(spend_text(row)),
                Cell(amount_text(row)),
                Cell(row.target if row.target is not None else NOT_STATED),
                Cell(projection_text(row)),
            ]
            for row in rows
        ],
        numeric=[False, True, True, True, True, True, False, False, True, False],
        chart_measure="places taken",
        row_header=0,
    )
    table.bars = chart_bars((row.scheme.name, row.taken, f"{row.taken:,} taken") for row in rows)
    return table
