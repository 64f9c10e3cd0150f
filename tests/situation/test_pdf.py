"""The lokal lägesbild as a nämnd-ready PDF: drafts and fastställda pictures, the chart, per role."""

import datetime
import re

import pikepdf
import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import documents.downloads
from documents.models import StoredDocument
from situation import pdf, services
from situation.models import SituationPicture
from tests.documents.pdfcheck import assert_archival_and_accessible, page_texts
from tests.factories import (
    ObservationFactory,
    OrganisationFactory,
    ProblemFactory,
    SituationPictureFactory,
    SourceFactory,
    environment,
    observation_kind,
)

pytestmark = pytest.mark.django_db

TITLE_2019 = "Lokal lägesbild 2019 – Norra stadsdelsnämnden"
LEFT_WING = "Vänsterextremism / autonoma miljön"


def _fill(picture, *, observations=2):
    picture.outlook = "Säkerhetspolisen bedömer att hotet från högerextremismen ökar."
    picture.threat_level, picture.threat_level_source = 3, "NCT:s helårsbedömning 2019"
    picture.save()
    SourceFactory(picture=picture, description="Polisens lägesbild för Norra.", kind="polisens_lagesbild")
    for n in range(observations):
        ObservationFactory(picture=picture, description=f"Klotter på gångtunnel nummer {n}.", count=n + 1)
    ObservationFactory(
        picture=picture, environment=environment(LEFT_WING), kind=observation_kind(), count=None
    )
    return picture


@pytest.fixture
def draft(committee):
    return _fill(SituationPictureFactory(organisation=committee, year=2019))


@pytest.fixture
def established(committee, coordinator):
    earlier = _fill(SituationPictureFactory(organisation=committee, year=2018), observations=1)
    services.establish_picture(picture=earlier, by=coordinator)
    return SituationPicture.objects.get(pk=earlier.pk)


def _get(client, user, picture):
    client.force_login(user)
    return client.get(reverse("situation:picture_pdf", args=[picture.pk]))


def test_draft_is_archival_with_cover_contents_chapters_and_utkast_on_every_page(client, secretary, draft):
    response = _get(client, secretary, draft)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Lagesbild-VBE-Norra-2019-utkast.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert_archival_and_accessible(response.content, title=TITLE_2019)
    pages = page_texts(response.content)
    for number, text in enumerate(pages, start=1):
        assert "TESTSTAD" in text and "Norra stadsdelsnämnden" in text and "LÄGESBILD" in text
        assert f"Sida {number} ({len(pages)})" in text
        assert "UTKAST" in text and "lägesbilden är inte fastställd" in text
    assert "Lokal lägesbild 2019" in pages[0] and "Utkast – ej fastställd" in pages[0]
    assert "Innehåll" in pages[1]
    text = " ".join(pages)
    for _, heading in SituationPicture.CHAPTERS:
        assert re.search(rf"\d+ {heading} \.{{5,}} \d+", pages[1]), heading  # in the contents
        assert heading in " ".join(pages[2:]), heading  # and as a chapter (the watermark may interleave)
    assert "Hotnivå 3 på en femgradig skala. Källa: NCT:s helårsbedömning 2019." in text
    assert "Polisens lägesbild Polisens lägesbild för Norra." in text
    assert "Klotter på gångtunnel nummer 1." in text and "ej räknat" in text
    assert not StoredDocument.objects.exists()


def test_contents_give_the_page_of_each_section(client, secretary, draft):
    draft.analysis = "\n\n".join(f"Stycke {n} om analysens slutsatser för nämnden." for n in range(70))
    draft.save()
    pages = page_texts(_get(client, secretary, draft).content)
    listed = {h: int(p) for h, p in re.findall(r"\d+ (Analys|Källor) \.{5,} (\d+)", pages[1])}
    actual = {
        "Analys": next(n for n, t in enumerate(pages, 1) if "Stycke 0 om analysens" in t),
        "Källor": next(n for n, t in enumerate(pages, 1) if "Det lägesbilden bygger på:" in t),
    }
    assert listed == actual and actual["Källor"] > actual["Analys"]


