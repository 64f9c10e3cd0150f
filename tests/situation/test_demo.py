"""Demo lägesbilder: from the seeds, idempotent, and visible only to the right demo users."""

import pytest
from django.core.management import call_command

from situation.models import Observation, SituationPicture, Source

from .helpers import url

pytestmark = pytest.mark.django_db


def test_demo_lagesbilder_follow_the_seeds_and_load_idempotently(client):
    call_command("load_demo")
    counts = (SituationPicture.objects.count(), Source.objects.count(), Observation.objects.count())
    call_command("load_demo")
    assert (SituationPicture.objects.count(), Source.objects.count(), Observation.objects.count()) == counts

    pictures = {
        (p.organisation.short_name, p.year): p
        for p in SituationPicture.objects.select_related("organisation")
    }
    assert set(pictures) == {
        ("Skarholmen", 2017),
        ("Skarholmen", 2018),
        ("Skarholmen", 2019),
        ("Lulea-socialnamnden", 2022),
        ("Lulea-socialnamnden", 2024),  # the brottsförebyggande lägesbild (plans/demo_crime_prevention.py)
    }
    assert [pictures[("Skarholmen", y)].status for y in (2017, 2018, 2019)] == [
        "faststalld",
        "faststalld",
        "utkast",
    ]

    skarholmen = pictures[("Skarholmen", 2019)]
    assert skarholmen.sources.get(kind=Source.Kind.CONCERN_REPORTS).responses == 4  # fyra orosanmälningar
    assert skarholmen.sources.get(kind=Source.Kind.INCIDENT_REPORTS).responses == 3  # tre ärenden i IA
    assert skarholmen.observations.filter(kind__name="Anhörig som söker stöd").count() == 3

    lulea = pictures[("Lulea-socialnamnden", 2022)]
    assert lulea.is_frozen and lulea.threat_level == 3
    assert lulea.threat_level_source == "NCT:s helårsbedömning 2022"
    assert all([lulea.outlook, lulea.occurrence, lulea.knowledge, lulea.routines, lulea.organisation_text])
    assert "första lägesbild" in lulea.follow_up

    client.post("/konto/logga-in/", {"username": "samordnare", "password": "vbe-demo"})
    html = client.get(url("picture_comparison", skarholmen.pk)).content.decode()
    assert ">2017</a>" in html and ">2018</a>" in html and ">2019</a>" in html
    client.post("/konto/logga-ut/")
    client.post("/konto/logga-in/", {"username": "medarbetare", "password": "vbe-demo"})
    assert client.get(url("picture_detail", skarholmen.pk)).status_code == 403
