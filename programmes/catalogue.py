"""Loads the real catalogue from programmes/data/catalogue.toml.

The catalogue lives in one TOML file so that people who are not programmers can review every fact against its
source; this module turns that file into rows. The file seeds the catalogue, it does not overwrite people's edits:
each record's values as last loaded are kept (programmes.CatalogueRecord), so a reload tells, field by field, a
fact the file changed (applied) from one a person changed in the Django admin since (kept; `force` resets it).
A record or field the database lacks is added; a record the loader has no memory of takes the file's values.
"""

import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from academies.models import Academy
from portal.models import Profession, Region, SourceDocument
from programmes.models import (
    CareerStage,
    CatalogueRecord,
    Framework,
    FrameworkElement,
    FundedScheme,
    Programme,
    SchemeAllocation,
)

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "catalogue.toml"


class CatalogueError(ValueError):
    """The file is wrong; the message names the record, and nothing has been written."""


@dataclass(frozen=True)
class Table:
    """How one list in the file maps onto a model, so a single upsert routine can serve every list."""

    name: str
    model: type[models.Model]
    noun: str
    key: str = "slug"
    links: dict[str, str] = field(default_factory=dict)
    nested: tuple["Table", ...] = ()
    parent_field: str | None = None
    # Left alone so that what admins set by hand (an ICS, once ICS records exist) survives a reload.
    unmanaged: frozenset[str] = frozenset({"ics"})


ELEMENTS = Table("elements", FrameworkElement, "framework element", parent_field="framework")
ALLOCATIONS = Table(
    "allocations", SchemeAllocation, "allocation", key="area_name", links={"region": "regions"}, parent_field="scheme"
)
TABLES = (
    Table("sources", SourceDocument, "source code", key="code"),
    Table("regions", Region, "region"),
    Table("professions", Profession, "profession"),
    Table("career_stages", CareerStage, "career stage"),
    Table("frameworks", Framework, "framework", links={"sources": "sources"}, nested=(ELEMENTS,)),
    Table(
        "academies",
        Academy,
        "academy",
        links={"parent": "academies", "region": "regions", "sources": "sources"},
    ),
    Table(
        "programmes",
        Programme,
        "programme",
        links={
            "provider": "academies",
            "delivering_academies": "academies",
            "career_stages": "career_stages",
            "professions": "professions",
            "development_areas": "elements",
            "sources": "sources",
        },
    ),
    Table(
        "schemes",
        FundedScheme,
        "funded scheme",
        links={"programmes": "programmes", "sources": "sources"},
        nested=(ALLOCATIONS,),
    ),
)
# The file holds only real, sourced records: whether a row is demo data is not for it to say.
NOT_FROM_FILE = frozenset({"is_demo"})
NOUNS = {table.name: table.noun for table in (*TABLES, ELEMENTS, ALLOCATIONS)}
SHOWN_LENGTH = 80  # characters of a value --check prints


class Reason(StrEnum):
    """Why the file and the database differ on a record or field."""

    NEW = "not in the database: a load adds it"
    FILE_CHANGED = "changed in the file since the last load: a load applies it"
    UNRECORDED = "no earlier load recorded: a load applies the file"
    EDITED = "edited by people since the last load: a load keeps the edit, --force resets it to the file"
    REMOVED = "loaded before, no longer in the file, untouched since: a load deletes it"
    REMOVED_IN_USE = (
        "loaded before, no longer in the file, but edited or in use since: a load leaves it (delete it in the "
        "Django admin if it should go)"
    )


@dataclass(frozen=True)
class Difference:
    record: str
    field: str  # "" when the whole record differs
    in_file: str
    in_database: str
    reason: Reason


@dataclass
class LoadReport:
    counts: dict[str, int]
    differences: list[Difference]

    @property
    def edited(self) -> list[Difference]:
        return [difference for difference in self.differences if difference.reason == Reason.EDITED]


@dataclass
class _Run:
    """One pass over the file: what it has loaded so far, and what it found different."""

    force: bool
    progress: Callable[[str, int], None]
    registry: dict[str, dict[str, models.Model]] = field(default_factory=lambda: {name: {} for name in NOUNS})
    counts: Counter = field(default_factory=Counter)
    differences: list[Difference] = field(default_factory=list)
    records: dict[tuple[str, str], CatalogueRecord] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)


