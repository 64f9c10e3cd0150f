"""Export of the catalogue as XLSX and CSV, and the all-or-nothing CSV import into a draft."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import exchange
from plans.models import Activity, Chapter
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory

pytestmark = pytest.mark.django_db

HEADER = "Kapitel;Aktivitet;Syfte/mål;Ansvarig;Samverkan;Tidplan;Uppföljning\n"


@pytest.fixture
def catalogue(committee, other_committee):
    adopted = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    chapter = ChapterFactory(revision=adopted, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE)
    wanted = ActivityFactory(chapter=chapter, text="Föräldrastöd för nyblivna föräldrar", timing="VT 2019")
    ActivityFactory(chapter=chapter, text="Feriearbete på alla skollov")
    formula = ActivityFactory(
        chapter=chapter, text='=HYPERLINK("http://example.invalid")', responsible="@chef"
    )
    foreign = PlanRevisionFactory(plan__organisation=other_committee, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=foreign), text="Föräldrastöd hos grannen")
    return wanted, formula


def test_xlsx_export_holds_the_filtered_rows_with_bold_header(client, coordinator, catalogue):
    wanted, _ = catalogue
    client.force_login(coordinator)
    response = client.get(reverse("plans:activity_export_xlsx"), {"q": "FÖRÄLDRASTÖD"})
    assert response.status_code == 200
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="aktiviteter-{today}.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook["Aktiviteter"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:5] == ("Organisation", "År", "Kapitel", "Typ", "Aktivitet")
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["E"].width == 60
    assert values[1:] == [
        (
            "Norra stadsdelsnämnden",
            2019,
            "Förebyggande arbete",
            "Förebyggande arbete",
            wanted.text,
            wanted.purpose,
            wanted.responsible,
            wanted.partners,
            "VT 2019",
            wanted.follow_up_method,
        )
    ]


def test_csv_export_is_excel_friendly_and_defuses_formulas(client, coordinator, catalogue):
    client.force_login(coordinator)
    response = client.get(reverse("plans:activity_export_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('.csv"')
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith('"Organisation";"År";"Kapitel";"Typ";"Aktivitet";')
    assert len(lines) == 4  # header + the three activities of the own committee
    assert "\"'=HYPERLINK" in text and ';"\'@chef";' in text
    assert "grannen" not in text


def test_xlsx_cells_that_look_like_formulas_stay_text(client, coordinator, catalogue):
    client.force_login(coordinator)
    response = client.get(reverse("plans:activity_export_xlsx"), {"q": "hyperlink"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Aktiviteter"]
    assert sheet["E2"].value.startswith("'=HYPERLINK")
    assert sheet["E2"].data_type == "s"


def test_export_needs_export_permission(client, staff, catalogue):
    client.force_login(staff)
    assert client.get(reverse("plans:activity_export_csv")).status_code == 403
    html = client.get(reverse("plans:activity_list")).content.decode()
    assert "Ladda ner som CSV" not in html


def test_export_link_keeps_the_filter(client, coordinator, catalogue):
    client.force_login(coordinator)
    html = client.get(reverse("plans:activity_list"), {"q": "feriearbete"}).content.decode()
    assert f"{reverse('plans:activity_export_xlsx')}?q=feriearbete" in html


# --- import -----------------------------------------------------------------------------------------


@pytest.fixture
def draft(committee):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2020)
    ChapterFactory(revision=revision, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE, order=1)
    ChapterFactory(revision=revision, heading="Inledning", kind=Chapter.Kind.PROSE, order=2)
    return revision


def upload(client, revision, content: bytes, name="aktiviteter.csv", confirm=True):
    """Upload the file; if the preview comes back and `confirm`, import every row it lists."""
    url = reverse("plans:revision_import", args=[revision.pk])
    response = client.post(url, {"file": SimpleUploadedFile(name, content, content_type="text/csv")})
    if (
        not confirm
        or response.status_code != 200
        or "Förhandsgranska importen" not in response.content.decode()
    ):
        return response
    return confirm_all(client, revision, response)


def preview_lines(response):
    """(line, checked) of every row offered in the preview."""
    html = response.content.decode()
    return [
        (int(line), bool(checked))
        for line, checked in re.findall(r'name="include" value="(\d+)" id="rad-\d+"( checked)?', html)
    ]


def confirm_all(client, revision, response, *, lines=None):
    lines = [line for line, _checked in preview_lines(response)] if lines is None else lines
    url = reverse("plans:revision_import_confirm", args=[revision.pk])
    return client.post(url, {"include": [str(line) for line in lines]})


def test_import_adds_every_row_matches_chapters_and_records_history(client, coordinator, draft):
    content = (
        "\ufeff"
        + HEADER
        + "FÖREBYGGANDE ARBETE;Föräldrastöd;Stärka föräldrar;Socialtjänsten;Polis;VT 2020;Uppföljning i ILS\n"
        + 'Kompetenshöjande insatser;"Utbildning; grundkurs";;Enhetschefer;;HT 2020;\n'
    ).encode()
    client.force_login(coordinator)
    response = upload(client, draft, content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 aktiviteter har lagts till" in html
    assert "Nya kapitel: Kompetenshöjande insatser" in html
    preventive = draft.chapters.get(heading="Förebyggande arbete")
    activity = preventive.activities.get()
    assert (activity.text, activity.purpose, activity.partners, activity.timing) == (
        "Föräldrastöd",
        "Stärka föräldrar",
        "Polis",
        "VT 2020",
    )
    new_chapter = draft.chapters.get(heading="Kompetenshöjande insatser")
    assert new_chapter.kind == Chapter.Kind.OTHER
    assert new_chapter.activities.get().text == "Utbildning; grundkurs"
    record = activity.history.get()
    assert re.fullmatch(
        r"Import [0-9a-f]{8} av aktiviteter från aktiviteter\.csv", record.history_change_reason
    )
    # After the import, a way back to the draft it went into.
    assert f'href="{draft.get_absolute_url()}">Till utkastet 2020</a>' in html
    assert record.history_user == coordinator


def test_import_accepts_commas_without_bom(client, coordinator, draft):
    content = HEADER.replace(";", ",") + "Förebyggande arbete,Läxhjälp,,Fritid,,2020,\n"
    client.force_login(coordinator)
    assert upload(client, draft, content.encode()).status_code == 200
    assert Activity.objects.filter(chapter__revision=draft, text="Läxhjälp").exists()


def test_import_reports_every_bad_row_and_writes_nothing(client, coordinator, draft):
    content = (
        HEADER
        + "Förebyggande arbete;Bra rad;;;;;\n"
        + ";Saknar kapitel;;;;;\n"
        + "Förebyggande arbete;;;;;;\n"
        + "Förebyggande arbete;Bra rad två;;;;"
        + "x" * 101
        + ";\n"
        + "Inledning;Rad i löptext;;;;;\n"
    )
    client.force_login(coordinator)
    response = upload(client, draft, content.encode())
    html = response.content.decode()
    assert response.status_code == 400
    assert "Filen importerades inte" in html and "Ingenting har sparats" in html
    assert "Rad 3: Kapitel saknas." in html
    assert "Rad 4: Aktivitet saknas." in html
    assert "Rad 5: Tidplan är för lång (101 tecken, högst 100)." in html
    assert "Rad 6: Kapitlet ”Inledning” är löptext" in html
    assert "Rad 2:" not in html
    assert not Activity.objects.filter(chapter__revision=draft).exists()
    assert draft.chapters.count() == 2


def test_import_refuses_prose_chapter_rows_by_line(client, coordinator, draft):
    client.force_login(coordinator)
    response = upload(client, draft, (HEADER + "Förebyggande arbete;Ok;;;;;\nInledning;Fel;;;;;\n").encode())
    assert "Rad 3: Kapitlet ”Inledning” är löptext" in response.content.decode()
    assert not Activity.objects.filter(chapter__revision=draft).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 not really a workbook", "går inte att öppna som Excel-fil"),
        (b"Kapitel;Aktivitet\n" + b"a;" + b"x" * (2 * 1024 * 1024), "större än 2 MB"),
        (b"Rubrik;Text\nA;B\n", "Rubrikraden saknar kolumnen Kapitel och Aktivitet"),
        (HEADER.encode(), "inga aktiviteter"),
    ],
)
def test_import_refuses_unreadable_files_with_a_clear_message(client, coordinator, draft, content, message):
    client.force_login(coordinator)
    response = upload(client, draft, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Activity.objects.filter(chapter__revision=draft).exists()


def test_import_into_adopted_revision_is_refused(client, coordinator, committee):
    adopted = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    ChapterFactory(revision=adopted, heading="Förebyggande arbete")
    client.force_login(coordinator)
    response = upload(client, adopted, (HEADER + "Förebyggande arbete;Ny;;;;;\n").encode())
    assert response.status_code == 403
    assert "kan inte ändras" in response.content.decode()
    assert not Activity.objects.filter(chapter__revision=adopted).exists()


def test_import_service_refuses_frozen_revision_and_foreign_user(coordinator, other_coordinator, draft):
    adopted = PlanRevisionFactory(plan=draft.plan, year=2019, adopted=True)
    data = (HEADER + "Förebyggande arbete;Ny;;;;;\n").encode()
    with pytest.raises(exchange.RevisionNotDraft):
        exchange.import_activities(revision=adopted, data=data, filename="a.csv", by=coordinator)
    with pytest.raises(exchange.PermissionDenied):
        exchange.import_activities(revision=draft, data=data, filename="a.csv", by=other_coordinator)
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("fixture", "status"), [("staff", 404), ("secretary", 403), ("other_coordinator", 404)]
)
def test_only_the_samordnare_may_import(client, request, draft, fixture, status):
    client.force_login(request.getfixturevalue(fixture))
    url = reverse("plans:revision_import", args=[draft.pk])
    assert client.get(url).status_code == status


def test_import_page_explains_columns(client, coordinator, draft):
    client.force_login(coordinator)
    html = client.get(reverse("plans:revision_import", args=[draft.pk])).content.decode()
    assert "Kapitel; Aktivitet; Syfte/mål; Ansvarig; Samverkan; Tidplan; Uppföljning" in html
    assert 'enctype="multipart/form-data"' in html
    assert '<label for="id_file">CSV- eller Excel-fil' in html
