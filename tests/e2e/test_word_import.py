"""The Word import in the browser: from the plan page to a previewed, imported and undone draft, with
the preview (its activity tables the widest part) readable on a phone and free of axe violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from plans.models import Activity, PlanRevision
from tests.plans.word_documents import skarholmen_docx
from tests.routes import World

from .test_accessibility import BLOCKING, NO_SIDEWAYS_SCROLL, PHONE, WIDEST

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["1280", "375"])
def test_a_word_plan_is_previewed_imported_and_undone_in_the_browser(page, log_in_as, viewport):
    page.set_viewport_size(viewport)
    world = World()
    plan = world.own.word_plan
    log_in_as(world.users["coordinator"])
    page.goto(plan.get_absolute_url())
    page.get_by_role("link", name="Importera från Word").click()
    page.get_by_label("Word-fil (.docx)").set_input_files(
        {"name": "skarholmen-2019.docx", "mimeType": DOCX, "buffer": skarholmen_docx()}
    )
    page.get_by_role("button", name="Förhandsgranska").click()
    page.get_by_role("heading", name="Förhandsgranska importen från skarholmen-2019.docx").wait_for()
    assert page.get_by_text("Implementera handlingsplanen och stadens rutiner avseende vbe").count()
    assert page.evaluate(NO_SIDEWAYS_SCROLL), page.evaluate(WIDEST)
    violations = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING]
    assert not violations
    assert not Activity.objects.filter(chapter__revision__plan=plan).exists()

    page.get_by_role("button", name="Importera valda kapitel").click()
    page.get_by_role("heading", name="Importen är klar").wait_for()
    assert page.evaluate(NO_SIDEWAYS_SCROLL), page.evaluate(WIDEST)
    assert Activity.objects.filter(chapter__revision__plan=plan).count() == 30

    page.get_by_role("button", name="Ångra importen").click()
    page.get_by_text("Importen är ångrad").wait_for()
    draft = PlanRevision.objects.get(plan=plan)
    assert not draft.chapters.exists()  # the empty draft it filled stays, empty again
