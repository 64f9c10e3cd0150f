"""Swedish full-text search of the activity catalogue.

PostgreSQL: a trigger keeps `search_vector` up to date on every INSERT and UPDATE (also for bulk_create,
which skips save()), a GIN index serves the catalogue's search at 100,000 activities, and existing rows
are filled once. SQLite has neither: it searches a casefolded scan of the columns (plans/search.py),
and the column stays NULL there.
"""

import django.contrib.postgres.search
from django.db import migrations

# The columns, in the order plans.search.ACTIVITY_FIELDS lists them.
COLUMNS = "text, purpose, responsible, partners, timing, follow_up_method"

FORWARD = f"""
CREATE TRIGGER plans_activity_search_vector
    BEFORE INSERT OR UPDATE ON plans_activity
    FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(search_vector, 'pg_catalog.swedish', {COLUMNS});
CREATE INDEX activity_search_swedish ON plans_activity USING GIN (search_vector);
UPDATE plans_activity SET search_vector = to_tsvector(
    'pg_catalog.swedish',
    concat_ws(' ', text, purpose, responsible, partners, timing, follow_up_method)
);
"""

BACKWARD = """
DROP INDEX IF EXISTS activity_search_swedish;
DROP TRIGGER IF EXISTS plans_activity_search_vector ON plans_activity;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forward, backward),
    ]
