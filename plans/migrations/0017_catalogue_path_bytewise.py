"""The catalogue's copy of the organisation path compares byte by byte (COLLATE "C"), on PostgreSQL.

With the server's collation (en_US.utf8 in the official image, C.UTF-8 here) PostgreSQL cannot answer
`organisation_path LIKE '/1/2/%'` from a b-tree index, so a samordnare's catalogue (their committee and
its subtree) read every entry of the city to find their own; with "C" the subtree is a range of the
plan-order index. Byte order is also the order Python and SQLite give the paths, so the scope's tally
(sorted in Python, plans/catalogue.py) and the entries agree on which organisation comes first.
"""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE plans_catalogueentry ALTER COLUMN organisation_path TYPE varchar(255) COLLATE "C"'
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE plans_catalogueentry ALTER COLUMN organisation_path TYPE varchar(255) COLLATE pg_catalog.default"
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0016_problem_options_generation")]

    operations = [migrations.RunPython(forward, backward)]
