"""Importing the plan a municipality already has in Word: chapters, activity tables, preview, undo."""

import datetime
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from organisations.models import Organisation
from plans import services
from plans.demo_data import SKARHOLMEN_2019
from plans.models import Activity, Chapter, PlanRevision
from plans.word_reader import PREAMBLE
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    ChapterFactory,
    OrganisationFactory,
    PlanRevisionFactory,
)

from .word_documents import SEED, add_table, seed_docx, seed_rows, skarholmen_docx, to_bytes

pytestmark = pytest.mark.django_db
K = Chapter.Kind


@pytest.fixture
def plan(committee):
    """A plan with an adopted 2019 revision and no draft: the Word plan becomes the 2020 draft."""
    plan = ActionPlanFactory(organisation=committee)
    ChapterFactory(revision=PlanRevisionFactory(plan=plan, year=2019, adopted=True))
    return plan


def upload(client, plan, data, name="handlingsplan.docx", **extra):
    url = reverse("plans:plan_word_import", args=[plan.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, data), **extra})


def confirm(client, plan, chapters=None):
    pending = client.session[f"plans:word-import:{plan.pk}"]
    chosen = range(len(pending["chapters"])) if chapters is None else chapters
    url = reverse("plans:plan_word_import_confirm", args=[plan.pk])
    return client.post(url, {"chapter": [str(i) for i in chosen]})


def imported(client, plan, data, **extra):
    response = upload(client, plan, data, **extra)
    assert response.status_code == 200, response.content.decode()[:3000]
    response = confirm(client, plan)
    assert response.status_code == 200
    return plan.revisions.get(status=PlanRevision.Status.DRAFT)


def rows_of(chapter):
    return [
        (a.text, a.responsible, a.timing, a.follow_up_method) for a in chapter.activities.order_by("order")
    ]


def counts():
    return PlanRevision.objects.count(), Chapter.objects.count(), Activity.objects.count()


def word(*blocks) -> bytes:
    """A small Word file: ("h1", text), ("h2", text), ("p", text), ("table", header, rows)."""
    document = Document()
    for kind, *args in blocks:
        if kind == "table":
            add_table(document, *args)
        elif kind == "p":
            document.add_paragraph(args[0])
        else:
            document.add_heading(args[0], int(kind[1]))
    return to_bytes(document)


# --- the acceptance: Skärholmen's Word plan becomes a draft whose activities are the seed's rows -------


def test_skarholmen_word_plan_imports_into_a_new_draft_with_the_seed_rows(client, coordinator, plan):
    client.force_login(coordinator)
    before = counts()
    preview = upload(client, plan, skarholmen_docx(), year="2020")
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Ingenting är sparat ännu" in html and "ett nytt utkast för 2020" in html
    assert "Implementera handlingsplanen och stadens rutiner avseende vbe" in html
    assert "Innehållsförteckningen (8 rader) tas inte med." in html
    assert counts() == before  # the preview writes nothing

    response = confirm(client, plan)
    assert "Importen är klar" in response.content.decode()
    draft = plan.revisions.get(year=2020)
    assert draft.status == PlanRevision.Status.DRAFT
    chapters = list(draft.chapters.order_by("order"))
    assert chapters[0].heading == PREAMBLE and "Dnr:" in chapters[0].body
    demo = SKARHOLMEN_2019["chapters"]
    assert [(c.heading, c.kind) for c in chapters[1:]] == [(heading, kind) for heading, kind, *_ in demo]
    for chapter, seed in zip(chapters[1:], demo, strict=True):
        assert rows_of(chapter) == seed_rows(seed), chapter.heading
    ansvar = draft.chapters.get(heading="Ansvar och samverkan")
    assert "Ansvar\n\nDen lokala samordnaren ansvarar för att:\n\n- Delta i stadens nätverk" in ansvar.body
    assert not Activity.objects.filter(chapter__revision=draft, responsible_unit=None).exists()


