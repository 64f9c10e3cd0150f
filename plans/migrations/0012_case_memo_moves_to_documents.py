"""The ärende moves to documents.CaseMemo, whose owner is generic (a revision, a lägesbild or a
follow-up round): every ärende and every history record of it is copied, then the plan's own table goes."""

from django.db import migrations

FIELDS = (
    "id",
    "official_id",
    "official_title",
    "prepared_on",
    "diary_number",
    "proposal",
    "summary",
    "background",
    "dialogue",
    "assessment",
    "recipients",
    "version",
    "created_at",
)
HISTORY_FIELDS = ("history_id", "history_date", "history_change_reason", "history_type", "history_user_id")


def copy_to_documents(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    revision_type, _ = ContentType.objects.get_or_create(app_label="plans", model="planrevision")
    for old_name, new_name, fields in (
        ("CaseMemo", "CaseMemo", FIELDS),
        ("HistoricalCaseMemo", "HistoricalCaseMemo", FIELDS + HISTORY_FIELDS),
    ):
        old, new = apps.get_model("plans", old_name), apps.get_model("documents", new_name)
        new.objects.bulk_create(
            [
                new(owner_type_id=revision_type.pk, owner_id=row.revision_id, **{f: getattr(row, f) for f in fields})
                for row in old.objects.all()
            ]
        )
    if schema_editor.connection.vendor == "postgresql":  # ids were copied: move the sequences past them
        with schema_editor.connection.cursor() as cursor:
            for table, column in (("documents_casememo", "id"), ("documents_historicalcasememo", "history_id")):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f"COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
                )


def copy_back(apps, schema_editor):
    """Only the plan revisions' ärenden can go back; the others have nowhere to go."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    revision_type = ContentType.objects.filter(app_label="plans", model="planrevision").first()
    if revision_type is None:
        return
    for name, fields in (("CaseMemo", FIELDS), ("HistoricalCaseMemo", FIELDS + HISTORY_FIELDS)):
        old, new = apps.get_model("plans", name), apps.get_model("documents", name)
        old.objects.bulk_create(
            [
                old(revision_id=row.owner_id, **{f: getattr(row, f) for f in fields})
                for row in new.objects.filter(owner_type=revision_type)
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0011_merge_20261202_0129"),
        ("documents", "0003_case_memo"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_to_documents, copy_back),
        migrations.RemoveField(model_name="historicalcasememo", name="history_user"),
        migrations.RemoveField(model_name="historicalcasememo", name="official"),
        migrations.RemoveField(model_name="historicalcasememo", name="revision"),
        migrations.DeleteModel(name="CaseMemo"),
        migrations.DeleteModel(name="HistoricalCaseMemo"),
    ]
