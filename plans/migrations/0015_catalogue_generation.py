"""The catalogue's generation: a number raised by triggers with every change to what the scope shows.

plans/catalogue.py caches a user's scope (the tally's organisations, years and counts) under the
generation it read first. On PostgreSQL the triggers are constraint triggers deferred to commit: the row
is locked for the moment of the commit only, so two nämnder adopting at once do not wait for each other,
and the new number becomes visible in the same instant as the change it stands for. SQLite has one
writer at a time, so plain triggers do the same there.
"""

from django.db import migrations, models

BUMP = "UPDATE plans_cataloguegeneration SET value = value + 1 WHERE name = 'catalogue';"
ORGANISATION_SHOWN = "OLD.name IS DISTINCT FROM NEW.name OR OLD.path IS DISTINCT FROM NEW.path"

PG_FORWARD = f"""
INSERT INTO plans_cataloguegeneration (name, value) VALUES ('catalogue', 0);
CREATE FUNCTION plans_catalogue_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN {BUMP} RETURN NULL; END $$;
CREATE CONSTRAINT TRIGGER plans_catalogue_generation_tally
    AFTER INSERT OR UPDATE OR DELETE ON plans_cataloguetally DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION plans_catalogue_generation();
CREATE CONSTRAINT TRIGGER plans_catalogue_generation_organisation
    AFTER UPDATE ON organisations_organisation DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN ({ORGANISATION_SHOWN}) EXECUTE FUNCTION plans_catalogue_generation();
"""  # noqa: S608 - constant SQL
PG_BACKWARD = """
DROP TRIGGER IF EXISTS plans_catalogue_generation_tally ON plans_cataloguetally;
DROP TRIGGER IF EXISTS plans_catalogue_generation_organisation ON organisations_organisation;
DROP FUNCTION IF EXISTS plans_catalogue_generation();
"""
SQLITE_FORWARD = [
    "INSERT INTO plans_cataloguegeneration (name, value) VALUES ('catalogue', 0);",
    *(
        f"CREATE TRIGGER plans_catalogue_generation_tally_{event.lower()} AFTER {event} "
        f"ON plans_cataloguetally BEGIN {BUMP} END;"
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    f"""CREATE TRIGGER plans_catalogue_generation_organisation AFTER UPDATE ON organisations_organisation
        WHEN {ORGANISATION_SHOWN.replace("IS DISTINCT FROM", "IS NOT")} BEGIN {BUMP} END;""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS plans_catalogue_generation_tally_insert;",
    "DROP TRIGGER IF EXISTS plans_catalogue_generation_tally_update;",
    "DROP TRIGGER IF EXISTS plans_catalogue_generation_tally_delete;",
    "DROP TRIGGER IF EXISTS plans_catalogue_generation_organisation;",
]


def forward(apps, schema_editor):
    statements = {"postgresql": [PG_FORWARD], "sqlite": SQLITE_FORWARD}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = {"postgresql": [PG_BACKWARD], "sqlite": SQLITE_BACKWARD}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("plans", "0014_text_filter_trigram_indexes")]

    operations = [
        migrations.CreateModel(
            name="CatalogueGeneration",
            fields=[
                ("name", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(forward, backward),
    ]
