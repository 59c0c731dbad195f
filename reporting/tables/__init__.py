"""Report tables as the pages, the charts and the CSV exports show them, built from aggregated rows, one module
per kind of table: base (cells, bars, CSV), breakdowns, equality monitoring and funded schemes."""

from .base import SUPPRESSED, Bar, Cell, Table, chart_bars, write_csv
from .breakdowns import BANDS, MEASURE_HEADERS, by_applications, by_choices, by_month, measure_table, ranked
from .equality import COMPARISONS, MINORITY, TOTAL, Comparison, equality_table, minority_likelihood
from .scheme_places import scheme_places_table
from .schemes import scheme_table

__all__ = [
    "BANDS",
    "COMPARISONS",
    "MEASURE_HEADERS",
    "MINORITY",
    "SUPPRESSED",
    "TOTAL",
    "Bar",
    "Cell",
    "Comparison",
    "Table",
    "by_applications",
    "by_choices",
    "by_month",
    "chart_bars",
    "equality_table",
    "measure_table",
    "minority_likelihood",
    "ranked",
    "scheme_places_table",
    "scheme_table",
    "write_csv",
]
