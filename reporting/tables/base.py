"""What every report table is made of: cells, chart bars, the CSV writer.

One Table feeds the page, the chart and the CSV export, so a chart, its data table and the CSV can never disagree.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field

from portal.csv_export import neutralise

SUPPRESSED = "[c]"
NOT_STATED = "Not stated"
# The chart's drawing, in SVG user units.
CHART_WIDTH, LABEL_WIDTH, BAR_SPACE, ROW_HEIGHT = 720, 300, 270, 28
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
    chart_note: str = ""  # under the chart: how to read it
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
