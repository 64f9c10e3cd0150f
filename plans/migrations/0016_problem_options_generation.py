"""A second generation, raised with every change to the catalogue's problem filter: a problem written or
deleted, an activity's answer to a problem added or removed, a lägesbild moved to another organisation or
year. The filter's options are cached under it and the catalogue's generation (adoptions decide which
problems an adopted activity answers), as the scope is (migration 0015, plans/catalogue.py)."""

from django.db import migrations

BUMP = "UPDATE plans_cataloguegeneration SET value = value + 1 WHERE name = 'problems';"
PICTURE_MOVED = (
    "OLD.organisation_id IS DISTINCT FROM NEW.organisation_id OR OLD.year IS DISTINCT FROM NEW.year"
)
TABLES = {
    "situation_problem": "INSERT OR UPDATE OR DELETE",
    "plans_activity_problems": "INSERT OR UPDATE OR DELETE",
}

PG_FORWARD = [
    "INSERT INTO plans_cataloguegeneration (name, value) VALUES ('problems', 0);",
    "CREATE FUNCTION plans_problems_generation() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN {BUMP} RETURN NULL; END $$;",
    *(
        f"CREATE CONSTRAINT TRIGGER {table}_problems_generation AFTER {events} ON {table} "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plans_problems_generation();"
        for table, events in TABLES.items()
    ),
    "CREATE CONSTRAINT TRIGGER situation_situationpicture_problems_generation AFTER UPDATE "
    f"ON situation_situationpicture DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ({PICTURE_MOVED}) "
    "EXECUTE FUNCTION plans_problems_generation();",
]
PG_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {table}_problems_generation ON {table};" for table in TABLES),
    "DROP TRIGGER IF EXISTS situation_situationpicture_problems_generation ON situation_situationpicture;",
    "DROP FUNCTION IF EXISTS plans_problems_generation();",
    "DELETE FROM plans_cataloguegeneration WHERE name = 'problems';",
]
SQLITE_FORWARD = [
    "INSERT INTO plans_cataloguegeneration (name, value) VALUES ('problems', 0);",
    *(
        f"CREATE TRIGGER {table}_problems_generation_{event.lower()} AFTER {event} ON {table} "
        f"BEGIN {BUMP} END;"
        for table in TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    "CREATE TRIGGER situation_situationpicture_problems_generation AFTER UPDATE "
    f"ON situation_situationpicture WHEN {PICTURE_MOVED.replace('IS DISTINCT FROM', 'IS NOT')} "
    f"BEGIN {BUMP} END;",
]
SQLITE_BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS {table}_problems_generation_{event.lower()};"
        for table in TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    "DROP TRIGGER IF EXISTS situation_situationpicture_problems_generation;",
    "DELETE FROM plans_cataloguegeneration WHERE name = 'problems';",
]


def forward(apps, schema_editor):
    for statement in {"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}.get(
        schema_editor.connection.vendor, []
    ):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    for statement in {"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}.get(
        schema_editor.connection.vendor, []
    ):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0015_catalogue_generation"),
        ("situation", "0005_merge_0003_placed_on_meeting_0004_picture_kinds"),
    ]

    operations = [migrations.RunPython(forward, backward)]
