"""Nämnd-ready PDFs of a plan revision: the plan and the beslutsförslag, drafts and adopted, per role."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

import documents.downloads
from documents import cases
from documents.models import StoredDocument
from documents.render import BASE_URL, StaticOnlyURLFetcher
from plans import pdf
from plans.models import PlanRevision
from tests.documents.pdfcheck import assert_archival_and_accessible, page_texts
from tests.factories import (
    ActivityFactory,
    ChapterFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    OrganisationFactory,
    PlanRevisionFactory,
    ProblemFactory,
    SituationPictureFactory,
)

pytestmark = pytest.mark.django_db

PLAN_TITLE = "Handlingsplan mot våldsbejakande extremism 2019 – Norra stadsdelsnämnden"
CASE_TITLE = (
    "Förslag till beslut gällande handlingsplan mot våldsbejakande extremism 2019 – Norra stadsdelsnämnden"
)


def _fill(revision, unit=None):
    ChapterFactory(revision=revision, heading="Inledning", kind="prosa", body="Planen gäller hela nämnden.")
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete")
    for n in range(3):
        ActivityFactory(
            chapter=chapter, text=f"Föräldraträffar om demokrati, omgång {n}", responsible_unit=unit
        )
    return revision


@pytest.fixture
def draft(committee, unit):
    return _fill(PlanRevisionFactory(plan__organisation=committee, diary_number="1.2.3-456/2019"), unit)


@pytest.fixture
def adopted(committee, unit):
    return _fill(PlanRevisionFactory(plan__organisation=committee, adopted=True), unit)


def _get(client, user, name, revision):
    client.force_login(user)
    return client.get(reverse(name, args=[revision.pk]))


def test_adopted_plan_is_archival_with_header_adoption_line_and_no_draft_mark(client, secretary, adopted):
    response = _get(client, secretary, "plans:revision_pdf", adopted)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="Handlingsplan-VBE-Norra-2019-antagen.pdf"'
    )
    assert_archival_and_accessible(response.content, title=PLAN_TITLE)
    pages = page_texts(response.content)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "TESTSTAD" in text and "Norra stadsdelsnämnden" in text and "HANDLINGSPLAN" in text
        assert "Dnr 1.2.3-456/2019" in text and "2019-05-23" in text
        assert f"Sida {number} ({len(pages)})" in text
        assert "UTKAST" not in text
        assert "Antagen av Norra stadsdelsnämnden 2019-05-23 § 12, dnr 1.2.3-456/2019" in text
    assert "Innehåll" in pages[1] and "Förebyggande arbete" in pages[1]
    assert "Föräldraträffar om demokrati, omgång 2" in " ".join(pages)


def test_table_of_contents_gives_the_page_of_each_chapter(client, secretary, committee):
    revision = PlanRevisionFactory(plan__organisation=committee, adopted=True)
    long_body = "\n\n".join(
        f"Stycke {n} om samverkan mellan skola, socialtjänst och polis." for n in range(90)
    )
    ChapterFactory(revision=revision, heading="Inledning", kind="prosa", body=long_body)
    ChapterFactory(revision=revision, heading="Förebyggande arbete", body="Avsnittet om förebyggande arbete.")
    pages = page_texts(_get(client, secretary, "plans:revision_pdf", revision).content)
    contents = re.findall(r"(\d) (Inledning|Förebyggande arbete) \.{5,} (\d+)", pages[1])
    listed = {heading: int(page) for _, heading, page in contents}
    actual = {
        "Inledning": next(n for n, text in enumerate(pages, 1) if "Stycke 0 om" in text),
        "Förebyggande arbete": next(
            n for n, text in enumerate(pages, 1) if "Avsnittet om förebyggande" in text
        ),
    }
    assert listed == actual
    assert actual["Förebyggande arbete"] > actual["Inledning"] >= 3


def test_draft_plan_is_marked_utkast_on_every_page(client, coordinator, draft):
    response = _get(client, coordinator, "plans:revision_pdf", draft)
    assert response["Content-Disposition"] == 'attachment; filename="Handlingsplan-VBE-Norra-2019-utkast.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert_archival_and_accessible(response.content, title=PLAN_TITLE)
    pages = page_texts(response.content)
    assert pages and all("UTKAST" in text for text in pages)
    assert all(f"Sida {n} ({len(pages)})" in text for n, text in enumerate(pages, start=1))
    assert "Antagen av" not in " ".join(pages)
    assert not StoredDocument.objects.exists()


def test_case_document_follows_the_beslutsforslag_layout(client, secretary, draft):
    secretary.first_name, secretary.last_name = "Vera", "Ekholm"
    secretary.save()
    response = _get(client, secretary, "plans:revision_case_pdf", draft)
    assert response["Content-Disposition"] == (
        'attachment; filename="Beslutsforslag-Handlingsplan-VBE-Norra-2019-utkast.pdf"'
    )
    assert_archival_and_accessible(response.content, title=CASE_TITLE)
    pages = page_texts(response.content)
    text = " ".join(pages)
    assert "BESLUTSFÖRSLAG" in pages[0] and f"Sida 1 ({len(pages)})" in pages[0]
    assert "TESTSTAD" in pages[0] and "Ärendenr 1.2.3-456/2019" in pages[0]
    # The one who downloads is not the one who prepared the matter.
    assert "Vera Ekholm" not in text
    assert "Ärendenr 1.2.3-456/2019" in text
    assert "Förvaltningens förslag till beslut" in text
    assert (
        "Norra stadsdelsnämnden beslutar att anta handlingsplanen mot våldsbejakande extremism för 2019."
        in text
    )
    assert "Sammanfattning av ärendet" in text and "Planen innehåller 3 aktiviteter" in text
    assert "Beslutsunderlag" in text and "Handlingsplan mot våldsbejakande extremism 2019, förslag" in text
    assert "Beslutet skickas till" in text and "Fritidsenheten" in text
    assert all("UTKAST" in page for page in pages)


def test_the_proposal_of_an_adopted_revision_never_contains_the_decision(client, secretary, adopted):
    response = _get(client, secretary, "plans:revision_case_pdf", adopted)
    assert_archival_and_accessible(response.content, title=CASE_TITLE)
    text = " ".join(page_texts(response.content))
    assert "Antagen av" not in text and "Beslut " not in text.replace("Beslutet skickas", "")
    assert "UTKAST" not in text


def test_case_document_reports_changes_since_the_previous_year(secretary, adopted):
    draft = PlanRevisionFactory(plan=adopted.plan, year=2020, copied_from=adopted)
    chapter = ChapterFactory(revision=draft, heading="Förebyggande arbete")
    kept = adopted.chapters.get(heading="Förebyggande arbete").activities.first()
    ActivityFactory(chapter=chapter, text=kept.text, copied_from=kept)
    ActivityFactory(chapter=chapter, text="Ny aktivitet")
    summary = " ".join(cases.case_context(draft)["summary"])
    assert "Jämfört med handlingsplanen för 2019 har 1 aktivitet tillkommit och 2 utgått." in summary


def test_user_text_is_escaped_and_fetches_nothing(client, coordinator, committee, monkeypatch):
    revision = PlanRevisionFactory(plan__organisation=committee, diary_number="1.2.3-456/2019")
    chapter = ChapterFactory(revision=revision, body='Se bild: <img src="http://127.0.0.1:9/x"> slut.')
    ActivityFactory(chapter=chapter, text='<img src="file:///etc/passwd">', purpose="<b>fet</b>")
    urls = []
    original = StaticOnlyURLFetcher.fetch
    monkeypatch.setattr(
        StaticOnlyURLFetcher, "fetch", lambda self, url, headers=None: urls.append(url) or original(self, url)
    )
    response = _get(client, coordinator, "plans:revision_pdf", revision)
    text = " ".join(page_texts(response.content))
    assert 'Se bild: <img src="http://127.0.0.1:9/x"> slut.' in text
    assert '<img src="file:///etc/passwd">' in text and "<b>fet</b>" in text
    assert urls and all(url.startswith(BASE_URL + "static/") for url in urls)


def test_adopted_pdf_is_stored_once_and_served_byte_for_byte(
    client, secretary, central, adopted, monkeypatch
):
    first = _get(client, secretary, "plans:revision_pdf", adopted).content
    stored = StoredDocument.objects.get(key=f"plans.PlanRevision:{adopted.pk}:plan")
    # Rendered by the task, not in anyone's name.
    assert stored.filename == "Handlingsplan-VBE-Norra-2019-antagen.pdf" and stored.created_by is None

    # The templates change (a new layout is deployed): the adopted document must not.
    def changed_layout(template_name, context):
        return b"%PDF-1.7 a new layout"

    monkeypatch.setattr(documents.downloads, "render_pdf", changed_layout)
    second = _get(client, central, "plans:revision_pdf", adopted).content
    assert second == first
    # The task stores every document of the revision at once: plan and ärende, PDF and Word, and the
    # plan's public version.
    assert set(StoredDocument.objects.values_list("key", flat=True)) == {
        f"plans.PlanRevision:{adopted.pk}:{kind}"
        for kind in ("plan", "beslutsforslag", "plan.docx", "beslutsforslag.docx", "publik")
    }
    # A revision never downloaded before gets the new layout: the monkeypatch is in force.
    other = PlanRevisionFactory(plan=adopted.plan, year=2018, adopted=True)
    assert _get(client, secretary, "plans:revision_pdf", other).content == b"%PDF-1.7 a new layout"


def test_draft_renders_afresh_after_every_edit(client, coordinator, draft):
    first = page_texts(_get(client, coordinator, "plans:revision_pdf", draft).content)
    activity = draft.chapters.get(heading="Förebyggande arbete").activities.first()
    activity.text = "Ändrad aktivitet efter första nedladdningen"
    activity.version += 1  # as every service does
    activity.save()
    second = page_texts(_get(client, coordinator, "plans:revision_pdf", draft).content)
    assert "Ändrad aktivitet efter första nedladdningen" not in " ".join(first)
    assert "Ändrad aktivitet efter första nedladdningen" in " ".join(second)
    assert not StoredDocument.objects.exists()


@pytest.fixture
def fake_render(monkeypatch):
    monkeypatch.setattr(documents.downloads, "render_pdf", lambda template_name, context: b"%PDF-1.7 test")


@pytest.mark.parametrize("name", ["plans:revision_pdf", "plans:revision_case_pdf"])
@pytest.mark.parametrize(
    ("fixture", "draft_status", "adopted_status"),
    [
        ("secretary", 200, 200),
        ("coordinator", 200, 200),
        ("central", 200, 200),
        ("staff", 404, 403),
        ("other_coordinator", 404, 404),
    ],
)
def test_export_permission_per_role(
    client, request, fake_render, draft, name, fixture, draft_status, adopted_status
):
    adopted = PlanRevisionFactory(plan=draft.plan, year=2018, adopted=True)
    user = request.getfixturevalue(fixture)
    assert _get(client, user, name, draft).status_code == draft_status
    assert _get(client, user, name, adopted).status_code == adopted_status


def test_anonymous_is_sent_to_login(client, adopted):
    response = client.get(reverse("plans:revision_pdf", args=[adopted.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_file_name_is_ascii_from_short_name(committee):
    org = OrganisationFactory(
        name="Skärholmens stadsdelsnämnd", short_name="Skärholmen", parent=committee.parent
    )
    revision = PlanRevisionFactory(plan__organisation=org, year=2019, adopted=True)
    assert pdf.filename_for(revision) == "Handlingsplan-VBE-Skarholmen-2019-antagen.pdf"
    revision.status, revision.decided_on = "utkast", datetime.date(2019, 5, 23)
    assert (
        pdf.document(revision, "beslutsforslag").filename
        == "Beslutsforslag-Handlingsplan-VBE-Skarholmen-2019-utkast.pdf"
    )


@pytest.mark.parametrize(("fixture", "shown"), [("secretary", True), ("central", True), ("staff", False)])
def test_download_buttons_only_for_those_who_may_export(request, adopted, fixture, shown):
    http_request = RequestFactory().get("/")
    http_request.user = request.getfixturevalue(fixture)
    html = render_to_string(
        "plans/partials/_revision_downloads.html", {"revision": adopted}, request=http_request
    )
    assert (reverse("plans:revision_pdf", args=[adopted.pk]) in html) is shown
    assert (reverse("plans:revision_case_pdf", args=[adopted.pk]) in html) is shown


def test_document_context_runs_a_fixed_number_of_queries(committee, secretary):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(activities):
        # Every activity answers a problem of the lägesbild and carries an indicator with a target.
        picture = SituationPictureFactory(organisation=committee, year=2000 + activities)
        problem = ProblemFactory(picture=picture)
        revision = PlanRevisionFactory(
            plan__organisation=committee, plan__title=f"Plan {activities}", situation_picture=picture
        )
        for heading in ("Förebyggande arbete", "Förhindrande arbete"):
            chapter = ChapterFactory(revision=revision, heading=heading)
            for _ in range(activities):
                activity = ActivityFactory(chapter=chapter, responsible_unit=committee)
                activity.problems.add(problem)
                IndicatorTargetFactory(indicator=IndicatorFactory(activity=activity), year=2021)
        revision = PlanRevision.objects.select_related("plan__organisation", "copied_from").get(
            pk=revision.pk
        )
        with CaptureQueriesContext(connection) as captured:
            render_to_string(pdf.PLAN_TEMPLATE, pdf.plan_context(revision))
            render_to_string(cases.TEMPLATE, cases.case_context(revision))
        return len(captured)

    # + the problems answered, the indicators, their targets and their values
    assert queries(2) == queries(20) <= 18  # + the ärende and the redline of issue 12


def test_long_activity_table_repeats_its_header_and_keeps_rows_whole(client, coordinator, committee):
    revision = PlanRevisionFactory(plan__organisation=committee)
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete")
    for n in range(30):
        ActivityFactory(chapter=chapter, text=f"Dialogmöte med vårdnadshavare, tillfälle {n:02d}")
    pages = page_texts(_get(client, coordinator, "plans:revision_pdf", revision).content)
    table_pages = [text for text in pages if "Dialogmöte med vårdnadshavare" in text]
    assert len(table_pages) >= 3
    for text in table_pages:
        assert "Aktivitet och syfte Ansvarig och samverkan Tidplan Uppföljning" in text
        # A row split across pages would leave its text on one page and its purpose on the next.
        assert text.count("Dialogmöte med vårdnadshavare") == text.count("Syfte: Stärka föräldrar")
    assert sum(text.count("Dialogmöte med vårdnadshavare") for text in table_pages) == 30
