"""Links funded schemes' allocations, academies and cohorts to integrated care systems by the ODS code of each
system's board, from a small CSV file the user provides (`manage.py link_ods FILE`).

The file has a header row naming its columns `kind`, `key` and `ods_code`, then one link a line:

    kind,key,ods_code
    allocation,surrey-500/Surrey Heartlands,QXU
    academy,surrey-heartlands-academy,QXU
    cohort,42,QXU

`key` is "<scheme slug>/<area name>" for an allocation, the academy's slug, or the cohort's id. The whole file is
checked first and written in one transaction: a malformed line, an unknown key, an ODS code of no imported system
or of a closed board, or a demo record and a real system (or the reverse) stops it with the line, and nothing is
written. A record already linked to the system is left as it is, so running the file again changes nothing. Each
link made is in the audit log.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import models, transaction

from academies.models import Academy
from enrolment.models import Cohort
from portal.audit import audit_record
from portal.ics_links import ics_link_problem
from portal.models import AuditEntry, IntegratedCareSystem
from programmes.models import SchemeAllocation

COLUMNS = ("kind", "key", "ods_code")
ACTOR = "manage.py link_ods"
Progress = Callable[[str], None]


class OdsLinkError(Exception):
    """The file cannot be applied; the message names the line. Nothing was written."""


@dataclass(frozen=True)
class LinkLine:
    line: int
    kind: str
    key: str
    ods_code: str


@dataclass
class LinkCounts:
    linked: int = 0
    unchanged: int = 0


def _allocation(key: str) -> models.QuerySet:
    scheme, _, area = key.partition("/")
    return SchemeAllocation.objects.select_related("scheme").filter(scheme__slug=scheme, area_name=area)


def _cohort(key: str) -> models.QuerySet:
    number = key.isascii() and key.isdigit() and len(key) <= 9
    return Cohort.objects.filter(pk=int(key)) if number else Cohort.objects.none()


# Each kind: how its key finds the record, whether the record is demo data, and how the key is written.
KINDS = {
    "allocation": (_allocation, lambda record: record.scheme.is_demo, "<scheme slug>/<area name>"),
    "academy": (lambda key: Academy.objects.filter(slug=key), lambda record: record.is_demo, "the academy's slug"),
    "cohort": (_cohort, lambda record: record.is_demo, "the cohort's number"),
}


def ods_link_lines(path: Path) -> list[LinkLine]:
    """The file's lines, each with its three columns filled in; an OdsLinkError names the first that is not."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise OdsLinkError(f"{path}: cannot be read ({error.strerror}).") from error
    except UnicodeDecodeError as error:
        raise OdsLinkError(f"{path}: not a text file in UTF-8.") from error
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        if tuple(header) != COLUMNS:
            raise OdsLinkError(f"{path}, line 1: the header must be {','.join(COLUMNS)}.")
        return [line for cells in reader if (line := _line(path, reader.line_num, cells))]
    except csv.Error as error:
        raise OdsLinkError(f"{path}, line {reader.line_num}: not CSV ({error}).") from error


def _line(path: Path, number: int, cells: list[str]) -> LinkLine | None:
    cells = [cell.strip() for cell in cells]
    if not any(cells):
        return None
    if len(cells) != len(COLUMNS) or not all(cells):
        raise OdsLinkError(f"{path}, line {number}: give three values, kind, key and ODS code.")
    kind, key, code = cells
    if kind not in KINDS:
        raise OdsLinkError(f"{path}, line {number}: the kind is “{kind}”, not one of {', '.join(KINDS)}.")
    return LinkLine(number, kind, key, code.upper())


@transaction.atomic
def ods_links_apply(*, path: Path, progress: Progress | None = None) -> LinkCounts:
    """Applies every line of the file, or none."""
    lines = ods_link_lines(path)
    counts = LinkCounts()
    seen: dict[tuple[str, str], int] = {}
    for line in lines:
        earlier = seen.setdefault((line.kind, line.key), line.line)
        if earlier != line.line:
            raise OdsLinkError(f"{path}, line {line.line}: this {line.kind} is already linked on line {earlier}.")
        try:
            change = _apply(line, counts)
        except OdsLinkError as error:
            raise OdsLinkError(f"{path}, {error}") from error
        if change and progress:
            progress(f"line {line.line}: {change}")
    return counts


def _apply(line: LinkLine, counts: LinkCounts) -> str | None:
    find, demo, written = KINDS[line.kind]
    record = find(line.key).select_for_update(of=("self",)).first()
    if record is None:
        raise OdsLinkError(f"line {line.line}: there is no {line.kind} “{line.key}” (the key is {written}).")
    ics = IntegratedCareSystem.objects.filter(ods_code=line.ods_code).first()
    if ics is None:
        raise OdsLinkError(
            f"line {line.line}: no ICS has the ODS code {line.ods_code}: import its board with import_ods first."
        )
    problem = ics_link_problem(record=record, ics=ics, is_demo=demo(record))
    if problem:
        raise OdsLinkError(f"line {line.line}: {problem}")
    if record.ics_id == ics.pk:
        counts.unchanged += 1
        return None
    before = record.ics_id
    record.ics = ics
    record.save(update_fields=["ics"])
    audit_record(
        action=AuditEntry.Action.ICS_LINKED,
        actor_label=ACTOR,
        target=record,
        summary=f"ics {ics.pk} (ODS {ics.ods_code}), was {before or 'none'}",
    )
    counts.linked += 1
    return f"{line.kind} {line.key} linked to {ics.name} ({ics.ods_code})"
