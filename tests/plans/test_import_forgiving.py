"""Imports that forgive: Excel's encodings and separators, XLSX, a preview with duplicates, and undo."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import exchange, services
from plans.models import Activity, Chapter
from tests.factories import ActionPlanFactory, ActivityFactory, ChapterFactory, PlanRevisionFactory

from .test_exchange import confirm_all, preview_lines

pytestmark = pytest.mark.django_db

COLUMNS = ["Kapitel", "Aktivitet", "Syfte/mål", "Ansvarig", "Samverkan", "Tidplan", "Uppföljning"]
ROWS = [
    [
        "Förebyggande arbete",
        "Föräldraträffar om nätet",
        "Stärka föräldrar",
        "Fältassistenterna",
        "",
        "VT 2020",
        "",
    ],
    ["Kompetenshöjande insatser", "Utbildning i rutinen vid oro", "", "Enhetschefer", "Polis", "HT 2020", ""],
]


@pytest.fixture
def draft(committee):
    revision = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2020)
    ChapterFactory(revision=revision, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE, order=1)
    return revision


def _csv(delimiter=";", rows=ROWS):
    return "\r\n".join(delimiter.join(row) for row in [COLUMNS, *rows]) + "\r\n"


def _upload(client, revision, content, name="aktiviteter.csv"):
    url = reverse("plans:revision_import", args=[revision.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def _texts(revision):
    return sorted(Activity.objects.filter(chapter__revision=revision).values_list("text", flat=True))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("utf8-bom.csv", ("\ufeff" + _csv()).encode("utf-8")),
        ("utf8.csv", _csv().encode("utf-8")),
        ("excel-semikolon.csv", _csv().encode("cp1252")),  # Swedish Excel's "CSV (semikolonavgränsad)"
        ("unicode.txt", _csv("\t").encode("utf-16")),  # Excel's "Unicode-text": UTF-16 with BOM, tabs
        ("utf16le-utan-bom.csv", _csv().encode("utf-16-le")),
        ("komma.csv", _csv(",").encode("utf-8")),
        ("tabb.csv", _csv("\t").encode("cp1252")),
    ],
)
def test_csv_in_every_encoding_and_separator_excel_writes_is_read(client, coordinator, draft, name, content):
    client.force_login(coordinator)
    response = _upload(client, draft, content, name)
    assert response.status_code == 200, response.content.decode()[-3000:]
    assert not Activity.objects.filter(chapter__revision=draft).exists()  # the preview writes nothing
    html = response.content.decode()
    assert "Föräldraträffar om nätet" in html and "Utbildning i rutinen vid oro" in html
    confirm_all(client, draft, response)
    assert _texts(draft) == ["Föräldraträffar om nätet", "Utbildning i rutinen vid oro"]
    activity = Activity.objects.get(text="Föräldraträffar om nätet")
    assert (activity.purpose, activity.responsible, activity.timing) == (
        "Stärka föräldrar",
        "Fältassistenterna",
        "VT 2020",
    )


def test_xlsx_with_the_same_columns_is_read(client, coordinator, draft):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for row in ROWS:
        sheet.append(row)
    sheet.append(["Förebyggande arbete", "Läxhjälp", None, None, None, 2021, None])  # a number cell
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(coordinator)
    response = _upload(client, draft, buffer.getvalue(), "aktiviteter.xlsx")
    assert response.status_code == 200
    confirm_all(client, draft, response)
    assert _texts(draft) == ["Föräldraträffar om nätet", "Läxhjälp", "Utbildning i rutinen vid oro"]
    assert Activity.objects.get(text="Läxhjälp").timing == "2021"


def _adopted_and_next_draft(committee, coordinator):
    plan = ActionPlanFactory(organisation=committee)
    adopted = PlanRevisionFactory(plan=plan, year=2019, adopted=True)
    chapter = ChapterFactory(revision=adopted, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE)
    for number in range(1, 6):
        ActivityFactory(chapter=chapter, order=number, text=f"Aktivitet nummer {number}")
    return services.start_next_revision(source=adopted, by=coordinator)


def test_reimporting_the_own_export_flags_every_row_and_writes_nothing_unless_confirmed(
    client, coordinator, committee
):
    draft = _adopted_and_next_draft(committee, coordinator)
    client.force_login(coordinator)
    export = client.get(reverse("plans:activity_export_csv")).content
    before = Activity.history.count()
    response = _upload(client, draft, export, "aktiviteter-2019.csv")
    html = response.content.decode()
    assert response.status_code == 200
    assert "5 av dem finns redan" in html and html.count("Finns redan i kapitlet") == 5
    lines = preview_lines(response)
    assert len(lines) == 5 and not any(checked for _line, checked in lines)  # none chosen
    assert Activity.history.count() == before
    # Confirming as offered (nothing ticked) writes nothing either.
    response = confirm_all(client, draft, response, lines=[])
    assert Activity.objects.filter(chapter__revision=draft).count() == 5
    assert Activity.history.count() == before


def test_the_user_leaves_duplicates_out_and_keeps_the_new_rows(client, coordinator, draft):
    ActivityFactory(chapter=draft.chapters.get(), text="Föräldraträffar  OM nätet")
    client.force_login(coordinator)
    response = _upload(client, draft, _csv().encode())
    lines = dict(preview_lines(response))
    assert lines == {2: False, 3: True}  # same text in the same chapter, spacing and case aside
    response = confirm_all(
        client, draft, response, lines=[line for line, checked in lines.items() if checked]
    )
    assert "1 aktivitet har lagts till i utkastet. 1 rad lämnades utanför." in response.content.decode()
    assert _texts(draft) == ["Föräldraträffar  OM nätet", "Utbildning i rutinen vid oro"]


def test_undo_removes_exactly_what_the_import_added(client, coordinator, draft):
    own = ActivityFactory(chapter=draft.chapters.get(), text="Egen aktivitet")
    client.force_login(coordinator)
    response = confirm_all(client, draft, _upload(client, draft, _csv().encode()))
    html = response.content.decode()
    assert "Ångra importen" in html
    import_id = html.split('name="import_id" value="', 1)[1].split('"', 1)[0]
    assert draft.chapters.filter(heading="Kompetenshöjande insatser").exists()
    # A second, separate import is its own unit and stays.
    response = confirm_all(
        client, draft, _upload(client, draft, _csv(rows=[["Förebyggande arbete", "Läxhjälp"]]).encode())
    )
    undo = reverse("plans:revision_import_undo", args=[draft.pk])
    response = client.post(undo, {"import_id": import_id}, follow=True)
    assert "Importen är ångrad: 2 aktiviteter har tagits bort." in response.content.decode()
    assert _texts(draft) == ["Egen aktivitet", "Läxhjälp"]
    assert not draft.chapters.filter(heading="Kompetenshöjande insatser").exists()  # its new, empty chapter
    assert Activity.objects.filter(pk=own.pk).exists()
    again = client.post(undo, {"import_id": import_id}, follow=True)
    assert "redan ångrad" in again.content.decode()


def test_undo_is_refused_once_the_revision_is_adopted(client, coordinator, secretary, draft):
    client.force_login(coordinator)
    html = confirm_all(client, draft, _upload(client, draft, _csv().encode())).content.decode()
    import_id = html.split('name="import_id" value="', 1)[1].split('"', 1)[0]
    services.adopt_revision(
        revision=draft,
        decided_by="Norra stadsdelsnämnden",
        decided_on=datetime.date(2020, 5, 23),
        paragraph="12",
        diary_number="",
        by=secretary,
    )
    response = client.post(
        reverse("plans:revision_import_undo", args=[draft.pk]), {"import_id": import_id}, follow=True
    )
    assert "Importen kan inte ångras" in response.content.decode()
    assert len(_texts(draft)) == 2
    with pytest.raises(exchange.RevisionNotDraft):
        exchange.undo_import(revision=draft, import_id=import_id, by=coordinator)


def test_a_confirmation_without_a_preview_writes_nothing(client, coordinator, draft):
    client.force_login(coordinator)
    url = reverse("plans:revision_import_confirm", args=[draft.pk])
    response = client.post(url, {"include": ["2"]}, follow=True)
    assert "Förhandsgranskningen finns inte längre" in response.content.decode()
    assert not Activity.objects.filter(chapter__revision=draft).exists()
