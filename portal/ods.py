"""Organisations, systems and regions from the NHS Organisation Data Service (ODS) and its published CSV files.

ODS publishes each file with no header row, in its standard layout. The columns read here (numbered from 1):
1 the organisation's code, 2 its name, 3 its national grouping (for a trust, practice or ICB: its NHS England
region), 4 its high level health geography (for a trust or practice: its integrated care board), 11 its open date
and 12 its close date (YYYYMMDD, empty while open); the GP practice file, epraccur.csv, also has 13 the status
(A active, C closed, D dormant, P proposed) and 26 the prescribing setting (4 a GP practice; walk-in centres,
out-of-hours services and prisons have others and are left out).
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from portal.models import IntegratedCareSystem, Organisation, Region

CODE = re.compile(r"[A-Z0-9]{3,10}")
KINDS = ("region", "icb", "trust", "practice")  # the order files are imported in: parents first
# What each file's name starts with, as ODS names it; any other file is given as KIND:FILE.
FILE_PREFIXES = {"epraccur": "practice", "etr": "trust", "eicb": "icb"}
FEWEST_COLUMNS = {"region": 12, "icb": 12, "trust": 12, "practice": 26}
GP_PRACTICE_SETTING = "4"

Progress = Callable[[int, int], None]


class OdsFileError(Exception):
    """A file that cannot be imported, with the file and line to look at."""


@dataclass(frozen=True)
class OdsFile:
    path: Path
    kind: str


@dataclass(frozen=True)
class OdsRow:
    line: int
    code: str
    name: str
    region_code: str
    icb_code: str
    is_closed: bool
    included: bool = True


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    closed: int = 0


def ods_file(spec: str) -> OdsFile:
    """The file a command-line argument names, FILE or KIND:FILE, and what kind of file it is."""
    kind, separator, name = spec.partition(":")
    if separator and kind in KINDS:
        return OdsFile(path=Path(name), kind=kind)
    path = Path(spec)
    for prefix, kind in FILE_PREFIXES.items():
        if path.name.lower().startswith(prefix):
            return OdsFile(path=path, kind=kind)
    raise OdsFileError(
        f"{spec}: which ODS file this is cannot be told from its name; give it as KIND:FILE, KIND one of "
        f"{', '.join(KINDS)}."
    )


def ods_rows(ods: OdsFile) -> list[OdsRow]:
    """Every row of the file, checked; an OdsFileError names the first line that is not in the published layout."""
    try:
        data = ods.path.read_bytes()
    except OSError as error:
        raise OdsFileError(f"{ods.path}: cannot be read ({error.strerror}).") from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise OdsFileError(f"{ods.path}, line {line}: not text (a byte that is not UTF-8).") from error
    if not text.strip():
        raise OdsFileError(f"{ods.path}: the file is empty.")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        for cells in reader:
            rows.append(_row(reader.line_num, cells, ods.kind))
    except csv.Error as error:
        raise OdsFileError(
            f"{ods.path}, line {reader.line_num}: not CSV ({error}): the file may be truncated or damaged."
        ) from error
    except ValueError as error:
        raise OdsFileError(f"{ods.path}, {error}") from error
    if not text.endswith("\n"):
        raise OdsFileError(f"{ods.path}, line {reader.line_num}: the file stops mid-line, so it may be truncated.")
    return rows


def _row(line: int, cells: list[str], kind: str) -> OdsRow:
    cells = [cell.strip() for cell in cells]
    fewest = FEWEST_COLUMNS[kind]
    if len(cells) < fewest:
        raise ValueError(
            f"line {line}: {len(cells)} columns, where each row of the {kind} file has at least {fewest}: "
            "the file may be truncated, or not this kind of ODS file."
        )
    code, name = cells[0], cells[1]
    _check_code(line, "organisation code (column 1)", code)
    if not name:
        raise ValueError(f"line {line}: the name (column 2) is empty.")
    if kind == "icb":
        _check_code(line, "region code (column 3)", cells[2])
    if kind in ("trust", "practice"):
        _check_code(line, "integrated care board code (column 4)", cells[3])
    _date(line, "open date (column 11)", cells[10])
    closes = _date(line, "close date (column 12)", cells[11])
    is_closed = closes is not None and closes <= timezone.localdate()
    included = True
    if kind == "practice":
        is_closed = is_closed or _status(line, cells[12]) in ("C", "D")
        included = cells[25] == GP_PRACTICE_SETTING
    return OdsRow(line, code, name, cells[2], cells[3], is_closed, included)


def _check_code(line: int, what: str, value: str) -> None:
    if not CODE.fullmatch(value):
        raise ValueError(f"line {line}: the {what} is “{value}”, not an ODS code (3 to 10 capital letters or digits).")


def _date(line: int, what: str, value: str) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        raise ValueError(f"line {line}: the {what} is “{value}”, not a date written YYYYMMDD.") from None


def _status(line: int, value: str) -> str:
    if value not in ("A", "C", "D", "P"):
        raise ValueError(f"line {line}: the status (column 13) is “{value}”, not A, C, D or P.")
    return value


def ods_file_import(*, ods: OdsFile, progress: Progress | None = None) -> ImportCounts:
    """Create and update the file's records by ODS code, all or nothing: one transaction for the whole file."""
    rows = ods_rows(ods)
    counts = ImportCounts()
    try:
        with transaction.atomic():
            IMPORTERS[ods.kind](rows, counts, progress or (lambda done, total: None))
    except ValueError as error:
        raise OdsFileError(f"{ods.path}, {error}") from error
    return counts


