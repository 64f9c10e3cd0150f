"""Hostile input in a real browser: nothing executes.

The context bypasses our Content-Security-Policy on purpose: the CSP would block an injected inline
script anyway, and this test must prove that escaping alone already prevents it. The `page` fixture
fails the test if any JavaScript dialog (`alert('xss-…')`) opens.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organisations.models import Organisation
from tests.factories import OrganisationFactory
from tests.hostile import MARKUP

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "bypass_csp": True}


def test_hostile_user_names_on_the_login_page_execute_nothing(page, coordinator):
    page.goto(reverse("login"))
    for hostile in MARKUP:
        page.get_by_label("Användarnamn").fill(hostile.value)
        page.get_by_label("Lösenord").fill("fel-losenord")
        page.get_by_role("button", name="Logga in").click()
        expect(page.get_by_role("alert")).to_be_visible()
        # The value comes back in the field exactly as typed.
        expect(page.get_by_label("Användarnamn")).to_have_value(hostile.value)


def test_hostile_organisation_names_in_the_admin_execute_nothing(page, log_in_as, superuser, committee):
    log_in_as(superuser)
    # One value goes through the browser's form; the rest are stored directly (their way through the
    # form is covered by tests/test_hostile_input.py) to keep this test at a few seconds.
    through_form = [h for h in MARKUP if h.name == "attribute-breakout"]
    stored_directly = [h for h in MARKUP if h not in through_form]
    change_url = reverse("admin:organisations_organisation_change", args=[committee.pk])
    for hostile in through_form:
        page.goto(change_url)
        page.locator("#id_name").fill(hostile.value)
        page.locator("input[name=_save]").click()
        expect(page.locator("#result_list")).to_be_visible()
        assert Organisation.objects.get(pk=committee.pk).name == hostile.value
    committee.refresh_from_db()
    organisations = [committee] + [
        OrganisationFactory(name=hostile.value, parent=committee) for hostile in stored_directly
    ]
    page.goto(reverse("admin:organisations_organisation_changelist"))  # every name in one list
    for organisation in organisations:
        page.goto(reverse("admin:organisations_organisation_change", args=[organisation.pk]))
        expect(page.locator("#id_name")).to_have_value(organisation.name)
