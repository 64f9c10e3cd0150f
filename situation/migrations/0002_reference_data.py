"""Reference data, not demo data: the environments and kinds of observation every lägesbild uses.

Municipalities may rename, reorder or deactivate them in the admin; this only seeds the defaults.
"""

from django.db import migrations

ENVIRONMENTS = [
    "Våldsbejakande högerextremism / vit makt-miljön",
    "Vänsterextremism / autonoma miljön",
    "Våldsbejakande islamism",
    "Ensamagerande",
    "Hedersrelaterat våld",
    "Annat",
]

OBSERVATION_KINDS = [
    "Graffiti/klotter",
    "Klistermärken",
    "Flygblad/affischer",
    "Demonstrationer/manifestationer",
    "Hot och våld",
    "Rekrytering",
    "Person som vill lämna",
    "Anhörig som söker stöd",
    "Annat",
]


def seed(apps, schema_editor):
    for model_name, names in (("Environment", ENVIRONMENTS), ("ObservationKind", OBSERVATION_KINDS)):
        model = apps.get_model("situation", model_name)
        for order, name in enumerate(names, start=1):
            model.objects.get_or_create(name=name, defaults={"order": order * 10})


def unseed(apps, schema_editor):
    for model_name, names in (("Environment", ENVIRONMENTS), ("ObservationKind", OBSERVATION_KINDS)):
        apps.get_model("situation", model_name).objects.filter(name__in=names, observations=None).delete()


class Migration(migrations.Migration):
    dependencies = [("situation", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
