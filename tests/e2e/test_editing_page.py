"""The editing page of a draft revision, in Chromium at 1280 px (and 375 px for the screenshot).

Every activity's text, fields and actions (Ändra / Flytta till plats / Ta bort) are in view without
sideways scrolling, and "Flytta till plats …" moves an activity from place 15 to 1 in one request,
leaving one history record. Set VBE_SCREENSHOTS=<folder> to keep screenshots of the page.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from plans.models import Activity, Chapter
from tests.factories import ActionPlanFactory, ActivityFactory, ChapterFactory, PlanRevisionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

# Cell texts as long as the seeds' (Skärholmen 2019, Hässelby-Vällingby 2018): the old six-column
# table pushed the actions off-screen with rows like these.
PURPOSE = "Öka kunskapen om våldsbejakande extremism och hur man agerar vid oro hos medarbetare och chefer"
RESPONSIBLE = "Avdelningschefer och styrgruppen för det brottsförebyggande arbetet"
PARTNERS = "Polis, Civilsamhället, Utbildningsförvaltningen, Socialtjänsten, Fältassistenterna"
FOLLOW_UP = "Följs upp i ordinarie verksamhetsuppföljning och i tertialrapporterna till nämnden"


@pytest.fixture
def long_draft(committee, unit):
    plan = ActionPlanFactory(organisation=committee)
    revision = PlanRevisionFactory(plan=plan, year=2020)
    ChapterFactory(revision=revision, order=1, heading="Inledning", kind=Chapter.Kind.PROSE, body="Text.")
    chapter = ChapterFactory(
        revision=revision, order=2, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE
    )
    for number in range(1, 16):
        ActivityFactory(
            chapter=chapter,
            order=number,
            text=f"Aktivitet {number}: utbildningsinsats för personal på fritidsgårdar och i skolor",
            purpose=PURPOSE,
            responsible=RESPONSIBLE,
            responsible_unit=unit,
            partners=PARTNERS,
            timing="HT 2022 – VT 2023",
            follow_up_method=FOLLOW_UP,
        )
    return revision


def _no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def _inside_viewport(locator, width):
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def _screenshot(page, name):
    folder = os.environ.get("VBE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=False)


def test_every_activitys_controls_are_in_view_at_1280_px(page, log_in_as, coordinator, long_draft):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_as(coordinator)
    page.goto(long_draft.get_absolute_url())
    assert _no_sideways_scroll(page)
    cards = page.locator(".activity-card")
    expect(cards).to_have_count(15)
    for index in range(15):
        card = cards.nth(index)
        card.scroll_into_view_if_needed()
        controls = {
            "text": card.locator(".activity-card__text a"),
            "Ändra": card.get_by_role("link", name="Ändra aktiviteten"),
            "plats": card.get_by_label("Flytta till plats"),
            "Flytta": card.get_by_role("button", name="Flytta aktiviteten"),
            "Ta bort": card.get_by_role("link", name="Ta bort aktiviteten"),
        }
        for name, control in controls.items():
            expect(control).to_be_in_viewport()
            assert _inside_viewport(control, 1280), f"activity {index + 1}: {name} is outside 1280 px"
        # All six fields of the activity are shown with it, not cut off.
        expect(card.locator(".activity-card__fields dt")).to_have_text(
            ["Syfte/mål", "Ansvarig", "Samverkan", "Tidplan", "Uppföljning"]
        )
    page.evaluate("window.scrollTo(0, document.querySelector('.activity-cards').offsetTop - 80)")
    _screenshot(page, "redigering-1280.png")


def test_moving_from_place_15_to_1_is_one_request_and_one_history_entry(
    page, log_in_as, coordinator, long_draft
):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_as(coordinator)
    page.goto(long_draft.get_absolute_url())
    chapter = long_draft.chapters.get(kind=Chapter.Kind.PREVENTIVE)
    last = chapter.activities.get(order=15)
    records_before = Activity.history.filter(chapter_id=chapter.pk).count()
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)

    card = page.locator(f"#aktivitet-{last.pk}")
    card.get_by_label("Flytta till plats").fill("1")
    with page.expect_navigation():
        card.get_by_role("button", name="Flytta aktiviteten").click()

    expect(page.get_by_text("Aktiviteten är flyttad till plats 1.")).to_be_visible()
    expect(page.locator(".activity-card").first).to_contain_text("Aktivitet 15:")
    assert len(posts) == 1
    assert Activity.history.filter(chapter_id=chapter.pk).count() == records_before + 1

    page.get_by_role("link", name="Historik").first.click()
    entries = page.locator(".history-entry")
    expect(entries.first).to_contain_text("Flyttad från plats 15 till 1")
    expect(page.get_by_text("Flyttad från plats")).to_have_count(1)


def test_the_editing_page_fits_a_phone(page, log_in_as, coordinator, long_draft):
    page.set_viewport_size({"width": 375, "height": 812})
    log_in_as(coordinator)
    page.goto(long_draft.get_absolute_url())
    assert _no_sideways_scroll(page)
    first = page.locator(".activity-card").first
    first.scroll_into_view_if_needed()
    for control in (
        first.get_by_role("link", name="Ändra aktiviteten"),
        first.get_by_role("button", name="Flytta aktiviteten"),
        first.get_by_role("link", name="Ta bort aktiviteten"),
    ):
        assert _inside_viewport(control, 375)
    page.evaluate("window.scrollTo(0, document.querySelector('.activity-cards').offsetTop - 60)")
    _screenshot(page, "redigering-375.png")


def test_the_staff_catalogue_stacks_into_cards_on_a_phone(page, log_in_as, staff, committee, unit):
    plan = ActionPlanFactory(organisation=committee)
    revision = PlanRevisionFactory(plan=plan, year=2019, adopted=True)
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE)
    for number in range(1, 6):
        ActivityFactory(
            chapter=chapter,
            order=number,
            text=f"Föräldrastödsprogram {number} med kompetensutveckling för fritidsledare",
            responsible=RESPONSIBLE,
            partners=PARTNERS,
            timing="HT 2022 – VT 2023",
        )
    page.set_viewport_size({"width": 375, "height": 812})
    log_in_as(staff)
    page.goto("/aktiviteter/", timeout=20000)  # the busiest page; a loaded CI machine is slow
    assert _no_sideways_scroll(page)
    cells = page.locator("table.catalogue tbody tr").first.locator("td")
    expect(cells).to_have_count(7)
    for index in range(7):
        # A stacked cell spans the card: words are never broken letter by letter in a sliver of a column.
        assert cells.nth(index).bounding_box()["width"] > 250
    # Each cell shows its column's name before the text ("Ansvarig: …").
    expect(cells.nth(3)).to_have_attribute("data-label", "Ansvarig")
    table = page.locator("table.catalogue")
    table.evaluate("t => window.scrollTo(0, t.getBoundingClientRect().top + scrollY)")
    _screenshot(page, "katalog-375.png")
