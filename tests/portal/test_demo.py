import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db

DEMO_USERS = [
    "samordnare",
    "sekreterare",
    "medarbetare",
    "central",
    "admin",
    "samordnare-hv",
    "samordnare-kungsbacka",
    "samordnare-lulea",
]


def test_load_demo_is_idempotent_and_creates_every_demo_user():
    call_command("load_demo")
    counts = (Organisation.objects.count(), Membership.objects.count())
    call_command("load_demo")
    assert (Organisation.objects.count(), Membership.objects.count()) == counts
    request = RequestFactory().post("/konto/logga-in/")
    for username in DEMO_USERS:
        assert authenticate(request, username=username, password="vbe-demo") is not None, username


@pytest.mark.parametrize("username", DEMO_USERS)
def test_every_demo_user_reaches_the_start_page(client, username):
    call_command("load_demo")
    response = client.post("/konto/logga-in/", {"username": username, "password": "vbe-demo"}, follow=True)
    assert response.status_code == 200
    assert "Det här kan du göra" in response.content.decode()


def test_demo_tree_matches_the_seeds():
    call_command("load_demo")
    skarholmen = Organisation.objects.get(name="Skärholmens stadsdelsnämnd")
    assert skarholmen.parent.name == "Stockholms stad"
    assert Organisation.objects.get(name="Socialnämnden").parent.name == "Luleå kommun"
    assert Organisation.objects.get(name="Kultur- och fritidsnämnden").parent.name == "Kungsbacka kommun"
