"""Funded schemes' progress towards their targets."""

from ..selectors import Progress
from .base import Cell, Table, chart_bars


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