def test_observations_are_grouped_by_environment_with_repeating_header(client, secretary, committee):
    # Fastställd, so that no watermark letters mix into the extracted text.
    picture = _fill(SituationPictureFactory(organisation=committee, established=True), observations=40)
    pages = page_texts(_get(client, secretary, picture).content)
    table_pages = [t for t in pages if "Klotter på gångtunnel nummer" in t]
    assert len(table_pages) >= 2
    for text in table_pages:
        # pdftotext may read the last header cell after the rows; the header is on every page anyway.
        assert "Typ av iakttagelse Område Period Antal" in text and "Beskrivning" in text
    assert sum(t.count("Klotter på gångtunnel nummer") for t in table_pages) == 40
    text = " ".join(pages)
    # Each environment's heading stands right above its table, never alone at the foot of a page.
    assert "Våldsbejakande högerextremism / vit makt-miljön Typ av iakttagelse Område" in text
    assert text.index(f"{LEFT_WING} Typ av iakttagelse Område") > text.index("gångtunnel nummer 39.")


def _drawing(page) -> bytes:
    contents = page.obj.Contents
    streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
    return b"".join(stream.read_bytes() for stream in streams)


def test_year_over_year_chart_is_drawn_as_vectors_in_the_shipped_font(client, secretary, draft, established):
    content = _get(client, secretary, draft).content
    # Every font, including the chart's labels, is the embedded "VBE Sans" of print.css.
    document = assert_archival_and_accessible(content, title=TITLE_2019)
    # The bars are vector paths in the first series' colour (Okabe-Ito blue #0072B2), on one page.
    blue = re.compile(rb"0 0\.447\d* 0\.698\d* rg")
    chart_pages = [n for n, page in enumerate(document.pages) if blue.search(_drawing(page))]
    # Two charts (per miljö and per typ), each kept whole on its page.
    assert 1 <= len(chart_pages) <= 2
    assert "Iakttagelser per typ och år" in " ".join(page_texts(content)[n] for n in chart_pages)
    text = page_texts(content)[chart_pages[0]]
    assert "Iakttagelser år för år" in text
    # The chart's own labels as text: axis, category, the "ej räknat" bar and the legend's years.
    assert "Antal iakttagelser" in text and "högerextremism /" in text and "autonoma" in text
    assert text.count("ej räknat") >= 2 and "2018" in text and "2019" in text


def test_chart_fits_the_text_width(draft):
    chart = pdf.picture_context(draft)["chart"]
    assert 'viewBox="0 0 760' in chart and 'font-family="VBE Sans"' in chart


def test_chart_of_a_picture_compares_with_earlier_years_only(committee, established, draft):
    assert pdf.picture_context(established)["comparison"].years == [2018]
    assert pdf.picture_context(draft)["comparison"].years == [2018, 2019]


def test_established_picture_is_stored_once_and_served_byte_for_byte(
    client, secretary, central, established, monkeypatch
):
    first = _get(client, secretary, established)
    assert first["Content-Disposition"] == 'attachment; filename="Lagesbild-VBE-Norra-2018-faststalld.pdf"'
    assert_archival_and_accessible(first.content, title="Lokal lägesbild 2018 – Norra stadsdelsnämnden")
    pages = page_texts(first.content)
    assert all("UTKAST" not in text for text in pages)
    established_on = f"{datetime.date.today():%Y-%m-%d}"
    assert f"Fastställd {established_on}" in pages[0]
    stored = StoredDocument.objects.get(key=f"situation.SituationPicture:{established.pk}:lagesbild")
    assert stored.created_by is None  # rendered by the task, not in anyone's name

    monkeypatch.setattr(documents.downloads, "render_pdf", lambda template_name, context: b"%PDF-1.7 new")
    assert _get(client, central, established).content == first.content
    assert StoredDocument.objects.count() == 4  # the lägesbild and its ärende, each as PDF and as Word


def test_draft_renders_afresh_after_every_edit(client, coordinator, draft):
    first = " ".join(page_texts(_get(client, coordinator, draft).content))
    draft.analysis = "Ny analys efter första nedladdningen."
    draft.version += 1  # as every service does
    draft.save()
    second = " ".join(page_texts(_get(client, coordinator, draft).content))
    assert "Ny analys efter första nedladdningen." not in first
    assert "Ny analys efter första nedladdningen." in second


