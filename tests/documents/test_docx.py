"""Word out: the DOCX of each document opens with python-docx, holds the tables with a repeating header
row, and carries the same words as the PDF."""

import io
import re

import docx
import pytest
from django.urls import reverse

from tests.documents.pdfcheck import page_texts
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory, RoutineFactory

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\wåäöÅÄÖ]{4,}", text) if not w.isdigit()}


def docx_text(content: bytes) -> tuple[docx.document.Document, str]:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    section = document.sections[0]
    parts.extend(p.text for p in section.header.paragraphs + section.footer.paragraphs)
    return document, "\n".join(parts)


@pytest.fixture
def adopted(committee, unit):
    revision = PlanRevisionFactory(plan__organisation=committee, adopted=True)
    ChapterFactory(revision=revision, heading="Inledning", kind="prosa", body="Planen gäller hela nämnden.")
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete")
    for n in range(3):
        ActivityFactory(
            chapter=chapter, text=f"Föräldraträffar om demokrati, omgång {n}", responsible_unit=unit
        )
    RoutineFactory(organisation=committee, title="Rutin vid oro", body="Ring samordnaren.")
    return revision


@pytest.mark.parametrize(
    ("docx_url", "pdf_url"),
    [
        ("plans:revision_docx", "plans:revision_pdf"),
        ("plans:revision_case_docx", "plans:revision_case_pdf"),
    ],
)
def test_plan_and_arende_as_word_hold_the_same_text_as_the_pdf(client, secretary, adopted, docx_url, pdf_url):
    client.force_login(secretary)
    response = client.get(reverse(docx_url, args=[adopted.pk]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response["Content-Disposition"].endswith('-antagen.docx"')
    document, text = docx_text(response.content)
    pdf_text = " ".join(page_texts(client.get(reverse(pdf_url, args=[adopted.pk])).content))
    # Page numbers are Word fields; the PDF's numbers and dot leaders are layout, not content.
    missing_in_docx = _words(pdf_text) - _words(text) - {"Sida", "Innehåll"}
    assert not missing_in_docx
    assert not _words(text) - _words(pdf_text) - {"Sida"}
    assert "Antagen av Norra stadsdelsnämnden 2019-05-23 § 12" in text or docx_url.endswith("case_docx")
    headings = {p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert headings


def test_the_activity_table_is_a_word_table_with_a_repeating_header_row(client, secretary, adopted):
    client.force_login(secretary)
    document, _ = docx_text(client.get(reverse("plans:revision_docx", args=[adopted.pk])).content)
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == [
        "Aktivitet och syfte",
        "Ansvarig och samverkan",
        "Tidplan",
        "Uppföljning",
    ]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert len(table.rows) == 4 and "omgång 2" in table.rows[3].cells[0].text
    footer = document.sections[0].footer._element.xml
    assert "NUMPAGES" in footer and " PAGE " in footer
    assert "Antagen av Norra stadsdelsnämnden" in footer
    assert document.paragraphs[1].style.name == "Title"
    assert any(p.style.name == "Heading 1" and p.text == "2 Förebyggande arbete" for p in document.paragraphs)


def test_lagesbild_and_followup_report_as_word_hold_the_same_text_as_the_pdf(client, coordinator, committee):
    from decimal import Decimal

    from followup.models import IndicatorValue
    from tests.factories import (
        ActivityFollowUpFactory,
        FollowUpRoundFactory,
        IndicatorFactory,
        IndicatorTargetFactory,
        ObservationFactory,
        ProblemFactory,
        SituationPictureFactory,
        SourceFactory,
    )

    picture = SituationPictureFactory(organisation=committee, year=2019, analysis="Analysen av läget.")
    source = SourceFactory(picture=picture, description="Enkät till fritidsledare")
    observation = ObservationFactory(picture=picture, description="Klotter vid skolan", count=3)
    problem = ProblemFactory(
        picture=picture, title="Symboler på skolgården", area="Skolornas närmiljö", crime_type="Skadegörelse"
    )
    problem.observations.set([observation])
    problem.sources.set([source])
    ProblemFactory(picture=picture, title="Hot mot fritidsledare", causes="")
    round_ = FollowUpRoundFactory(revision__plan__organisation=committee, revision__situation_picture=picture)
    activity = ActivityFactory(chapter__revision=round_.revision, text="Skolvandringar kvällstid")
    activity.problems.set([problem])
    ActivityFollowUpFactory(round=round_, activity=activity)
    indicator = IndicatorFactory(activity=activity, name="Anmälda skadegörelser", unit="antal")
    IndicatorTargetFactory(indicator=indicator, year=round_.revision.year, value=Decimal("12"))
    IndicatorValue.objects.create(round=round_, indicator=indicator, value=Decimal("15.5"))
    client.force_login(coordinator)
    texts = {}
    for name, pk in (("situation:picture", picture.pk), ("followup:round", round_.pk)):
        response = client.get(reverse(f"{name}_docx", args=[pk]))
        assert response.status_code == 200 and response["Content-Type"] == DOCX
        document, text = docx_text(response.content)
        assert document.tables and document.tables[0].rows[0]._tr.trPr.xpath("./w:tblHeader")
        pdf_text = " ".join(page_texts(client.get(reverse(f"{name}_pdf", args=[pk])).content))
        assert not _words(pdf_text) - _words(text) - {"Sida", "Innehåll", "UTKAST"}, (
            name,
            sorted(_words(pdf_text) - _words(text)),
        )
        texts[name] = (text, pdf_text)
    # The lägesbild's prioritised problems, with their evidence, in both; the report read per problem and
    # each indicator's latest value against its target, in both.
    picture_words, picture_pdf = texts["situation:picture"]
    for text in (picture_words, picture_pdf):
        assert "Prioriterade problem" in text and "Symboler på skolgården" in text, text
        assert "Hot mot fritidsledare" in text and "Skolornas närmiljö" in text
        assert "Skadegörelse" in text and "Graffiti/klotter – Våldsbejakande högerextremism" in text
    report_words, report_pdf = texts["followup:round"]
    for text in (report_words, report_pdf):
        assert "Per prioriterat problem i lägesbilden" in text
        assert "Skolvandringar kvällstid: Ej rapporterad" in text
        assert "Ingen aktivitet i planen svarar mot problemet." in text
        assert "Indikatorer: senaste värde mot målvärde" in text and "Anmälda skadegörelser (antal)" in text
    assert re.search(r"Anmälda skadegörelser \(antal\)\n15,5 \(.+\)\n12\nJa", report_words), report_words
    assert re.search(r"Anmälda skadegörelser \(antal\) 15,5 \(.+\) 12 Ja", report_pdf), report_pdf


def test_plan_as_word_says_what_each_activity_answers_like_the_pdf(client, secretary, committee):
    from decimal import Decimal

    from tests.factories import (
        IndicatorFactory,
        IndicatorTargetFactory,
        ProblemFactory,
        SituationPictureFactory,
    )

    picture = SituationPictureFactory(organisation=committee, year=2019, established=True)
    problems = [
        ProblemFactory(picture=picture, priority=1, title="Rekrytering via sociala medier"),
        ProblemFactory(picture=picture, priority=2, title="Klistermärken vid skolorna"),
    ]
    revision = PlanRevisionFactory(plan__organisation=committee, year=2020, situation_picture=picture)
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete")
    ActivityFactory(chapter=chapter, text="Föräldraträffar om nätet").problems.set(problems)
    ActivityFactory(chapter=chapter, text="Fritidsgårdens nätvandring")
    client.force_login(secretary)
    _, text = docx_text(client.get(reverse("plans:revision_docx", args=[revision.pk])).content)
    assert "Svarar mot: Rekrytering via sociala medier; Klistermärken vid skolorna" in text
    assert text.count("Svarar mot") == 1  # not under the activity that answers nothing
    pdf_text = " ".join(page_texts(client.get(reverse("plans:revision_pdf", args=[revision.pk])).content))
    assert "Svarar mot: Rekrytering via sociala medier; Klistermärken vid skolorna" in pdf_text
    missing = _words(pdf_text) - _words(text) - {"Sida", "Innehåll", "UTKAST"}
    assert not missing, sorted(missing)

    # An indicator: its description and targets as in the PDF (the chart becomes its table of points).
    indicator = IndicatorFactory(activity=chapter.activities.first(), name="Deltagare i föräldraträffar")
    IndicatorTargetFactory(indicator=indicator, year=2020, value=Decimal("35.5"))
    revision.version += 1
    revision.save()
    _, text = docx_text(client.get(reverse("plans:revision_docx", args=[revision.pk])).content)
    assert "Indikatorer – Förebyggande arbete" in text and "Deltagare i föräldraträffar (procent)" in text
    assert "Utgångsvärde 2018: 62,5 (Elevenkäten 2018)" in text and "Målvärde 2020\n35,5" in text
