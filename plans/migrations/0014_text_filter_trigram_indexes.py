"""Trigram indexes for the catalogue's text filters (Ansvarig, Samverkan), PostgreSQL only.

The filters ask `UPPER(field) LIKE '%…%'` (plans/search.py, contains_ignoring_case). Without an index on
that expression PostgreSQL has no statistics for it and guesses a handful of matches, so for a common word
("skolan" in a fifth of 100,000 activities) it sorted every match rather than walk the plan-order index,
and a word found nowhere read the whole table. A GIN index over the expression with pg_trgm's operator
class answers the rare word from the index, and ANALYZE keeps statistics of the expression, which tell the
planner when a word is common. SQLite's filter is a scan of the (smaller, embedded) table, as before.
"""

from django.db import migrations

FIELDS = ("responsible", "partners")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for field in FIELDS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS plans_activity_{field}_trgm "  # noqa: S608 - constant names
            f"ON plans_activity USING gin (UPPER({field}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        schema_editor.execute(f"DROP INDEX IF EXISTS plans_activity_{field}_trgm")


class Migration(migrations.Migration):
    dependencies = [("plans", "0013_catalogue_organisation_order")]

    operations = [migrations.RunPython(create, drop)]