@pytest.fixture
def fake_render(monkeypatch):
    monkeypatch.setattr(documents.downloads, "render_pdf", lambda template_name, context: b"%PDF-1.7 test")


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [("coordinator", 200), ("secretary", 200), ("central", 200), ("staff", 403), ("other_coordinator", 404)],
)
def test_export_permission_per_role(client, request, fake_render, draft, established, fixture, expected):
    user = request.getfixturevalue(fixture)
    assert _get(client, user, draft).status_code == expected
    assert _get(client, user, established).status_code == expected


def test_anonymous_is_sent_to_login(client, draft):
    response = client.get(reverse("situation:picture_pdf", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("fixture", ["secretary", "central", "coordinator"])
def test_download_button_on_the_picture_page(client, request, draft, fixture):
    # Every role that may read a lägesbild may also export it; staff see neither (the page is 403).
    client.force_login(request.getfixturevalue(fixture))
    html = client.get(reverse("situation:picture_detail", args=[draft.pk])).content.decode()
    assert reverse("situation:picture_pdf", args=[draft.pk]) in html and "Ladda ner som PDF (utkast)" in html


def test_file_name_is_ascii_from_short_name(committee):
    org = OrganisationFactory(
        name="Skärholmens stadsdelsnämnd", short_name="Skärholmen", parent=committee.parent
    )
    picture = SituationPictureFactory(organisation=org, year=2019, established=True)
    assert pdf.filename_for(picture) == "Lagesbild-VBE-Skarholmen-2019-faststalld.pdf"


def _problems(picture, count):
    """`count` prioritised problems, each citing every observation and source of the picture."""
    problems = []
    for n in range(count):
        problem = ProblemFactory(
            picture=picture,
            priority=n + 1,
            title=f"Prioriterat problem nummer {n}",
            area=f"Område {n}",
            environment=environment(LEFT_WING) if n % 2 else None,
            crime_type="Skadegörelse" if n % 3 == 0 else "",
            causes=f"Orsak {n}: få vuxna i rörelse kvällstid.",
        )
        problem.observations.set(picture.observations.all())
        problem.sources.set(picture.sources.all())
        problems.append(problem)
    return problems


def test_prioritised_problems_are_a_section_with_their_evidence(client, secretary, committee):
    picture = _fill(
        SituationPictureFactory(organisation=committee, year=2019, established=True), observations=1
    )
    _problems(picture, 3)
    pages = page_texts(_get(client, secretary, picture).content)
    listed = {h: n for n, h in re.findall(r"(\d+) (Prioriterade problem|Källor) \.{5,} \d+", pages[1])}
    assert listed and int(listed["Källor"]) == int(listed["Prioriterade problem"]) + 1  # in the contents
    text = " ".join(pages[2:])
    section = text.split(f"{listed['Prioriterade problem']} Prioriterade problem", 1)[1].split(
        f"{listed['Källor']} Källor", 1
    )[0]
    # In priority order, each with where, which environment or crime type, the evidence and the causes.
    assert section.index("1. Prioriterat problem nummer 0") < section.index("3. Prioriterat problem nummer 2")
    assert "Var Område 0 Miljö eller brottstyp Skadegörelse" in section
    assert f"Miljö eller brottstyp {LEFT_WING}" in section
    assert "Det som visar det Graffiti/klotter – Våldsbejakande högerextremism" in section
    assert "; Polisens lägesbild Möjliga orsaker Orsak 0: få vuxna i rörelse kvällstid." in section
    empty = SituationPictureFactory(organisation=committee, year=2020, established=True)
    assert "Inga prioriterade problem registrerade." in " ".join(
        page_texts(_get(client, secretary, empty).content)
    )


def test_context_runs_a_fixed_number_of_queries(committee):
    def queries(observations):
        picture = _fill(
            SituationPictureFactory(organisation=OrganisationFactory(parent=committee)),
            observations=observations,
        )
        _problems(picture, observations // 2)
        picture = SituationPicture.objects.select_related("organisation").get(pk=picture.pk)
        with CaptureQueriesContext(connection) as captured:
            render_to_string(pdf.TEMPLATE, pdf.picture_context(picture))
        return len(captured)

    assert queries(2) == queries(25) <= 10