def _by_code(model: type[Model], codes) -> dict[str, Model]:
    return {record.ods_code: record for record in model.objects.select_for_update().filter(ods_code__in=codes)}


def _upsert(model: type[Model], known: dict, row: OdsRow, values: dict, counts: ImportCounts) -> Model:
    """Create the row's record, or bring the one with its code up to date; the counts say which."""
    record = known.get(row.code)
    if record is None:
        record = model.objects.create(ods_code=row.code, **values)
        known[row.code] = record
        counts.created += 1
        return record
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, values[name])
    if changed:
        record.save(update_fields=changed)
    counts.updated += bool(changed)
    counts.unchanged += not changed
    return record


def _slug(row: OdsRow) -> str:
    return slugify(f"{row.name} {row.code}")[:50]


def _each(rows: list[OdsRow], progress: Progress):
    for done, row in enumerate(rows, start=1):
        yield row
        progress(done, len(rows))


def _import_regions(rows: list[OdsRow], counts: ImportCounts, progress: Progress) -> None:
    """Regions keep the name they were given when created: a region is named in the catalogue and by admins."""
    known = _by_code(Region, [row.code for row in rows])
    for row in _each(rows, progress):
        values = {} if row.code in known else {"name": row.name, "slug": _slug(row)}
        _upsert(Region, known, row, values, counts)


def _import_icbs(rows: list[OdsRow], counts: ImportCounts, progress: Progress) -> None:
    """An ICB is its system's board: each row makes the system (ICS) and the board as an organisation to work for."""
    regions = _by_code(Region, {row.region_code for row in rows})
    systems = _by_code(IntegratedCareSystem, [row.code for row in rows])
    boards = _by_code(Organisation, [row.code for row in rows])
    for row in _each(rows, progress):
        region = _parent(regions, row.line, row.region_code, "region", "the regions file")
        values = {"region_id": region.pk}
        if row.code not in systems:
            values |= {"name": row.name, "slug": _slug(row)}
        system = _upsert(IntegratedCareSystem, systems, row, values, ImportCounts())
        _organisation(boards, row, system, Organisation.Kind.ICB, counts)


def _import_organisations(rows: list[OdsRow], counts: ImportCounts, progress: Progress, *, kind: str) -> None:
    systems = _by_code(IntegratedCareSystem, {row.icb_code for row in rows})
    known = _by_code(Organisation, [row.code for row in rows])
    for row in _each(rows, progress):
        if not row.included:
            counts.skipped += 1
            continue
        system = _parent(systems, row.line, row.icb_code, "integrated care board", "the ICB file")
        _organisation(known, row, system, kind, counts)


def _organisation(known: dict, row: OdsRow, system: IntegratedCareSystem, kind: str, counts: ImportCounts) -> None:
    values = {"name": row.name, "kind": kind, "ics_id": system.pk, "is_closed": row.is_closed}
    _upsert(Organisation, known, row, values, counts)
    counts.closed += row.is_closed


def _parent(known: dict, line: int, code: str, what: str, file: str):
    if code not in known:
        raise ValueError(
            f"line {line}: the {what} {code} is not in the portal: import {file} first, or give the {what} that "
            "ODS code in the Django admin."
        )
    return known[code]


IMPORTERS = {
    "region": _import_regions,
    "icb": _import_icbs,
    "trust": partial(_import_organisations, kind=Organisation.Kind.NHS_TRUST),
    "practice": partial(_import_organisations, kind=Organisation.Kind.GP_PRACTICE),
}
