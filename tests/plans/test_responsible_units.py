"""Every activity names its responsible unit: the form asks for it, every import sets it, the demo has
it, and the adoption page warns about old activities without one."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from organisations.models import Organisation
from plans import services
from plans.models import Activity, Chapter
from plans.responsible_units import unit_matcher
from tests.factories import ActivityFactory, ChapterFactory, OrganisationFactory, PlanRevisionFactory

from .test_exchange import confirm_all

pytestmark = pytest.mark.django_db
HEADER = ["Kapitel", "Aktivitet", "Ansvarig"]
ROWS = [
    ["Förebyggande arbete", "Fritidsgårdens demokratikvällar", "Fritidsenheten"],
    ["Förebyggande arbete", "Föräldraträffar", "Socialtjänst och förskola"],
]


@pytest.fixture
def chapter(committee):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2020)
    return ChapterFactory(revision=revision, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE)


def _selected(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select), re.findall(
        r'<option value="([^"]*)"', select
    )


def test_a_new_activity_starts_with_the_plans_organisation_and_cannot_be_left_without(
    client, coordinator, chapter, committee, unit
):
    client.force_login(coordinator)
    url = reverse("plans:activity_create", args=[chapter.pk])
    selected, options = _selected(client.get(url).content.decode(), "responsible_unit")
    assert selected == [str(committee.pk)] and "" not in options and str(unit.pk) in options
    response = client.post(url, {"text": "Föräldraträffar", "responsible_unit": ""})
    assert "Välj ansvarig enhet" in response.content.decode()
    assert not Activity.objects.exists()
    client.post(url, {"text": "Föräldraträffar", "responsible_unit": unit.pk})
    assert Activity.objects.get().responsible_unit == unit


def test_an_old_activity_without_unit_must_be_given_one_when_saved(client, coordinator, chapter):
    activity = ActivityFactory(chapter=chapter, responsible_unit=None)
    client.force_login(coordinator)
    url = reverse("plans:activity_edit", args=[activity.pk])
    response = client.post(url, {"text": "Ny text", "version": activity.version, "responsible_unit": ""})
    assert "Välj ansvarig enhet" in response.content.decode()
    activity.refresh_from_db()
    assert activity.text != "Ny text"


def test_the_service_gives_a_unit_and_refuses_one_from_elsewhere(coordinator, chapter, committee):
    activity = services.add_activity(chapter=chapter, by=coordinator, text="Utan enhet i anropet")
    assert activity.responsible_unit == committee
    foreign = OrganisationFactory(name="Annan kommun", kind=Organisation.Kind.MUNICIPALITY)
    with pytest.raises(services.PlanError, match="Ansvarig enhet måste vara"):
        services.add_activity(chapter=chapter, by=coordinator, text="Fel enhet", responsible_unit=foreign)


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("aktiviteter.csv", "\n".join(";".join(row) for row in [HEADER, *ROWS]).encode()),
        ("aktiviteter.xlsx", _xlsx([HEADER, *ROWS])),
    ],
)
def test_spreadsheet_imports_set_the_named_unit_else_the_plans_organisation(
    client, coordinator, chapter, committee, unit, name, content
):
    client.force_login(coordinator)
    revision = chapter.revision
    response = client.post(
        reverse("plans:revision_import", args=[revision.pk]), {"file": SimpleUploadedFile(name, content)}
    )
    assert "Fritidsenheten" in response.content.decode()  # the preview names the unit
    confirm_all(client, revision, response)
    units = dict(Activity.objects.values_list("text", "responsible_unit"))
    assert units == {"Fritidsgårdens demokratikvällar": unit.pk, "Föräldraträffar": committee.pk}


def test_unit_names_match_in_their_ordinary_forms(committee):
    social = OrganisationFactory(
        name="Avdelningen för socialtjänst", short_name="Soc", kind=Organisation.Kind.UNIT, parent=committee
    )
    twin = OrganisationFactory(
        name="Avdelningen för äldreomsorg", short_name="Äldre", kind=Organisation.Kind.UNIT, parent=committee
    )
    match = unit_matcher(committee)
    assert match("Socialtjänsten") == social
    assert match("avdelningen för socialtjänst") == social
    assert match("Socialtjänst och förskola") == committee  # two actors: not one unit
    assert match("Äldreomsorgen") == twin
    assert match("") == committee


def test_the_adoption_page_lists_activities_without_unit(client, secretary, chapter):
    missing = ActivityFactory(chapter=chapter, text="Saknar enhet", responsible_unit=None)
    ActivityFactory(chapter=chapter, text="Har enhet", responsible_unit=chapter.revision.plan.organisation)
    client.force_login(secretary)
    html = client.get(reverse("plans:revision_adopt", args=[chapter.revision.pk])).content.decode()
    assert "1 aktivitet saknar ansvarig enhet" in html
    assert "Saknar enhet" in html and "Har enhet" not in html
    # The secretary may not edit it: the warning links to the activity, not to a form that answers 403.
    assert reverse("plans:activity_detail", args=[missing.pk]) in html
    assert reverse("plans:activity_edit", args=[missing.pk]) not in html


def test_every_demo_activity_names_its_unit():
    call_command("load_demo")
    assert Activity.objects.count() > 100
    assert not Activity.objects.filter(responsible_unit=None).exists()
