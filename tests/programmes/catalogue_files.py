"""Helpers for tests of the catalogue file: the tables it writes, a snapshot of them, and edited copies of it."""

from programmes.catalogue import ALLOCATIONS, DEFAULT_PATH, ELEMENTS, TABLES
from programmes.models import CatalogueRecord

# Every table the file writes to.
CATALOGUE_MODELS = [table.model for table in (*TABLES, ELEMENTS, ALLOCATIONS)]


def snapshot(*, with_records: bool = False) -> dict:
    """Every row and every link of the catalogue (and what the loader remembers, if asked), to compare."""
    rows = {}
    for model in [*CATALOGUE_MODELS, *([CatalogueRecord] if with_records else [])]:
        rows[model.__name__] = list(model.objects.order_by("pk").values())
        for m2m in model._meta.many_to_many:
            rows[f"{model.__name__}.{m2m.name}"] = list(m2m.remote_field.through.objects.order_by("pk").values())
    return rows


def catalogue_with(tmp_path, extra: str = "", replace: dict[str, str] | None = None):
    """The real catalogue with some lines replaced (each must be there) and extra records after it."""
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "catalogue.toml"
    path.write_text(text + "\n" + extra, encoding="utf-8")
    return path