@pytest.mark.skipif(not SEED.exists(), reason="the seed documents are not beside the checkout")
def test_a_word_file_made_from_the_seed_text_itself_imports_every_table_row(client, coordinator, plan):
    data, expected = seed_docx()
    client.force_login(coordinator)
    draft = imported(client, plan, data, year="2020")
    assert expected and sum(map(len, expected.values())) == 30
    for heading, rows in expected.items():
        chapter = draft.chapters.get(heading=heading)
        assert chapter.has_activities
        assert rows_of(chapter) == rows
    assert draft.chapters.get(heading="Lokal lägesbild").kind == K.PROSE
    assert (
        "Alla former av extremism förekommer i området." in draft.chapters.get(heading="Lokal lägesbild").body
    )


# --- tables, headings and what is not dropped -----------------------------------------------------------


def test_header_variants_of_the_seeds_become_activity_columns(client, coordinator, plan):
    data = word(
        ("h1", "Aktiviteter för förebyggande arbete"),
        (
            "table",
            ["Aktiviteter för förebyggande arbete", "Ansvarig aktör", "Samverkan", "Uppföljning"],
            [["Förebygga utanförskap", "Stadsdelsförvaltningen", "Landsting", "Uppföljning i ILS"]],
        ),
        ("h1", "Aktiviteter 2018"),
        ("table", ["Aktivitet", "Klart"], [["Uppdatera den interna organisationen", "Maj"]]),
        ("h1", "Aktivitetsplan"),
        (
            "table",
            ["Aktivitet", "Syfte", "Tidplan", "Ansvarig"],
            [["Tydliggör samordnarens roll", "Kännedom", "2022", "Kommunstaben"]],
        ),
    )
    client.force_login(coordinator)
    draft = imported(client, plan, data, year="2020")
    first, second, third = draft.chapters.order_by("order")
    assert first.kind == K.PREVENTIVE
    activity = first.activities.get()
    assert (activity.responsible, activity.partners, activity.follow_up_method) == (
        "Stadsdelsförvaltningen",
        "Landsting",
        "Uppföljning i ILS",
    )
    assert second.kind == K.OTHER and second.activities.get().timing == "Maj"
    assert third.activities.get().purpose == "Kännedom"


def test_a_table_without_the_aktivitet_column_becomes_prose_and_is_named(client, coordinator, plan):
    data = word(
        ("h1", "Lokal lägesbild"),
        ("p", "Källor till lägesbilden:"),
        ("table", ["Källa", "Antal"], [["Orosanmälningar", "4"], ["Enkät", "120"]]),
    )
    client.force_login(coordinator)
    preview = upload(client, plan, data, year="2020").content.decode()
    assert "saknar kolumnen Aktivitet i rubrikraden och blev löptext" in preview
    confirm(client, plan)
    chapter = plan.revisions.get(year=2020).chapters.get()
    assert chapter.kind == K.PROSE and not chapter.activities.exists()
    assert chapter.body == "Källor till lägesbilden:\n\nKälla – Antal\nOrosanmälningar – 4\nEnkät – 120"


def test_the_products_own_word_export_imports_back_with_purpose_and_partners(client, coordinator, plan):
    adopted = plan.revisions.get(year=2019)
    ActivityFactory(chapter=adopted.chapters.get(), text="Föräldraträffar", purpose="Stärka föräldrar")
    client.force_login(coordinator)
    exported = client.get(reverse("plans:revision_docx", args=[adopted.pk]))
    other = ActionPlanFactory(organisation=plan.organisation, title="Kopia")
    draft = imported(client, other, exported.content, year="2020")
    activity = Activity.objects.get(chapter__revision=draft)
    assert (activity.text, activity.purpose) == ("Föräldraträffar", "Stärka föräldrar")
    assert (activity.responsible, activity.partners) == ("Socialtjänst och förskola", "Polis, Civilsamhället")
    assert (activity.chapter.heading, activity.chapter.kind) == ("Förebyggande arbete", K.PREVENTIVE)


def test_a_document_without_headings_is_refused_with_the_reason(client, coordinator, plan):
    client.force_login(coordinator)
    response = upload(client, plan, word(("p", "Bara text.")), year="2020")
    assert response.status_code == 400
    assert "Dokumentet har inga rubriker" in response.content.decode()
    assert not plan.revisions.filter(year=2020).exists()


