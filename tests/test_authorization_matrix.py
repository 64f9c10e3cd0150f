"""Authorization matrix: every URL of the project, requested as every role, against an expected table.

How a new page joins: add ONE row to MATRIX below (and, if its URL takes arguments, one line to
BUILDERS in tests/routes.py). A URL the resolver knows but the table does not fails
`test_every_url_has_a_row`, so the table cannot go stale.

Each row: url name (optionally followed by " POST" to request with an empty POST instead of GET), then
the expected answer for each column, requested with the OWN organisation's objects:

    anon      not logged in
    coord     samordnare of the own committee
    secr      nämndsekreterare of the own committee
    staff     medarbetare of a unit below the own committee
    central   central samordnare of the municipality above
    other     samordnare of a sibling committee (another organisation)
    super     superuser

Answers: OK (200), LOGIN (302 to the login page), REDIR (302 elsewhere), BAD (400, a refused form),
DENIED (403), MISSING (404), METHOD (405, method not allowed).

Independently of the table, for every route with arguments, the same request with a FOREIGN
municipality's objects must be refused (302 to login, 403, 404 or 405) for every role but superuser,
and no page may show an activity text of an organisation the user may not read.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.routes import FOREIGN_CANARY, OWN_CANARY, World, all_routes, url_for

OK, BAD, DENIED, MISSING, METHOD = 200, 400, 403, 404, 405
LOGIN, REDIR = "302 to login", "302 elsewhere"

ROLES = ("anonymous", "coordinator", "secretary", "staff", "central", "other_coordinator", "superuser")

# fmt: off
MATRIX = {
    #  url name          anon     coord    secr     staff    central  other    super
    "home":             (LOGIN,   OK,      OK,      OK,      OK,      OK,      OK),
    "healthz":          (OK,      OK,      OK,      OK,      OK,      OK,      OK),
    "healthz POST":     (METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "login":            (OK,      REDIR,   REDIR,   REDIR,   REDIR,   REDIR,   REDIR),
    "logout":           (METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "logout POST":      (LOGIN,   LOGIN,   LOGIN,   LOGIN,   LOGIN,   LOGIN,   LOGIN),
}
# fmt: on

# Roles that may read the own committee's activities (and so may see its canary text) on any page.
MAY_READ_OWN = {"coordinator", "secretary", "staff", "central", "superuser"}
# Exceptions per URL name, only where the product deliberately shows another organisation's
# activities, e.g. "plans:catalogue": {"other_coordinator"} if adopted plans were shared city-wide.
CANARY_ALLOWED: dict[str, set[str]] = {}


def _split(key):
    name, _, method = key.partition(" ")
    return name, method or "GET"


def _client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _outcome(response):
    if response.status_code == 302:
        login = reverse("login")
        return LOGIN if response["Location"].startswith(login) else REDIR
    return response.status_code


def _request(client, method, url):
    return client.post(url, {}) if method == "POST" else client.get(url)


def _missing_and_stale():
    names_in_table = {_split(key)[0] for key in MATRIX}
    routes = {route.name: route for route in all_routes()}
    return {name: routes[name] for name in sorted(set(routes) - names_in_table)}, sorted(
        names_in_table - set(routes)
    )


def test_every_url_has_a_row():
    missing, stale = _missing_and_stale()
    hint = "\n".join(
        f'    "{name}": (LOGIN, OK, OK, OK, OK, DENIED, OK),   # {route.route}'
        for name, route in missing.items()
    )
    assert not missing, (
        "These URLs have no row in MATRIX (tests/test_authorization_matrix.py). Add one per URL with "
        f"the answer you expect for each role, e.g.:\n{hint}"
    )
    assert not stale, f"MATRIX has rows for URLs that no longer exist: {stale}"


def test_a_new_url_without_a_row_is_noticed(settings):
    """Proof the rule above bites: tests/urls.py adds routes that the table does not know."""
    settings.ROOT_URLCONF = "tests.urls"
    missing, stale = _missing_and_stale()
    assert set(missing) >= {
        "test_denied",
        "test_csrf_failure",
        "test_locked_out",
        "test_server_error",
        "test_csrf_exempt",
    }
    assert not stale


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(MATRIX))
def test_matrix(key):
    name, method = _split(key)
    route = next(r for r in all_routes() if r.name == name)
    world = World()
    own_url = url_for(route, world.own)
    got, problems = {}, []
    for role, expected in zip(ROLES, MATRIX[key], strict=True):
        response = _request(_client_for(world.users[role]), method, own_url)
        got[role] = _outcome(response)
        if got[role] != expected:
            problems.append(f"{role}: expected {expected}, got {got[role]}")
        html = response.content.decode(errors="replace")
        if role not in MAY_READ_OWN | CANARY_ALLOWED.get(name, set()) and OWN_CANARY in html:
            problems.append(f"{role}: sees the own committee's activity text at {own_url}")
        if role != "superuser" and FOREIGN_CANARY in html:
            problems.append(f"{role}: sees another municipality's activity text at {own_url}")
    assert not problems, f"{method} {own_url}:\n  " + "\n  ".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key", [key for key in MATRIX if next(r for r in all_routes() if r.name == _split(key)[0]).params]
)
def test_foreign_objects_are_refused(key):
    """With a foreign municipality's objects in the URL, nobody but a superuser gets a page or a write."""
    name, method = _split(key)
    route = next(r for r in all_routes() if r.name == name)
    world = World()
    foreign_url = url_for(route, world.foreign)
    problems = []
    for role in ROLES:
        if role == "superuser":
            continue
        response = _request(_client_for(world.users[role]), method, foreign_url)
        if _outcome(response) not in {LOGIN, DENIED, MISSING, METHOD}:
            problems.append(f"{role}: got {_outcome(response)}")
        if FOREIGN_CANARY in response.content.decode(errors="replace"):
            problems.append(f"{role}: response contains the foreign activity text")
    assert not problems, f"{method} {foreign_url}:\n  " + "\n  ".join(problems)


# --- Django admin: guarded by is_staff and model permissions, not by our roles ------------------------


@pytest.mark.django_db
def test_admin_redirects_non_staff_users_to_its_login(client):
    world = World()
    for role in ("coordinator", "central"):
        client.force_login(world.users[role])
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        response = client.get(reverse("admin:organisations_organisation_change", args=[world.own.org.pk]))
        assert response.status_code == 302


@pytest.mark.django_db
def test_staff_user_without_model_permissions_sees_nothing_in_admin(client):
    world = World()
    clerk = get_user_model().objects.create_user("personal", password="x" * 12, is_staff=True)
    client.force_login(clerk)
    index = client.get("/admin/").content.decode()
    assert "Grannkommunen" not in index and "Organisationer" not in index
    foreign = world.foreign.org
    assert client.get(reverse("admin:organisations_organisation_changelist")).status_code == 403
    assert (
        client.get(reverse("admin:organisations_organisation_change", args=[foreign.pk])).status_code == 403
    )
    response = client.post(
        reverse("admin:organisations_organisation_change", args=[foreign.pk]), {"name": "Kapad"}
    )
    assert response.status_code == 403
    foreign.refresh_from_db()
    assert foreign.name == "Grannkommunens nämnd"
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
