"""The hostile-input corpus (tests/hostile.py) through the forms that exist: login and the admin."""

import pytest
from django.urls import reverse

from organisations.models import Organisation
from tests.hostile import CORPUS, NUL_ERROR, check_hostile_value, ids

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("hostile", CORPUS, ids=ids(CORPUS))
def test_login_user_name(client, coordinator, hostile):
    outcome = check_hostile_value(
        client,
        url=reverse("login"),
        data={"password": "testlosen-123"},
        field="username",
        value=hostile.value,
        max_length=150,
    )
    assert outcome == "refused"
    assert "_auth_user_id" not in client.session


def test_login_with_nul_byte_gets_the_swedish_message(client):
    response = client.post(reverse("login"), {"username": "admin\x00", "password": "x"})
    assert response.status_code == 200
    assert NUL_ERROR in response.content.decode()


def _organisation_post(org, **changes):
    return {
        "name": org.name,
        "short_name": org.short_name,
        "kind": org.kind,
        "parent": org.parent_id or "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "_save": "Spara",
        **changes,
    }


@pytest.mark.parametrize("hostile", CORPUS, ids=ids(CORPUS))
def test_admin_organisation_name(client, superuser, committee, hostile):
    client.force_login(superuser)
    change_url = reverse("admin:organisations_organisation_change", args=[committee.pk])
    outcome = check_hostile_value(
        client,
        url=change_url,
        data=_organisation_post(committee),
        field="name",
        value=hostile.value,
        stored=lambda: Organisation.objects.get(pk=committee.pk).name,
        render_url=change_url,
        max_length=200,
    )
    if outcome == "stored":
        # Shown escaped in the list and in the history as well.
        for url in (
            reverse("admin:organisations_organisation_changelist"),
            reverse("admin:organisations_organisation_history", args=[committee.pk]),
        ):
            html = client.get(url).content.decode()
            assert "<script>alert" not in html and "onerror=" not in html.replace("onerror=&quot;", "")


def test_admin_organisation_name_at_the_limit_is_stored_whole(client, superuser, committee):
    client.force_login(superuser)
    value = "Å" * 199 + "ö"
    check_hostile_value(
        client,
        url=reverse("admin:organisations_organisation_change", args=[committee.pk]),
        data=_organisation_post(committee),
        field="name",
        value=value,
        stored=lambda: Organisation.objects.get(pk=committee.pk).name,
        max_length=200,
    )
    assert Organisation.objects.get(pk=committee.pk).name == value


def test_the_render_check_catches_an_unescaped_value():
    """Proof the check can fail: a template that marked the value |safe would be caught."""
    from tests.hostile import assert_rendered_safely

    value = "<img src=x onerror=\"alert('xss-2')\">"
    with pytest.raises(AssertionError):
        assert_rendered_safely(f"<p>{value}</p>", value)
    assert_rendered_safely("<p>&lt;img src=x onerror=&quot;alert(&#x27;xss-2&#x27;)&quot;&gt;</p>", value)


def test_the_markup_scanner_flags_script_and_handlers_but_not_escaped_text():
    """Proof the parser-based check can fail, and that escaped text inside an attribute is not flagged."""
    from tests.hostile import injected_markup

    assert injected_markup('<p><img src=x onerror="alert(1)"></p>') == [
        "event-handler attribute onerror= on <img>"
    ]
    assert injected_markup("<script>alert(1)</script>") == ["inline <script>"]
    assert injected_markup('<a href=" java\tscript:alert(1)">x</a>') == ["javascript: URL in href= on <a>"]
    assert injected_markup('<iframe srcdoc="&lt;b&gt;"></iframe>') == ["srcdoc= on <iframe>"]
    escaped = '<input value="&quot; autofocus onfocus=&quot;alert(1)&quot; x=&quot;">'
    assert injected_markup(escaped) == []
    assert injected_markup('<script src="/static/x.js"></script><a href="/aktiviteter/">x</a>') == []
