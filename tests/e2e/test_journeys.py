"""The main journeys in a real browser, as the people who make them: samordnare, sekreterare, medarbetare.

Data comes from factories in each test; logging in goes through the form where the journey is about a
person arriving, and through a session cookie (`log_in_as`) where it is not. One journey is also
driven by the keyboard alone: Tab / Shift+Tab to move, Enter and Space to act, typing to fill in.
"""

import datetime
import importlib
import re

import pytest
from playwright.sync_api import expect

from followup import services as followup_services
from plans.models import Chapter, PlanRevision
from tests.e2e.conftest import login
from tests.e2e.test_login import focus_is_visible
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    ChapterFactory,
    PlanRevisionFactory,
    RoutineFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


@pytest.fixture
def default_scale(transactional_db):
    """The default follow-up scale comes from a data migration, and a transactional test that ran
    before this one flushed it: create it again the way the migration does."""
    from django.apps import apps

    migration = importlib.import_module("followup.migrations.0002_default_status_scale")
    migration.create_default_scale(apps, None)


@pytest.fixture
def draft(committee, unit):
    plan = ActionPlanFactory(organisation=committee)
    revision = PlanRevisionFactory(plan=plan, year=2020)
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE)
    ActivityFactory(
        chapter=chapter, order=1, text="Föräldraträffar om nätet", timing="VT 2020", responsible_unit=unit
    )
    return revision


def _history_shows_the_edit(page):
    expect(page.get_by_role("heading", level=1)).to_contain_text("Historik")
    entry = page.locator(".history-entry").first
    expect(entry).to_contain_text("Aktivitet ändrad")
    expect(entry.locator("del")).to_contain_text(["Föräldraträffar om nätet", "VT 2020"])
    expect(entry.locator("ins")).to_contain_text(["Föräldraträffar om nätet och spel", "HT 2020"])


def test_coordinator_edits_an_activity_and_sees_it_in_the_history(page, coordinator, draft):
    login(page, coordinator)
    page.get_by_role("navigation").get_by_role("link", name="Handlingsplaner").click()
    page.get_by_role("link", name="2020").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2020")
    page.get_by_role("link", name="Ändra aktiviteten Föräldraträffar om nätet").click()
    page.get_by_label("Aktivitet:", exact=True).fill("Föräldraträffar om nätet och spel")
    page.get_by_label("Tidplan").fill("HT 2020")
    page.get_by_role("button", name="Spara aktiviteten").click()
    expect(page.get_by_text("Aktiviteten är sparad.")).to_be_visible()
    page.get_by_role("link", name="Föräldraträffar om nätet och spel", exact=True).click()
    page.get_by_role("link", name="Historik för aktiviteten").click()
    _history_shows_the_edit(page)
    expect(page.locator(".history-entry").first).to_contain_text(coordinator.get_full_name())


def tab_to(page, target, *, backwards=False, limit=80):
    """Press Tab (or Shift+Tab) until `target` (a locator) has focus; fail if it never does."""
    handle = target.element_handle()
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if handle.evaluate("el => el === document.activeElement"):
            assert focus_is_visible(page), "the focused element shows no outline"
            return
    raise AssertionError(f"{target} never received focus by keyboard")


