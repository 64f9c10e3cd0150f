"""Login, start page per role, health check, error pages, security headers."""

import pytest
from django.urls import reverse

from organisations.models import Membership

pytestmark = pytest.mark.django_db


def test_anonymous_start_page_redirects_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_swedish_and_has_title(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert "<title>Logga in – VBE-portalen</title>" in html
    assert 'href="#main"' in html and 'id="main"' in html


def test_wrong_password_shows_swedish_error_and_keeps_user_name(client, coordinator):
    response = client.post(reverse("login"), {"username": coordinator.username, "password": "fel-losen"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fel användarnamn eller lösenord" in html
    assert f'value="{coordinator.username}"' in html


def test_correct_password_logs_in_and_shows_role(client, coordinator):
    response = client.post(
        reverse("login"), {"username": coordinator.username, "password": "testlosen-123"}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Samordnare</strong> i Norra stadsdelsnämnden" in html
    assert "Skriva och revidera handlingsplanen" in html


@pytest.mark.parametrize(
    ("fixture", "shown", "hidden"),
    [
        ("coordinator", ["Skriva och revidera handlingsplanen", "Lokal lägesbild"], ["Administration"]),
        (
            "secretary",
            ["Registrera nämndens beslut", "Hämta nämndhandlingar"],
            ["Skriva och revidera handlingsplanen"],
        ),
        ("staff", ["Aktiviteter och rutiner"], ["Lokal lägesbild", "Registrera nämndens beslut"]),
        ("central", ["Lokal lägesbild", "Uppföljning"], ["Skriva och revidera handlingsplanen"]),
    ],
)
def test_start_page_shows_each_role_what_it_can_do(client, request, fixture, shown, hidden):
    client.force_login(request.getfixturevalue(fixture))
    html = client.get("/").content.decode()
    for text in shown:
        assert text in html
    for text in hidden:
        assert text not in html


def test_logout_is_a_post_and_ends_the_session(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_healthz_reports_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_503_when_database_fails(client, db, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_unknown_page_gives_swedish_404(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_security_headers(client, db):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_user_without_membership_is_told_to_contact_admin(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert "ingen roll" in client.get("/").content.decode()


def test_role_labels_are_swedish():
    assert Membership.Role.SECRETARY.label == "Nämndsekreterare"
