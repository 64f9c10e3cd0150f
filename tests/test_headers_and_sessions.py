"""Security headers on every page type, production cookies and HSTS, and login throttling (django-axes).

Every route of the project is walked (tests/routes.py), so a new page is checked without a new line here.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from tests.routes import BUILDERS, World, all_routes, url_for

ROOT = Path(__file__).resolve().parents[1]
ERROR_PAGES = ["/__prov__/nekad/", "/finns-inte/", "/__prov__/csrf/", "/__prov__/sparrad/"]


# Page types that only a query string or a role shows: search results, a medarbetare's own list.
EXTRA_PAGES = [
    ("plans:activity_list", "?q=Antagen"),
    ("plans:activity_list", "?q=xyzzyq"),
    ("plans:routine_list", "?q=oro"),
]


def _pages(world):
    """(description, client, method, url) for every route as anonymous, superuser, samordnare and
    medarbetare, every route again as an empty POST by the samordnare (the form with its errors, the
    refusal or the redirect), plus the error pages."""
    clients = {role: Client() for role in ("anonymous", "superuser", "coordinator", "staff")}
    for role, client in clients.items():
        if world.users[role]:
            client.force_login(world.users[role])
    for route in all_routes():
        urls = [(route.name, url_for(route, world.own))] + [
            (key, url_for(route, world.own, key.partition("@")[2]))
            for key in BUILDERS
            if key.startswith(f"{route.name}@")  # the same page type on a second object (a frozen one)
        ]
        for what, url in urls:
            for role, client in clients.items():
                yield f"{what} {role}", client, "GET", url
            yield f"{what} POST coordinator", clients["coordinator"], "POST", url
    for name, query in EXTRA_PAGES:
        yield f"{name}{query} staff", clients["staff"], "GET", reverse(name) + query
    for url in ERROR_PAGES:
        yield url, clients["superuser"], "GET", url


def _fetch(client, method, url):
    """GET, or an empty POST in a savepoint that is rolled back (a delete must not empty the world)."""
    if method == "GET":
        return client.get(url)
    session = client.cookies["sessionid"].value
    with transaction.atomic():
        response = client.post(url, {})
        transaction.set_rollback(True)
    client.cookies["sessionid"] = session  # the logout POST cleared it
    return response


def _csp_directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_every_page_sends_strict_security_headers(settings):
    settings.ROOT_URLCONF = "tests.urls"
    problems = []
    for what, client, method, url in _pages(World()):
        response = _fetch(client, method, url)
        csp = _csp_directives(response.get("Content-Security-Policy", ""))
        scripts = csp.get("script-src", csp.get("default-src"))
        if not scripts or "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts:
            problems.append(f"{what}: script-src is {scripts}")
        if csp.get("frame-ancestors") != ["'none'"]:
            problems.append(f"{what}: frame-ancestors is {csp.get('frame-ancestors')}")
        if response.get("X-Frame-Options") != "DENY":
            problems.append(f"{what}: X-Frame-Options is {response.get('X-Frame-Options')}")
        if response.get("Referrer-Policy") != "same-origin":
            problems.append(f"{what}: Referrer-Policy is {response.get('Referrer-Policy')}")
        if response.get("X-Content-Type-Options") != "nosniff":
            problems.append(f"{what}: X-Content-Type-Options missing")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_no_page_carries_inline_script_or_style(settings):
    """The CSP would block them in the browser: a page that needs one is broken, so catch it here."""
    settings.ROOT_URLCONF = "tests.urls"
    problems = []
    for what, client, method, url in _pages(World()):
        response = _fetch(client, method, url)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for marker in ("<script>", "<script type", " style=", " onclick=", " onload=", "javascript:"):
            if marker in html:
                problems.append(f"{what}: contains {marker!r}")
    assert not problems, "\n".join(problems)


def _production_security_settings():
    """The security settings as `vbe_portal/settings.py` computes them with DEBUG off."""
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
    ]
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT"}}
    env.update({"DEBUG": "0", "SECRET_KEY": "p" * 60, "DJANGO_SETTINGS_MODULE": "vbe_portal.settings"})
    code = (
        "import json; from vbe_portal import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_turn_on_hsts_and_secure_cookies():
    production = _production_security_settings()
    assert production["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert production["SECURE_SSL_REDIRECT"] is True
    for name in (
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
    ):
        assert production[name] is True, name


@pytest.mark.django_db
def test_production_responses_carry_hsts_and_secure_httponly_cookies(coordinator):
    """The production values applied to real responses: HSTS on HTTPS, cookies only over HTTPS."""
    with override_settings(**_production_security_settings()):
        client = Client()
        plain = client.get(reverse("login"))
        assert plain.status_code == 301 and plain["Location"].startswith("https://")
        assert client.get("/healthz").status_code == 200  # load balancers probe over plain HTTP

        login_page = client.get(reverse("login"), secure=True)
        assert "max-age=31536000" in login_page["Strict-Transport-Security"]
        assert "includeSubDomains" in login_page["Strict-Transport-Security"]
        csrf_cookie = login_page.cookies["csrftoken"]
        assert csrf_cookie["secure"] and csrf_cookie["httponly"]

        response = client.post(
            reverse("login"),
            {"username": coordinator.username, "password": "testlosen-123"},
            secure=True,
        )
        assert response.status_code == 302
        session_cookie = response.cookies["sessionid"]
        assert session_cookie["secure"] and session_cookie["httponly"]
        assert session_cookie["samesite"] == "Lax"


# --- login throttling (django-axes: 5 failures lock user name + address for 15 minutes) -------------


def _attempt(client, user, password):
    return client.post(reverse("login"), {"username": user.username, "password": password})


@pytest.mark.django_db
def test_five_failures_lock_the_user_name_even_for_the_right_password(client, coordinator, secretary):
    for _ in range(4):
        response = _attempt(client, coordinator, "fel-losenord")
        assert response.status_code == 200
        assert "Fel användarnamn eller lösenord" in response.content.decode()
    fifth = _attempt(client, coordinator, "fel-losenord")
    assert fifth.status_code == 429

    sixth = _attempt(client, coordinator, "testlosen-123")
    html = sixth.content.decode()
    assert sixth.status_code == 429
    assert "För många misslyckade inloggningsförsök" in html and "15 minuter" in html
    assert "_auth_user_id" not in client.session

    # Another user from the same address is not affected.
    other = _attempt(client, secretary, "testlosen-123")
    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(secretary.pk)


@pytest.mark.django_db
def test_lockout_is_per_address(coordinator):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        _attempt(attacker, coordinator, "fel-losenord")
    assert _attempt(attacker, coordinator, "testlosen-123").status_code == 429
    colleague = Client(REMOTE_ADDR="198.51.100.7")
    assert _attempt(colleague, coordinator, "testlosen-123").status_code == 302


# --- sessions -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_gives_a_new_session_key(client, coordinator):
    """No session fixation: a key known before login is worthless after it."""
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    _attempt(client, coordinator, "testlosen-123")
    assert client.session.session_key != before
    stolen = Client()
    stolen.cookies["sessionid"] = before
    assert stolen.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_logout_ends_the_session_on_the_server(client, coordinator):
    """A copied session cookie stops working once its owner logs out."""
    _attempt(client, coordinator, "testlosen-123")
    cookie = client.cookies["sessionid"].value
    copy = Client()
    copy.cookies["sessionid"] = cookie
    assert copy.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert copy.get(reverse("home")).status_code == 302
