"""The guards every browser test relies on: they catch what they claim to catch."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

CSP = "script-src 'self'; style-src 'self'"


def test_an_executed_script_is_caught(page, dialogs):
    page.set_content("<img src=x onerror=\"alert('probe')\">")
    page.wait_for_timeout(200)
    assert dialogs and "probe" in dialogs[0]
    dialogs.clear()  # handled here, so the fixture's own check passes


def test_an_inline_script_blocked_by_the_csp_is_caught(page, csp_violations):
    page.set_content(
        f'<html><head><meta http-equiv="Content-Security-Policy" content="{CSP}"></head>'
        "<body><script>document.title = 'ran'</script></body></html>"
    )
    page.wait_for_timeout(200)
    assert page.title() != "ran"
    assert csp_violations and "Content Security Policy" in csp_violations[0]
    csp_violations.clear()


def test_the_admin_works_under_our_csp(page, log_in_as, superuser, committee):
    """The admin gets the same strict policy as our pages; its scripts and styles are all files."""
    log_in_as(superuser)
    for url in (
        reverse("admin:index"),
        reverse("admin:organisations_organisation_changelist"),
        reverse("admin:organisations_organisation_change", args=[committee.pk]),
        reverse("admin:organisations_membership_add"),
    ):
        response = page.goto(url)
        assert response.ok, url
        assert "unsafe-inline" not in response.headers["content-security-policy"]
