"""WCAG 2.1 AA: axe-core (bundled by axe-playwright-python, runs offline) on every page type as every role.

How a new page joins: add ONE line to PAGES: a name, a function from the test `World` (tests/routes.py)
to the page's URL, and the roles that can open it. The test fails on any violation of impact
"serious" or "critical" and prints axe's report.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.routes import World

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

MEMBERS = ("coordinator", "secretary", "staff", "central", "other_coordinator", "superuser")
EVERYONE = ("anonymous", *MEMBERS)

PAGES = [
    # (name, url builder, roles)
    ("inloggning", lambda w: reverse("login"), ("anonymous",)),
    ("start", lambda w: reverse("home"), MEMBERS),
    ("403 åtkomst nekad", lambda w: "/__prov__/nekad/", ("staff", "coordinator")),
    ("404 sidan finns inte", lambda w: "/finns-inte/", ("anonymous", "coordinator")),
    ("403 CSRF", lambda w: "/__prov__/csrf/", ("anonymous",)),
    ("429 spärrad inloggning", lambda w: "/__prov__/sparrad/", ("anonymous",)),
    ("500 tekniskt fel", lambda w: "/__prov__/fel/", ("anonymous",)),
]

BLOCKING = {"serious", "critical"}
_axe = Axe()


@pytest.fixture(autouse=True)
def error_routes(settings):
    settings.ROOT_URLCONF = "tests.urls"  # the project's URLs plus routes that raise each error


@pytest.mark.parametrize(("name", "url_for", "roles"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_serious_accessibility_violations(page, log_in_as, name, url_for, roles):
    world = World()
    url = url_for(world)
    reports = []
    for role in roles:
        page.context.clear_cookies()
        log_in_as(world.users[role])
        page.goto(url)
        results = _axe.run(page)
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
        if blocking:
            reports.append(f"--- {name} as {role} ({url}):\n" + results.generate_report())
    assert not reports, "\n".join(reports)