def catalogue_load(
    *,
    path: Path | None = None,
    force: bool = False,
    check: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> LoadReport:
    """Load every record of the file in one transaction, so a bad record leaves the database as it was.

    `check` works out the same and writes nothing; `force` resets fields people edited to the file.
    """
    data = _read(path or DEFAULT_PATH)
    run = _Run(force=force, progress=progress or (lambda name, count: None))
    with transaction.atomic():
        run.records = {(record.table, record.key): record for record in CatalogueRecord.objects.all()}
        for table in TABLES:
            records = data.get(table.name, [])
            run.progress(table.name, len(records))
            _load_table(table, records, run)
        _remove_stale(run)
        if check:
            transaction.set_rollback(True)
    return LoadReport(dict(run.counts), run.differences)


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CatalogueError(f"Cannot read the catalogue {path}: {error}") from error
    unknown = set(data) - {table.name for table in TABLES}
    if unknown:
        raise CatalogueError(f"Unknown list(s) in {path}: {', '.join(sorted(unknown))}")
    return data


def _load_table(table, records, run, parent=None):
    for position, record in enumerate(records, start=1):
        _load_record(table, dict(record), position, run, parent)


def _load_record(table, record, position, run, parent):
    """Load one record, then its nested records (framework elements, scheme allocations) under it."""
    key = record.pop(table.key, None)
    label = f"{table.noun} {key!r}" + (f" of {parent[1]!r}" if parent else "")
    if not key or not isinstance(key, str):
        raise CatalogueError(f"{table.noun} number {position} has no {table.key!r} in quotes")
    registry_key = f"{parent[1]}/{key}" if parent else key
    if registry_key in run.registry[table.name]:
        raise CatalogueError(f"{label} is listed twice")
    nested = {child.name: record.pop(child.name, []) for child in table.nested}
    lookup = {table.key: key, **({table.parent_field: parent[0]} if parent else {})}
    if "position" in _managed_fields(table):
        record.setdefault("position", position)  # the order written in the file is the order shown
    values, many = _resolve(table, record, run.registry, label)
    obj = _upsert(table, (table.name, registry_key), lookup, values, many, label, run)
    run.registry[table.name][registry_key] = obj
    run.counts[table.model.__name__] += 1
    for child in table.nested:
        _load_table(child, nested[child.name], run, parent=(obj, registry_key))


def _resolve(table, record, registry, label):
    """Turn the file's values into model values: every managed field, defaulted when the file leaves it out."""
    managed = _managed_fields(table)
    unknown = {name for name in record if name not in managed or name in NOT_FROM_FILE}
    if unknown:
        raise CatalogueError(f"{label}: unknown field(s) {', '.join(sorted(unknown))}")
    if "sources" in managed and not record.get("sources"):
        raise CatalogueError(f"{label}: cites no source; every record must list its source codes in 'sources'")
    values, many = {}, {}
    for name, model_field in managed.items():
        raw = record.get(name, [] if model_field.many_to_many else model_field.get_default())
        if name in table.links and model_field.many_to_many:
            many[name] = [_lookup(registry, table.links[name], ref, name, label) for ref in _as_list(raw, name, label)]
        elif name in table.links and raw is not None:
            values[name] = _lookup(registry, table.links[name], raw, name, label)
        else:
            values[name] = raw
    return values, many


def _managed_fields(table) -> dict[str, models.Field]:
    fields = {}
    for model_field in table.model._meta.get_fields():
        concrete = model_field.concrete or model_field.many_to_many
        if not concrete or model_field.auto_created or model_field.name in table.unmanaged:
            continue
        if model_field.name in (table.key, table.parent_field):
            continue
        fields[model_field.name] = model_field
    return fields


def _as_list(raw, name, label) -> list:
    if not isinstance(raw, list):
        raise CatalogueError(f'{label}: {name!r} must be a list, like ["a", "b"]')
    return raw


def _lookup(registry, table_name, ref, field_name, label):
    try:
        return registry[table_name][ref]
    except (KeyError, TypeError):
        noun = NOUNS[table_name]
        raise CatalogueError(
            f"{label}: unknown {noun} {ref!r} in {field_name!r} (it must be defined earlier in the file)"
        ) from None


def _upsert(table, record_key, lookup, values, many, label, run):
    """Write the file's value of each field the database lacks or still holds as last loaded, keep the others."""
    model = table.model
    existing = model.objects.filter(**lookup).first()
    file_state = _file_state(model, values, many)
    record = run.records.get(record_key)
    run.seen.add(record_key)
    if existing is None:
        run.differences.append(Difference(label, "", "", "", Reason.NEW))
        applied, kept = set(file_state), set()
    else:
        applied, kept = _fields_to_apply(existing, file_state, record, label, run)
    obj = existing or model(**lookup)
    obj._state.adding = existing is None  # so unique checks do not count the row being updated
    for name in applied - many.keys():
        setattr(obj, name, values[name])
    try:
        obj.full_clean()
    except ValidationError as error:
        raise CatalogueError(f"{label}: {_describe(error)}") from error
    if existing is None:
        obj.save()
    elif applied - many.keys():
        obj.save(update_fields=sorted(applied - many.keys()))
    for name in applied & many.keys():
        manager = getattr(obj, name)
        # Links to demo rows are not the file's to remove: seed_demo adds its academies to real programmes.
        demo_links = [row for row in manager.all() if getattr(row, "is_demo", False)]
        manager.set([*many[name], *demo_links])
    _remember(record_key, record, file_state, kept)
    return obj


def _fields_to_apply(existing, file_state, record, label, run) -> tuple[set[str], set[str]]:
    """The fields the file writes, and those people edited that it leaves; each difference noted on the way."""
    database = _database_state(existing, file_state)
    loaded = record.loaded if record else None
    applied, kept = set(), set()
    for name, in_file in file_state.items():
        if database[name] == in_file:
            continue
        reason = _reason(name, database[name], loaded)
        run.differences.append(
            Difference(label, name, _shown(existing, name, in_file), _shown(existing, name, database[name]), reason)
        )
        (kept if reason == Reason.EDITED and not run.force else applied).add(name)
    return applied, kept


def _reason(name, in_database, loaded) -> Reason:
    if loaded is None or name not in loaded:
        return Reason.UNRECORDED
    return Reason.FILE_CHANGED if loaded[name] == in_database else Reason.EDITED


def _remember(record_key, record, file_state, kept) -> None:
    """What was last loaded: the file's value, except for a kept edit, which keeps what was loaded before (so it
    still shows as a person's edit, however often the file is loaded)."""
    loaded = {name: record.loaded[name] if name in kept else in_file for name, in_file in file_state.items()}
    if record is None:
        CatalogueRecord.objects.create(table=record_key[0], key=record_key[1], loaded=loaded)
    elif record.loaded != loaded:
        record.loaded = loaded
        record.save(update_fields=["loaded", "loaded_at"])


def _file_state(model, values, many) -> dict:
    """The file's values as the database will hold them, in a form JSON keeps and compares exactly."""
    state = {name: _comparable(model._meta.get_field(name), value) for name, value in values.items()}
    state.update({name: sorted(row.pk for row in rows) for name, rows in many.items()})
    return state


def _database_state(obj, names) -> dict:
    state = {}
    for name in names:
        model_field = obj._meta.get_field(name)
        if model_field.many_to_many:
            state[name] = sorted(row.pk for row in getattr(obj, name).all() if not getattr(row, "is_demo", False))
        else:
            state[name] = _comparable(model_field, getattr(obj, model_field.attname))
    return state


def _comparable(model_field, value):
    if isinstance(value, models.Model):
        return value.pk
    value = model_field.to_python(value)
    return str(value.normalize()) if isinstance(value, Decimal) else value


def _shown(obj, name, state) -> str:
    """A value as a person reads it in --check: names for links, the text itself otherwise."""
    model_field = obj._meta.get_field(name)
    if model_field.is_relation:
        pks = state if isinstance(state, list) else [state]
        rows = model_field.related_model.objects.filter(pk__in=[pk for pk in pks if pk is not None])
        return ", ".join(sorted(str(row) for row in rows)) or "(none)"
    text = repr(state)
    return text if len(text) <= SHOWN_LENGTH else f"{text[: SHOWN_LENGTH - 1]}…"


def _remove_stale(run) -> None:
    """Delete what an earlier load wrote and the file no longer lists, unless a person has edited it since or
    something else uses it; later lists first, so a programme goes before the academy it named."""
    order = {table.name: position for position, table in enumerate((*TABLES, ELEMENTS, ALLOCATIONS))}
    stale = sorted(run.records.keys() - run.seen, key=lambda record_key: (-order[record_key[0]], record_key[1]))
    for record_key in stale:
        record = run.records[record_key]
        row = _stale_row(*record_key)
        if row is None:  # a person has deleted it already
            record.delete()
            continue
        deletable = _database_state(row, record.loaded) == record.loaded and _alone(row)
        if deletable:
            row.delete()
            record.delete()
        reason = Reason.REMOVED if deletable else Reason.REMOVED_IN_USE
        run.differences.append(Difference(f"{NOUNS[record_key[0]]} {record_key[1]!r}", "", "", "", reason))


def _stale_row(table_name: str, key: str) -> models.Model | None:
    table = next(table for table in (*TABLES, ELEMENTS, ALLOCATIONS) if table.name == table_name)
    lookup = {table.key: key}
    if table.parent_field:
        parent_table = next(parent for parent in TABLES if table in parent.nested)
        parent_key, lookup[table.key] = key.split("/", 1)
        lookup[f"{table.parent_field}__{parent_table.key}"] = parent_key
    return table.model.objects.filter(**lookup).first()


def _alone(row: models.Model) -> bool:
    """Whether deleting the row deletes nothing but the row and its own many-to-many links."""
    collector = Collector(using=row._state.db)
    try:
        collector.collect([row])
    except (ProtectedError, RestrictedError):
        return False
    if any(model is not type(row) and rows for model, rows in collector.data.items()):
        return False
    return not any(queryset.exists() for queryset in collector.fast_deletes if not queryset.model._meta.auto_created)


def _describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)
