"""The indexes behind text search (programmes/search.py), made on PostgreSQL only.

- a GIN index on the weighted full-text document of a programme (the same expression programme_search_vector()
  builds, so that `document @@ query` can use it);
- pg_trgm GIN indexes on programme titles and academy names, for the typo-tolerant `%>` operator.

They are made here rather than declared in Meta.indexes because SQLite, the embedded default, cannot build GIN
indexes, and Django rebuilds every declared index whenever SQLite remakes a table. The academy name index lives
in this app's migrations because it serves the catalogue's search.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def search_indexes(apps):
    programme = apps.get_model("programmes", "Programme")
    academy = apps.get_model("academies", "Academy")
    document = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("description", weight="C", config="english")
    )
    return [
        (programme, GinIndex(document, name="programme_search_document")),
        (programme, GinIndex(OpClass("title", name="gin_trgm_ops"), name="programme_title_trigram")),
        (academy, GinIndex(OpClass("name", name="gin_trgm_ops"), name="academy_name_trigram")),
    ]


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in search_indexes(apps):
            schema_editor.add_index(model, index)


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in search_indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("academies", "0001_initial"),
        ("programmes", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
