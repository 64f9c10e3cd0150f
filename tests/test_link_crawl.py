"""No link to a refusal: as every role, follow every link and GET form from the start page; none is a 403.

A page that offers an action the role may not take (a "Rapportera" link a secretary cannot use, a
download a reader may not export) fails here, naming the page that carried the link. Actions a role
may not take are hidden (or shown as text with the reason), never offered as a link to a 403 page.
Links go to GET targets only: POST forms (save, move, log out) are the CSRF walker's and the matrix's.
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from tests.routes import World

ROLES = ("coordinator", "secretary", "staff", "central", "other_coordinator", "superuser")
# Not followed: documents (rendered by WeasyPrint, a second each; their permission is the matrix's),
# the admin (Django's own, guarded by is_staff) and paging beyond the first pages of long lists.
SKIP_SUFFIXES = (".pdf", ".xlsx", ".csv")
SKIP_PREFIXES = ("/admin/", "/static/", "/media/")
MAX_PAGES = 400


class _Links(HTMLParser):
    """hrefs of <a>, and the actions of GET forms (with their fields left as they are)."""

    def __init__(self):
        super().__init__()
        self.targets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.targets.append(attrs["href"])
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.targets.append(attrs.get("action") or "")


def _targets(base, html):
    parser = _Links()
    parser.feed(html)
    for href in parser.targets:
        url = urldefrag(urljoin(base, href))[0]
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue  # mailto:, tel:, other sites
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith(SKIP_PREFIXES) or parts.path.endswith(SKIP_SUFFIXES):
            continue
        if "page=" in parts.query and not any(f"page={n}" in parts.query for n in (1, 2)):
            continue
        yield path


def crawl(client, start="/"):
    """Every page reachable from `start` by GET; returns {url: status} and {403 url: page that linked it}."""
    seen = {start: None}
    queue = deque([start])
    statuses = {}
    while queue and len(statuses) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for target in _targets("http://testserver" + url, response.content.decode()):
            if target not in seen:
                seen[target] = url
                queue.append(target)
    refused = {url: seen[url] for url, status in statuses.items() if status == 403}
    return statuses, refused


@pytest.mark.parametrize("role", ROLES)
def test_no_page_links_to_a_refusal(db, role):
    world = World()
    client = Client()
    client.force_login(world.users[role])
    statuses, refused = crawl(client)
    print(f"crawl as {role}: {len(statuses)} pages")
    assert len(statuses) > 5, f"the crawl as {role} reached almost nothing: {statuses}"
    assert not refused, f"as {role}, links to 403 (target <- page): " + "; ".join(
        f"{url} <- {page}" for url, page in refused.items()
    )
    broken = {url: status for url, status in statuses.items() if status >= 500 or status == 404}
    assert not broken, f"as {role}, links to missing or failing pages: {broken}"


def test_the_crawl_catches_a_refusal(db, settings):
    """Proof the check bites: the test-only page that answers 403 is reported."""
    settings.ROOT_URLCONF = "tests.urls"
    client = Client()
    client.force_login(World().users["staff"])
    statuses, refused = crawl(client, start="/__prov__/nekad/")
    assert statuses == {"/__prov__/nekad/": 403} and "/__prov__/nekad/" in refused
