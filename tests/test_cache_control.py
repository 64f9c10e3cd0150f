"""No caching of restricted material: every page, document and export a logged-in user gets is sent
with `Cache-Control: no-store`, so that on a shared computer nothing stays readable after logout.

Every route is walked (tests/routes.py, with the @frozen variants: the fastställd lägesbild's PDF, an
adopted plan's stored PDF, a closed round) as superuser, samordnare and medarbetare, whatever the answer
(page, PDF, XLSX, redirect, 403, 404), plus the empty POST of each form.
"""

import pytest

from tests.routes import World
from tests.test_headers_and_sessions import _fetch, _pages


def _no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    kept = [d for d in directives if d.startswith(("public", "s-maxage", "max-age")) and d != "max-age=0"]
    return "no-store" in directives and not kept


@pytest.mark.django_db
def test_every_page_behind_login_is_sent_no_store(settings):
    settings.ROOT_URLCONF = "tests.urls"
    problems, walked = [], 0
    for what, client, method, url in _pages(World()):
        if what.endswith(" anonymous") or "sessionid" not in client.cookies:
            continue
        response = _fetch(client, method, url)
        walked += 1
        if not _no_store(response):
            problems.append(f"{what} {url}: Cache-Control {response.get('Cache-Control')!r}")
    assert walked > 300, walked
    assert not problems, "\n".join(problems)
