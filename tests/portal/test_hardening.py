"""Smaller hardening: the login throttle behind a proxy, the lock that cannot be prolonged, TRACE and
OPTIONS refused, a short SECRET_KEY refused in production, Swedish 400 and 413 pages."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.portal.test_settings import run_manage

PROXY = "172.18.0.2"
LONG_KEY = "x9!" + "k2Lq7Zp0vR4tY8wB1nM5cF3hJ6dS" * 3


def _login(client, user, password, **extra):
    return client.post(reverse("login"), {"username": user.username, "password": password}, **extra)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["172.18.0.0/16"]


@pytest.mark.django_db
def test_behind_the_proxy_one_client_cannot_lock_out_another(behind_proxy, coordinator):
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _ in range(5):
        _login(attacker, coordinator, "fel-losenord")
    assert _login(attacker, coordinator, "testlosen-123").status_code == 429
    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _login(colleague, coordinator, "testlosen-123").status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


@pytest.mark.django_db
def test_a_forwarded_header_from_anywhere_but_the_proxy_is_ignored(behind_proxy, coordinator):
    """A client talking to the app directly cannot choose the address it is throttled under."""
    direct = Client(REMOTE_ADDR="203.0.113.9")
    for spoofed in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"):
        _login(direct, coordinator, "fel-losenord", HTTP_X_FORWARDED_FOR=spoofed)
    assert _login(direct, coordinator, "testlosen-123", HTTP_X_FORWARDED_FOR="10.0.0.6").status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


@pytest.mark.django_db
def test_the_client_is_the_right_most_address_the_proxies_did_not_add(behind_proxy, coordinator):
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9, 172.18.0.7")
    _login(client, coordinator, "fel-losenord")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


@pytest.mark.django_db
def test_failed_tries_during_the_lock_do_not_prolong_it(client, coordinator):
    for _ in range(5):
        _login(client, coordinator, "fel-losenord")
    locked = AccessAttempt.objects.get()
    for _ in range(3):
        assert _login(client, coordinator, "fel-losenord").status_code == 429
    after = AccessAttempt.objects.get()
    assert after.attempt_time == locked.attempt_time, "the cool-off restarted on a try during the lock"
    assert after.failures_since_start == locked.failures_since_start == 5


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["trace", "options"])
def test_trace_and_options_are_refused_with_allow(client, coordinator, method):
    client.force_login(coordinator)
    for url in ("/", reverse("login"), reverse("plans:plan_list")):
        response = getattr(client, method)(url)
        assert response.status_code == 405, url
        assert response["Allow"] == "GET, HEAD, POST"
        assert b"<html" not in response.content


@pytest.mark.django_db
def test_an_oversized_post_gets_the_swedish_413_page(client, coordinator, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(coordinator)
    response = client.post(reverse("plans:plan_create"), {"title": "x" * 20_000, "year": "2030"})
    html = response.content.decode()
    assert response.status_code == 413
    assert "För mycket data" in html and "Inget har sparats" in html and 'lang="sv"' in html


@pytest.mark.django_db
def test_a_bad_request_gets_the_swedish_400_page(client, settings):
    settings.ROOT_URLCONF = "tests.urls"
    response = client.get("/", HTTP_HOST="evil.example")  # not in ALLOWED_HOSTS
    html = response.content.decode()
    assert response.status_code == 400
    assert "Felaktig förfrågan" in html and 'lang="sv"' in html


def test_production_refuses_a_short_secret_key():
    result = run_manage("check", env_overrides={"DEBUG": "0", "SECRET_KEY": "kort-nyckel-123"})
    assert result.returncode != 0
    assert "SECRET_KEY är för kort (15 tecken): minst 50" in result.stderr


def test_production_starts_with_a_long_secret_key():
    result = run_manage("check", env_overrides={"DEBUG": "0", "SECRET_KEY": LONG_KEY, "ALLOWED_HOSTS": "x"})
    assert result.returncode == 0, result.stderr