def test_keyboard_only_the_coordinator_edits_an_activity_and_sees_it_in_the_history(page, coordinator, draft):
    page.goto("/konto/logga-in/")
    # The user name field has autofocus; wait for it, or the first keys can land before it applies.
    expect(page.get_by_label("Användarnamn")).to_be_focused()
    page.keyboard.type(coordinator.username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Lösenord")).to_be_focused()
    page.keyboard.type("testlosen-123")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")

    tab_to(page, page.get_by_role("navigation").get_by_role("link", name="Handlingsplaner"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="2020"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Ändra aktiviteten Föräldraträffar om nätet"))
    page.keyboard.press("Enter")

    tab_to(page, page.get_by_label("Aktivitet:", exact=True))
    page.keyboard.press("End")
    page.keyboard.type(" och spel")
    tab_to(page, page.get_by_label("Tidplan"))
    page.keyboard.press("Control+A")
    page.keyboard.type("HT 2020")
    # Past the submit button, then back to it with Shift+Tab, and Space presses it.
    tab_to(page, page.get_by_role("link", name="Avbryt"))
    tab_to(page, page.get_by_role("button", name="Spara aktiviteten"), backwards=True)
    page.keyboard.press("Space")
    expect(page.get_by_text("Aktiviteten är sparad.")).to_be_visible()

    tab_to(page, page.get_by_role("link", name="Föräldraträffar om nätet och spel", exact=True))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Historik för aktiviteten"))
    page.keyboard.press("Enter")
    _history_shows_the_edit(page)


def test_secretary_records_the_adoption_of_a_draft(page, log_in_as, secretary, draft):
    log_in_as(secretary)
    page.goto(draft.get_absolute_url())
    page.get_by_role("link", name="Registrera beslut om antagande").click()
    expect(page.get_by_label("Beslutande organ")).to_have_value("Norra stadsdelsnämnden")
    page.get_by_label("Beslutsdatum").fill("2020-05-23")
    page.get_by_label("Paragraf (§)").fill("§ 12")
    page.get_by_label("Diarienummer").fill("1.2.3-456/2020")
    page.get_by_role("button", name="Registrera beslutet").click()

    expect(page.get_by_text("Revideringen 2020 är registrerad som antagen")).to_be_visible()
    expect(
        page.get_by_text("Antagen av Norra stadsdelsnämnden 2020-05-23 § 12, dnr 1.2.3-456/2020")
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Ändra"))).to_have_count(0)
    draft.refresh_from_db()
    assert draft.status == PlanRevision.Status.ADOPTED and draft.paragraph == "12"

    # The adopted plan as the nämnd's PDF.
    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner handlingsplanen (PDF)").click()
    download = info.value
    assert download.suggested_filename == "Handlingsplan-VBE-Norra-2020-antagen.pdf"
    with open(download.path(), "rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF-") and len(content) > 5_000


def test_staff_finds_an_activity_whatever_the_case_and_opens_the_routine_vid_oro(
    page, log_in_as, staff, committee
):
    adopted = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2019, adopted=True)
    chapter = ChapterFactory(revision=adopted, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE)
    ActivityFactory(chapter=chapter, text="Föräldrastöd i grupp för nyanlända")
    ActivityFactory(chapter=chapter, text="Dialogmöten med föreningar")
    RoutineFactory(
        organisation=committee, title="Rutin vid oro för en person", body="Ring samordnaren samma dag."
    )
    log_in_as(staff)
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Aktiviteter").click()
    page.get_by_label("Sök").fill("FÖRÄLDRASTÖD")
    page.get_by_role("button", name="Sök").click()
    expect(page.get_by_role("link", name="Föräldrastöd i grupp för nyanlända")).to_be_visible()
    expect(page.get_by_text("Dialogmöten med föreningar")).to_have_count(0)
    expect(page.get_by_label("Sök")).to_have_value("FÖRÄLDRASTÖD")

    page.get_by_role("link", name="Vad gör jag vid oro?").click()
    page.get_by_role("link", name="Rutin vid oro för en person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rutin vid oro för en person")
    expect(page.get_by_text("Ring samordnaren samma dag.")).to_be_visible()


def test_coordinator_reports_follow_up_and_reads_it_in_the_report(
    page, log_in_as, coordinator, committee, unit, default_scale
):
    adopted = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2019, adopted=True)
    chapter = ChapterFactory(revision=adopted, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE)
    ActivityFactory(chapter=chapter, text="Mötesplatser för unga", responsible_unit=unit)
    round_ = followup_services.open_round(
        revision=adopted,
        kind="tertial2",
        period="Maj–augusti 2019",
        deadline=datetime.date(2099, 9, 15),
        by=coordinator,
    )
    log_in_as(coordinator)
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Uppföljning").click()
    page.get_by_role("link", name=re.compile("Maj–augusti 2019")).first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name="Rapportera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Återrapportera aktivitet")
    page.get_by_role("radio", name=re.compile(r"^\S+ genomförd$", re.IGNORECASE)).check()
    page.get_by_label("Uppföljning:", exact=True).fill(
        "Tre träffar med fyrtio deltagare.\nFler planeras i höst."
    )
    page.get_by_role("button", name="Spara återrapporteringen").click()
    expect(page.get_by_text("Återrapporteringen är sparad.")).to_be_visible()

    page.get_by_role("link", name="Rapport till nämnden").click()
    report = page.locator("main")
    expect(report).to_contain_text("Mötesplatser för unga")
    expect(report).to_contain_text("Tre träffar med fyrtio deltagare.")
    expect(report).to_contain_text("Fler planeras i höst.")
    expect(report).to_contain_text(re.compile("genomförd", re.IGNORECASE))
    # Browsers send a textarea's line breaks as CRLF; they are kept as sent.
    narrative = round_.entries.get().narrative
    assert narrative.replace("\r\n", "\n") == "Tre träffar med fyrtio deltagare.\nFler planeras i höst."
