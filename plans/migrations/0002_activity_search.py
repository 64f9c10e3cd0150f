"""GIN index for the Swedish full-text search of the activity catalogue (PostgreSQL only).

The indexed expression is plans.search.activity_vector(), spelt out here so that the migration does not
change when application code does. SQLite has no GIN index; its search is a casefolded scan.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(
    SearchVector(
        "text", "purpose", "responsible", "partners", "timing", "follow_up_method", config="swedish"
    ),
    name="activity_search_swedish",
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("plans", "Activity"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("plans", "Activity"), INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
