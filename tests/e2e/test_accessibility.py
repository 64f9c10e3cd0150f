"""WCAG 2.1 AA: axe-core (bundled by axe-playwright-python, runs offline) on every page type as every role.

How a new page joins: add ONE line to PAGES: a name, a function from the test `World` (tests/routes.py)
to the page's URL, and the roles that can open it (and that see it differently: a samordnare sees edit
controls, a medarbetare does not). `SUBMIT` after the roles sends the page's form as it is, to check the
page with its form errors. The test fails on any violation of impact "serious" or "critical" and prints
axe's report.

One test per role: one browser context, logged in once, visits every page of that role.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from public.accessibility import KNOWN_PROBLEMS
from tests.routes import World

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

ANON, COORD, SECR, STAFF, CENTRAL, OTHER, SUPER = (
    "anonymous",
    "coordinator",
    "secretary",
    "staff",
    "central",
    "other_coordinator",
    "superuser",
)
MEMBERS = (COORD, SECR, STAFF, CENTRAL, OTHER, SUPER)
READERS_OF_DRAFTS = (COORD, SECR, CENTRAL)
SUBMIT = True


def _pk(name, attr):
    return lambda w: reverse(name, args=[attr(w)])


PUBLIC_PAGES = [
    ("öppen sida", _pk("public:organisation", lambda w: w.own.org.pk)),
    (
        "öppen handlingsplan",
        lambda w: reverse("public:revision", args=[w.own.org.pk, w.own.adopted_revision.pk]),
    ),
    ("tillgänglighetsredogörelse", lambda w: reverse("public:accessibility")),
]

PAGES = [
    # (name, url builder, roles[, SUBMIT])
    ("inloggning", lambda w: reverse("login"), (ANON,)),
    ("start", lambda w: reverse("home"), MEMBERS),
    ("403 åtkomst nekad", lambda w: "/__prov__/nekad/", (STAFF, COORD)),
    ("404 sidan finns inte", lambda w: "/finns-inte/", (ANON, COORD)),
    ("403 CSRF", lambda w: "/__prov__/csrf/", (ANON,)),
    ("429 spärrad inloggning", lambda w: "/__prov__/sparrad/", (ANON,)),
    ("500 tekniskt fel", lambda w: "/__prov__/fel/", (ANON,)),
    # plans
    ("handlingsplaner", lambda w: reverse("plans:plan_list"), (COORD, SECR, STAFF, CENTRAL)),
    ("ny handlingsplan", lambda w: reverse("plans:plan_create"), (COORD,)),
    ("ny handlingsplan med fel", lambda w: reverse("plans:plan_create"), (COORD,), SUBMIT),
    ("handlingsplan", _pk("plans:plan_detail", lambda w: w.own.plan.pk), (COORD, STAFF, CENTRAL)),
    ("revidering utkast", _pk("plans:revision_detail", lambda w: w.own.draft_revision.pk), READERS_OF_DRAFTS),
    ("revidering antagen", _pk("plans:revision_detail", lambda w: w.own.adopted_revision.pk), (COORD, STAFF)),
    ("revideringens uppgifter", _pk("plans:revision_edit", lambda w: w.own.draft_revision.pk), (COORD,)),
    ("ärendet", _pk("plans:revision_case_edit", lambda w: w.own.draft_revision.pk), (COORD,)),
    # No "ärendet med fel": the ärende form comes prefilled (handläggare, date, summary), so submitting it
    # unchanged is valid and saves. Its error state is rendered by the hostile-forms suite instead.
    ("anta revidering", _pk("plans:revision_adopt", lambda w: w.own.draft_revision.pk), (SECR,)),
    (
        "anta revidering med fel",
        _pk("plans:revision_adopt", lambda w: w.own.draft_revision.pk),
        (SECR,),
        SUBMIT,
    ),
    (
        "historik revidering",
        _pk("plans:revision_history", lambda w: w.own.draft_revision.pk),
        (COORD, CENTRAL),
    ),
    ("jämförelse", _pk("plans:revision_compare", lambda w: w.own.draft_revision.pk), (COORD, SECR)),
    ("nytt kapitel", _pk("plans:chapter_create", lambda w: w.own.draft_revision.pk), (COORD,)),
    ("ta bort kapitel", _pk("plans:chapter_delete", lambda w: w.own.chapter.pk), (COORD,)),
    ("ny aktivitet med fel", _pk("plans:activity_create", lambda w: w.own.chapter.pk), (COORD,), SUBMIT),
    ("ändra aktivitet", _pk("plans:activity_edit", lambda w: w.own.activity.pk), (COORD,)),
    ("ny indikator med fel", _pk("plans:indicator_create", lambda w: w.own.activity.pk), (COORD,), SUBMIT),
    ("ändra indikator", _pk("plans:indicator_edit", lambda w: w.own.indicator.pk), (COORD,)),
    ("aktivitet", _pk("plans:activity_detail", lambda w: w.own.adopted_activity.pk), (COORD, STAFF)),
    ("historik aktivitet", _pk("plans:activity_history", lambda w: w.own.activity.pk), (COORD,)),
    ("aktivitetskatalog", lambda w: reverse("plans:activity_list"), (COORD, STAFF, OTHER)),
    (
        "aktivitetskatalog sökträffar",
        lambda w: reverse("plans:activity_list") + "?q=Antagen",
        (STAFF, CENTRAL),
    ),
    ("aktivitetskatalog utan träffar", lambda w: reverse("plans:activity_list") + "?q=xyzzyq", (STAFF,)),
    ("rutiner", lambda w: reverse("plans:routine_list"), (COORD, STAFF, OTHER)),
    ("rutin", _pk("plans:routine_detail", lambda w: w.own.routine.pk), (COORD, STAFF)),
    ("ny rutin med fel", lambda w: reverse("plans:routine_create"), (COORD,), SUBMIT),
    ("ändra rutin", _pk("plans:routine_edit", lambda w: w.own.routine.pk), (COORD,)),
    ("importera med fel", _pk("plans:revision_import", lambda w: w.own.draft_revision.pk), (COORD,), SUBMIT),
    ("importera från word", _pk("plans:plan_word_import", lambda w: w.own.word_plan.pk), (COORD,)),
    (
        "importera från word med fel",
        _pk("plans:plan_word_import", lambda w: w.own.word_plan.pk),
        (COORD,),
        SUBMIT,
    ),
    (
        "409 importera från word, utkast finns",
        _pk("plans:plan_word_import", lambda w: w.own.plan.pk),
        (COORD,),
    ),
    # followup
    ("uppföljningar", lambda w: reverse("followup:round_list"), (COORD, SECR, CENTRAL)),
    ("ny uppföljning med fel", lambda w: reverse("followup:round_open"), (COORD,), SUBMIT),
    ("uppföljning framsteg", _pk("followup:round_detail", lambda w: w.own.round.pk), READERS_OF_DRAFTS),
    ("uppföljningsrapport", _pk("followup:round_report", lambda w: w.own.round.pk), (COORD, SECR)),
    ("rapportens kommentar", _pk("followup:round_comment", lambda w: w.own.round.pk), (COORD,)),
    ("uppföljningens ärende", _pk("followup:round_case_edit", lambda w: w.own.round.pk), (COORD,)),
    ("stäng uppföljning", _pk("followup:round_close", lambda w: w.own.round.pk), (COORD,)),
    ("återrapportera med fel", _pk("followup:entry_report", lambda w: w.own.entry.pk), (STAFF,), SUBMIT),
    ("återrapportera", _pk("followup:entry_report", lambda w: w.own.entry.pk), (COORD,)),
    ("min återrapportering", lambda w: reverse("followup:my_entries"), (STAFF,)),
    ("uppföljningsöversikt", lambda w: reverse("followup:overview"), (COORD, CENTRAL)),
    (
        "uppföljningshistorik",
        _pk("followup:activity_history", lambda w: w.own.adopted_activity.pk),
        (COORD, STAFF),
    ),
    # situation (lägesbild): never for medarbetare
    ("lägesbilder", lambda w: reverse("situation:picture_list"), (COORD, SECR, CENTRAL)),
    ("ny lägesbild med fel", lambda w: reverse("situation:picture_create"), (COORD,), SUBMIT),
    ("lägesbild utkast", _pk("situation:picture_detail", lambda w: w.own.picture.pk), READERS_OF_DRAFTS),
    (
        "lägesbild fastställd",
        _pk("situation:picture_detail", lambda w: w.own.established_picture.pk),
        (COORD, SECR),
    ),
    ("ändra lägesbild", _pk("situation:picture_edit", lambda w: w.own.picture.pk), (COORD,)),
    ("lägesbildens ärende", _pk("situation:picture_case_edit", lambda w: w.own.picture.pk), (COORD,)),
    ("fastställ lägesbild", _pk("situation:picture_establish", lambda w: w.own.picture.pk), (COORD,)),
    (
        "lägesbild år för år",
        _pk("situation:picture_comparison", lambda w: w.own.picture.pk),
        (COORD, SECR, CENTRAL),
    ),
    ("ny källa med fel", _pk("situation:source_create", lambda w: w.own.picture.pk), (COORD,), SUBMIT),
    ("ändra källa", _pk("situation:source_edit", lambda w: w.own.picture.source.pk), (COORD,)),
    ("ta bort källa", _pk("situation:source_delete", lambda w: w.own.picture.source.pk), (COORD,)),
    ("nytt problem med fel", _pk("situation:problem_create", lambda w: w.own.picture.pk), (COORD,), SUBMIT),
    ("ändra problem", _pk("situation:problem_edit", lambda w: w.own.picture.problem.pk), (COORD,)),
    (
        "ny iakttagelse med fel",
        _pk("situation:observation_create", lambda w: w.own.picture.pk),
        (COORD,),
        SUBMIT,
    ),
    (
        "ändra iakttagelse",
        _pk("situation:observation_edit", lambda w: w.own.picture.observation.pk),
        (COORD,),
    ),
    # meetings, deadlines, calendar
    ("sammanträden", lambda w: reverse("meetings:meeting_list"), (SECR, STAFF)),
    ("nytt sammanträde med fel", lambda w: reverse("meetings:meeting_create"), (SECR,), SUBMIT),
    ("ändra sammanträde", _pk("meetings:meeting_edit", lambda w: w.own.meeting.pk), (SECR,)),
    ("importera sammanträden med fel", lambda w: reverse("meetings:meeting_import"), (SECR,), SUBMIT),
    ("regel för handlingar", _pk("meetings:rule_edit", lambda w: w.own.org.pk), (SECR,)),
    ("min kalender", lambda w: reverse("deadlines:settings"), (COORD, STAFF)),
    # public pages, as anonymous: the accessibility statement's problem list must match (below)
    *[(name, url, (ANON, OTHER)) for name, url in PUBLIC_PAGES],
]

ROLES = (ANON, *MEMBERS)
BLOCKING = {"serious", "critical"}
_axe = Axe()


@pytest.fixture(autouse=True)
def error_routes(settings):
    settings.ROOT_URLCONF = "tests.urls"  # the project's URLs plus routes that raise each error


def pages_for(role):
    return [(entry[0], entry[1], len(entry) > 3 and entry[3]) for entry in PAGES if role in entry[2]]


def test_every_role_has_pages_and_every_page_a_role():
    assert all(entry[2] and set(entry[2]) <= set(ROLES) for entry in PAGES)
    assert len({entry[0] for entry in PAGES}) == len(PAGES), "page names must be unique"


@pytest.mark.parametrize("role", [r for r in ROLES if pages_for(r)])
def test_pages_have_no_serious_accessibility_violations(page, log_in_as, role):
    world = World()
    log_in_as(world.users[role])
    reports = []
    for name, url_for, submit in pages_for(role):
        url = url_for(world)
        response = page.goto(url)
        if not name[0].isdigit() and response.status != 200:  # "403 …", "404 …": the error pages
            reports.append(f"--- {name} as {role} ({url}): got {response.status}, not the page")
            continue
        if submit:
            form = page.locator("main form.form").first
            form.evaluate("form => { form.noValidate = true; }")  # the server's errors, not the browser's
            with page.expect_navigation():
                form.locator("button[type=submit]").first.click()
            assert page.locator(".error-summary").count(), f"{name}: the form showed no error"
        results = _axe.run(page)
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
        if blocking:
            reports.append(f"--- {name} as {role} ({url}, {response.status}):\n" + results.generate_report())
    assert not reports, "\n".join(reports)


def test_the_accessibility_statement_lists_exactly_what_axe_finds(page):
    """The tillgänglighetsredogörelse's known problems are true: every rule axe reports on a public page
    (any impact) is declared in public.accessibility.KNOWN_PROBLEMS, and every declared one still occurs."""
    world = World()
    found = {}
    for name, url_for in PUBLIC_PAGES:
        assert page.goto(url_for(world)).status == 200, name
        for violation in _axe.run(page).response["violations"]:
            found.setdefault(violation["id"], []).append(name)
    declared = {problem.axe_rule for problem in KNOWN_PROBLEMS}
    assert set(found) == declared, f"axe found {found}; the statement declares {sorted(declared)}"
    page.goto(reverse("public:accessibility"))
    for problem in KNOWN_PROBLEMS:
        assert page.get_by_text(problem.description).count()


def test_axe_reports_serious_violations(page):
    """Proof the check bites: a page with an unlabelled field and an image without text is blocked."""
    page.goto("/__prov__/otillganglig/")
    impacts = {v["id"]: v["impact"] for v in _axe.run(page).response["violations"]}
    assert impacts.get("image-alt") in BLOCKING and impacts.get("label") in BLOCKING


PHONE = {"width": 375, "height": 812}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > limit + 1)
    .filter(el => !el.parentElement || el.parentElement.getBoundingClientRect().right <= limit + 1)
    .slice(0, 3)
    .map(el => el.tagName.toLowerCase() + '.' + String(el.className).split(' ').join('.')
      + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
}"""


@pytest.mark.parametrize("role", [r for r in ROLES if pages_for(r)])
def test_no_page_scrolls_sideways_on_a_phone(page, log_in_as, role):
    """At 375 px every page type fits the screen: wide tables scroll inside their own box, or stack."""
    page.set_viewport_size(PHONE)
    world = World()
    log_in_as(world.users[role])
    wide = []
    for name, url_for, submit in pages_for(role):
        url = url_for(world)
        page.goto(url)
        if submit:
            form = page.locator("main form.form").first
            form.evaluate("form => { form.noValidate = true; }")
            with page.expect_navigation():
                form.locator("button[type=submit]").first.click()
        if not page.evaluate(NO_SIDEWAYS_SCROLL):
            wide.append(f"{name} as {role} ({url}): {page.evaluate(WIDEST)}")
    assert not wide, "pages wider than 375 px:\n" + "\n".join(wide)
