"""The default status scale, used by every organisation that has not defined its own."""

from django.db import migrations
from django.utils import timezone

# (label, order, tone): activity progress first, then goal attainment as in the Luleå papers.
DEFAULT_SCALE = [
    ("Ej påbörjad", 10, "neutral"),
    ("Pågående", 20, "partial"),
    ("Genomförd", 30, "ok"),
    ("Uppnått", 40, "ok"),
    ("Delvis uppnått", 50, "partial"),
    ("Ej uppnått", 60, "not"),
]


def create_default_scale(apps, schema_editor):
    FollowUpStatus = apps.get_model("followup", "FollowUpStatus")
    History = apps.get_model("followup", "HistoricalFollowUpStatus")
    now = timezone.now()
    for label, order, tone in DEFAULT_SCALE:
        status, created = FollowUpStatus.objects.get_or_create(
            organisation=None, label=label, defaults={"order": order, "tone": tone}
        )
        if created:
            History.objects.create(
                id=status.pk,
                organisation_id=None,
                label=label,
                order=order,
                tone=tone,
                history_date=now,
                history_type="+",
                history_change_reason="Standardskala",
            )


def remove_default_scale(apps, schema_editor):
    FollowUpStatus = apps.get_model("followup", "FollowUpStatus")
    labels = [label for label, _order, _tone in DEFAULT_SCALE]
    FollowUpStatus.objects.filter(organisation=None, label__in=labels, entries__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_initial")]

    operations = [migrations.RunPython(create_default_scale, remove_default_scale)]