def test_an_over_long_cell_is_reported_not_cut(client, coordinator, plan):
    data = word(("h1", "Förebyggande arbete"), ("table", ["Aktivitet", "Tidplan"], [["Träffar", "x" * 101]]))
    client.force_login(coordinator)
    response = upload(client, plan, data, year="2020")
    assert response.status_code == 400
    assert "Kapitlet ”Förebyggande arbete”, aktivitet 1: Tidplan är för lång (101 tecken, högst 100)." in (
        response.content.decode()
    )


# --- responsible units ----------------------------------------------------------------------------------


def test_each_activity_gets_the_unit_its_ansvarig_names_else_the_plans_organisation(
    client, coordinator, plan, committee
):
    social = OrganisationFactory(
        name="Avdelningen för socialtjänst", short_name="Soc", kind=Organisation.Kind.UNIT, parent=committee
    )
    data = word(
        ("h1", "Förhindrande arbete"),
        (
            "table",
            ["Aktivitet", "Ansvarig"],
            [
                ["Samverkan med polisen", "Socialtjänsten"],
                ["Feriearbete", "Avdelningschefer"],
                ["Klotter", ""],
            ],
        ),
    )
    client.force_login(coordinator)
    preview = upload(client, plan, data, year="2020").content.decode()
    assert "Avdelningen för socialtjänst" in preview  # the preview shows the unit each row will get
    confirm(client, plan)
    units = dict(Activity.objects.values_list("text", "responsible_unit"))
    assert units == {"Samverkan med polisen": social.pk, "Feriearbete": committee.pk, "Klotter": committee.pk}


# --- where it goes: an empty draft, or a new one; never into a draft with chapters ----------------------


def test_the_plans_empty_draft_is_filled_and_keeps_its_year(client, coordinator, committee):
    plan = ActionPlanFactory(organisation=committee)
    empty = PlanRevisionFactory(plan=plan, year=2024)
    client.force_login(coordinator)
    page = client.get(reverse("plans:plan_word_import", args=[plan.pk])).content.decode()
    assert "det tomma utkastet 2024" in page and 'name="year"' not in page
    draft = imported(client, plan, skarholmen_docx())
    assert draft.pk == empty.pk and Activity.objects.filter(chapter__revision=draft).count() == 30
    detail = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "Importera från Word" not in detail  # the draft has chapters now


def test_a_draft_with_chapters_is_not_mixed_with_a_word_plan(client, coordinator, plan):
    ChapterFactory(revision=PlanRevisionFactory(plan=plan, year=2020))
    client.force_login(coordinator)
    before = counts()
    response = upload(client, plan, skarholmen_docx())
    assert response.status_code == 409
    assert "Utkastet 2020 har redan kapitel" in response.content.decode()
    assert counts() == before


def test_a_year_that_already_has_a_revision_is_refused(client, coordinator, plan):
    client.force_login(coordinator)
    response = upload(client, plan, skarholmen_docx(), year="2019")
    assert response.status_code == 400
    assert "Det finns redan en revidering för 2019" in response.content.decode()


def test_a_draft_made_between_preview_and_confirmation_stops_the_import(client, coordinator, plan):
    client.force_login(coordinator)
    upload(client, plan, skarholmen_docx(), year="2020")
    PlanRevisionFactory(plan=plan, year=2021)
    before = counts()
    response = confirm(client, plan)
    assert response.status_code == 400
    assert "utkast har ändrats sedan förhandsgranskningen" in response.content.decode()
    assert counts() == before


def test_chapters_left_out_in_the_preview_are_not_written(client, coordinator, plan):
    client.force_login(coordinator)
    upload(client, plan, skarholmen_docx(), year="2020")
    confirm(client, plan, chapters=[1, 4])
    draft = plan.revisions.get(year=2020)
    assert list(draft.chapters.values_list("heading", flat=True)) == [
        "Inledning och syfte",
        "Förebyggande arbete",
    ]


def test_the_same_confirmation_sent_twice_imports_once(client, coordinator, plan):
    client.force_login(coordinator)
    page = client.get(reverse("plans:plan_word_import", args=[plan.pk])).content.decode()
    token = re.search(r'name="submission" value="([0-9a-f-]+)"', page).group(1)
    upload(client, plan, skarholmen_docx(), year="2020", submission=token)
    pending = dict(client.session[f"plans:word-import:{plan.pk}"])
    confirm(client, plan)
    session = client.session
    session[f"plans:word-import:{plan.pk}"] = pending
    session.save()
    again = confirm(client, plan)
    assert again.status_code == 302
    assert Activity.objects.filter(chapter__revision__year=2020).count() == 30


