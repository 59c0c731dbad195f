"""Loads the real catalogue from programmes/data/catalogue.toml.

The catalogue lives in one TOML file so that people who are not programmers can review every fact against its
source; this module only turns that file into rows, the same rows however many times it runs.
"""

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction

from academies.models import Academy
from portal.models import Profession, Region, SourceDocument
from programmes.models import CareerStage, Framework, FrameworkElement, FundedScheme, Programme, SchemeAllocation

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


def catalogue_load(*, path: Path | None = None) -> dict[str, int]:
    """Upsert every record of the file in one transaction, so a bad record leaves the database as it was."""
    data = _read(path or DEFAULT_PATH)
    registry: dict[str, dict[str, models.Model]] = {name: {} for name in NOUNS}
    counts: Counter[str] = Counter()
    with transaction.atomic():
        for table in TABLES:
            _load_table(table, data.get(table.name, []), registry, counts)
    return dict(counts)


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


def _load_table(table, records, registry, counts, parent=None):
    for position, record in enumerate(records, start=1):
        _load_record(table, dict(record), position, registry, counts, parent)


def _load_record(table, record, position, registry, counts, parent):
    """Upsert one record, then its nested records (framework elements, scheme allocations) under it."""
    key = record.pop(table.key, None)
    label = f"{table.noun} {key!r}" + (f" of {parent[1]!r}" if parent else "")
    if not key or not isinstance(key, str):
        raise CatalogueError(f"{table.noun} number {position} has no {table.key!r} in quotes")
    registry_key = f"{parent[1]}/{key}" if parent else key
    if registry_key in registry[table.name]:
        raise CatalogueError(f"{label} is listed twice")
    nested = {child.name: record.pop(child.name, []) for child in table.nested}
    lookup = {table.key: key, **({table.parent_field: parent[0]} if parent else {})}
    if "position" in _managed_fields(table):
        record.setdefault("position", position)  # the order written in the file is the order shown
    values, many = _resolve(table, record, registry, label)
    obj = _upsert(table.model, lookup, values, many, label)
    registry[table.name][registry_key] = obj
    counts[table.model.__name__] += 1
    for child in table.nested:
        _load_table(child, nested[child.name], registry, counts, parent=(obj, registry_key))


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


def _upsert(model, lookup, values, many, label):
    """Validate like a form would before writing, then update or create by natural key and set the links."""
    existing_pk = model.objects.filter(**lookup).values_list("pk", flat=True).first()
    candidate = model(pk=existing_pk, **lookup, **values)
    candidate._state.adding = existing_pk is None  # so unique checks do not count the row being updated
    try:
        candidate.full_clean()
    except ValidationError as error:
        raise CatalogueError(f"{label}: {_describe(error)}") from error
    cleaned = {name: getattr(candidate, name) for name in values}
    obj, _ = model.objects.update_or_create(**lookup, defaults=cleaned)
    for name, related in many.items():
        manager = getattr(obj, name)
        # Links to demo rows are not the file's to remove: seed_demo adds its academies to real programmes.
        demo_links = [row for row in manager.all() if getattr(row, "is_demo", False)]
        manager.set([*related, *demo_links])
    return obj


def _describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)
