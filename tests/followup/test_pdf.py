"""The follow-up report for the nämnd as a PDF: open rounds (UTKAST) and closed ones (frozen), per role."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import documents.downloads
from documents.models import StoredDocument
from followup import pdf, services
from followup.models import FollowUpRound, FollowUpStatus
from tests.documents.pdfcheck import assert_archival_and_accessible, page_texts
from tests.factories import ActivityFactory, ChapterFactory, OrganisationFactory, PlanRevisionFactory

from .conftest import entry_for

pytestmark = pytest.mark.django_db

TITLE = (
    "Uppföljning av handlingsplan mot våldsbejakande extremism 2019 – Tertial 2, Maj–augusti 2019 "
    "– Norra stadsdelsnämnden"
)


def _status(tone) -> FollowUpStatus:
    return FollowUpStatus.objects.default_scale().filter(tone=tone).first()


@pytest.fixture
def reported(round_, activities, coordinator):
    """Two activities reported (one done, one ongoing), two not; an overall comment written."""
    done, ongoing = _status(FollowUpStatus.Tone.OK), _status(FollowUpStatus.Tone.PARTIAL)
    for activity, status, text in [
        (activities[0], done, "Mötesplatserna har öppnat i tre stadsdelar."),
        (activities[1], ongoing, "Två av fyra föräldraträffar är genomförda."),
    ]:
        entry = entry_for(round_, activity)
        services.report(entry=entry, status=status, narrative=text, version=entry.version, by=coordinator)
    current = FollowUpRound.objects.get(pk=round_.pk)
    services.update_comment(
        round=current, comment="Arbetet följer planen.", version=current.version, by=coordinator
    )
    return FollowUpRound.objects.select_related("revision__plan__organisation").get(pk=round_.pk)


@pytest.fixture
def closed(reported, coordinator):
    services.close_round(round=reported, by=coordinator)
    return FollowUpRound.objects.get(pk=reported.pk)


def _get(client, user, round_):
    client.force_login(user)
    return client.get(reverse("followup:round_pdf", args=[round_.pk]))


def test_open_round_is_archival_grouped_by_unit_and_marked_utkast_on_every_page(client, secretary, reported):
    response = _get(client, secretary, reported)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="Uppfoljning-VBE-Norra-2019-tertial-2.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert_archival_and_accessible(response.content, title=TITLE)
    pages = page_texts(response.content)
    for number, text in enumerate(pages, start=1):
        assert "TESTSTAD" in text and "Norra stadsdelsnämnden" in text and "UPPFÖLJNING" in text
        assert "Tertial 2, Maj–augusti 2019" in text and "Dnr 1.2.3-456/2019" in text
        assert f"Sida {number} ({len(pages)})" in text
        assert "UTKAST" in text and "uppföljningen är öppen" in text
    text = " ".join(pages)
    assert "Uppföljningen är öppen: verksamheterna kan fortfarande rapportera" in text
    assert "Samordnarens samlade kommentar Arbetet följer planen." in text
    # Grouped by responsible unit in the tree's order, as on the report page; no unit comes last.
    order = ["Fritidsenheten", "Avdelningen för förskola", "Ansvarig enhet saknas"]
    positions = [text.index(f"{label} Aktivitet") for label in order]
    assert positions == sorted(positions)
    assert "Mötesplatserna har öppnat i tre stadsdelar." in text
    assert "Ej rapporterad" in text
    assert not StoredDocument.objects.exists()


def test_summary_counts_each_status_as_text(reported):
    context = pdf.report_context(reported)
    summary = {label: count for (_, label), count in context["summary"]}
    done = _status(FollowUpStatus.Tone.OK).label
    assert summary["Ej rapporterad"] == 2 and summary[done] == 1 and context["total"] == 4
    html = render_to_string(pdf.TEMPLATE, context)
    assert 'status-symbol--ok"></span> ' + done in html and "status-symbol--missing" in html


def test_overdue_entries_are_marked_in_words():
    assert pdf.status_text(None, overdue=True) == ("overdue", "Försenad – ej rapporterad")
    assert pdf.status_text(None) == ("missing", "Ej rapporterad")


def test_closed_round_is_stored_once_and_served_byte_for_byte(
    client, secretary, central, closed, monkeypatch
):
    first = _get(client, secretary, closed)
    assert first["Cache-Control"] == "private, no-store"  # frozen bytes, but restricted: never cached
    assert_archival_and_accessible(first.content, title=TITLE)
    pages = page_texts(first.content)
    assert all("UTKAST" not in text for text in pages)
    assert f"Uppföljningen stängdes {timezone.localdate():%Y-%m-%d}." in pages[0]
    stored = StoredDocument.objects.get(key=f"followup.FollowUpRound:{closed.pk}:rapport")
    assert stored.filename == "Uppfoljning-VBE-Norra-2019-tertial-2.pdf"

    # A new layout is deployed: the closed round's report must not change.
    monkeypatch.setattr(documents.downloads, "render_pdf", lambda template_name, context: b"%PDF-1.7 new")
    assert _get(client, central, closed).content == first.content
    assert StoredDocument.objects.count() == 4  # the report and its ärende, each as PDF and as Word


def test_open_round_renders_fresh_every_time(client, coordinator, reported, activities):
    first = " ".join(page_texts(_get(client, coordinator, reported).content))
    entry = entry_for(reported, activities[3])
    done = _status(FollowUpStatus.Tone.OK)
    services.report(
        entry=entry,
        status=done,
        narrative="Utbildningen hölls i juni.",
        version=entry.version,
        by=coordinator,
    )
    second = " ".join(page_texts(_get(client, coordinator, reported).content))
    assert "Utbildningen hölls i juni." not in first and "Utbildningen hölls i juni." in second


@pytest.fixture
def fake_render(monkeypatch):
    monkeypatch.setattr(documents.downloads, "render_pdf", lambda template_name, context: b"%PDF-1.7 test")


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("coordinator", 200),
        ("secretary", 200),
        ("central", 200),
        ("staff", 403),  # sees the round (their unit reports on it) but may not export
        ("other_coordinator", 404),
    ],
)
def test_export_permission_per_role(client, request, fake_render, reported, fixture, expected):
    assert _get(client, request.getfixturevalue(fixture), reported).status_code == expected


def test_staff_of_an_unrelated_unit_get_404(client, fake_render, reported, committee):
    from organisations.models import Membership
    from tests.factories import member

    outsider_unit = OrganisationFactory(name="Kulturenheten", kind="enhet", parent=committee)
    outsider = member(Membership.Role.STAFF, outsider_unit, username="medarbetare-kultur")
    assert _get(client, outsider, reported).status_code == 404


def test_anonymous_is_sent_to_login(client, reported):
    response = client.get(reverse("followup:round_pdf", args=[reported.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.fixture
def city_coordinator(municipality):
    """Reads every committee's follow-up below the city, but exports only the city's own documents."""
    from organisations.models import Membership
    from tests.factories import member

    return member(Membership.Role.COORDINATOR, municipality, username="samordnare-stad")


@pytest.mark.parametrize(
    ("fixture", "shown"), [("secretary", True), ("coordinator", True), ("city_coordinator", False)]
)
def test_download_link_on_the_report_page_only_for_those_who_may_export(
    client, request, fake_render, reported, fixture, shown
):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    page = client.get(reverse("followup:round_report", args=[reported.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert (reverse("followup:round_pdf", args=[reported.pk]) in html) is shown
    assert ("Ladda ner rapporten som PDF (utkast)" in html) is shown
    assert _get(client, user, reported).status_code == (200 if shown else 403)


def test_file_name_is_ascii_from_short_name(committee):
    org = OrganisationFactory(
        name="Skärholmens stadsdelsnämnd", short_name="Skärholmen", parent=committee.parent
    )
    revision = PlanRevisionFactory(plan__organisation=org, year=2019, adopted=True)
    round_ = FollowUpRound(revision=revision, kind=FollowUpRound.Kind.TERTIAL_2, period="Maj–augusti 2019")
    assert pdf.filename_for(round_) == "Uppfoljning-VBE-Skarholmen-2019-tertial-2.pdf"
    round_.kind = FollowUpRound.Kind.ANNUAL
    assert pdf.filename_for(round_) == "Uppfoljning-VBE-Skarholmen-2019-helar.pdf"


def test_context_runs_a_fixed_number_of_queries(committee, unit, coordinator):
    import datetime

    def queries(activities):
        revision = PlanRevisionFactory(
            plan__organisation=committee, plan__title=f"Plan {activities}", adopted=True
        )
        chapter = ChapterFactory(revision=revision)
        for n in range(activities):
            ActivityFactory(chapter=chapter, text=f"Aktivitet {n}", responsible_unit=unit if n % 2 else None)
        round_ = services.open_round(
            revision=revision, kind="helar", period="2019", deadline=datetime.date(2019, 1, 1), by=coordinator
        )
        round_ = FollowUpRound.objects.select_related("revision__plan__organisation").get(pk=round_.pk)
        with CaptureQueriesContext(connection) as captured:
            render_to_string(pdf.TEMPLATE, pdf.report_context(round_))
        return len(captured)

    assert queries(2) == queries(20) <= 6