# --- undo -------------------------------------------------------------------------------------------------


def test_undo_removes_the_draft_the_import_made(client, coordinator, plan):
    client.force_login(coordinator)
    before = counts()
    upload(client, plan, skarholmen_docx(), year="2020")
    result = confirm(client, plan).context["result"]
    url = reverse("plans:plan_word_import_undo", args=[plan.pk])
    response = client.post(url, {"import_id": result.import_id}, follow=True)
    assert "utkastet den skapade och allt i det är borttaget" in response.content.decode()
    assert counts() == before
    assert client.post(url, {"import_id": result.import_id}).status_code == 302  # a second undo: a message


def test_undo_into_an_empty_draft_keeps_the_draft(client, coordinator, committee):
    plan = ActionPlanFactory(organisation=committee)
    empty = PlanRevisionFactory(plan=plan, year=2024)
    client.force_login(coordinator)
    upload(client, plan, skarholmen_docx())
    result = confirm(client, plan).context["result"]
    client.post(reverse("plans:plan_word_import_undo", args=[plan.pk]), {"import_id": result.import_id})
    assert PlanRevision.objects.filter(pk=empty.pk).exists() and not empty.chapters.exists()


# --- who may -----------------------------------------------------------------------------------------


def test_readers_may_not_import_and_are_not_offered_it(client, plan, secretary, staff):
    for user in (secretary, staff):
        client.force_login(user)
        assert upload(client, plan, skarholmen_docx(), year="2020").status_code == 403
        assert "Importera från Word" not in client.get(plan.get_absolute_url()).content.decode()
    assert not plan.revisions.filter(year=2020).exists()


# --- hostile files ---------------------------------------------------------------------------------------


def _rezip(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, change(item.filename, source.read(item.filename)))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"Detta \xe4r ingen Word-fil", "går inte att öppna som Word-dokument"),
        (lambda: skarholmen_docx()[:3000], "går inte att öppna som Word-dokument"),
        (
            lambda: _rezip(
                skarholmen_docx(),
                lambda name, body: (
                    body.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaa">]>', 1)
                    if name == "word/document.xml"
                    else body
                ),
            ),
            "DOCTYPE- eller ENTITY-deklaration",
        ),
    ],
    ids=["not-a-zip", "truncated", "doctype"],
)
def test_hostile_word_files_are_refused_with_a_swedish_message(client, coordinator, plan, make, message):
    client.force_login(coordinator)
    before = counts()
    response = upload(client, plan, make(), year="2020")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts() == before


def test_an_import_whose_draft_has_been_adopted_cannot_be_undone(client, coordinator, secretary, plan):
    client.force_login(coordinator)
    upload(client, plan, skarholmen_docx(), year="2020")
    result = confirm(client, plan).context["result"]
    draft = result.revision
    draft.refresh_from_db()
    services.adopt_revision(
        revision=draft,
        decided_by="Nämnden",
        decided_on=datetime.date(2020, 5, 20),
        paragraph="7",
        diary_number="",
        by=secretary,
    )
    before = counts()
    response = client.post(
        reverse("plans:plan_word_import_undo", args=[plan.pk]), {"import_id": result.import_id}, follow=True
    )
    assert "Planen har inget utkast längre. Importen kan inte ångras." in response.content.decode()
    assert counts() == before


def test_a_column_the_activity_has_no_field_for_is_named_in_the_preview(client, coordinator, plan):
    data = word(
        ("h1", "Förebyggande arbete"),
        ("table", ["Aktivitet", "Kostnad", "Mål", "Syfte"], [["Träffar", "10 000 kr", "Fler", "Färre"]]),
    )
    client.force_login(coordinator)
    html = upload(client, plan, data, year="2020").content.decode()
    assert "Kolumnen ”Kostnad” i aktivitetstabellen motsvarar inget fält och tas inte med." in html
    assert "Kolumnen ”Syfte” i aktivitetstabellen" in html  # the second purpose column
