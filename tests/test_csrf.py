"""CSRF: every URL of the project refuses a POST without a token.

The walk covers every route the resolver knows (arguments filled from BUILDERS in tests/routes.py, so a
new route with arguments and no builder fails here too), plus the admin's write endpoints. A POST
without a token must get our Swedish CSRF page with 403; the same POST with a valid token must get
past the CSRF check, which proves the 403 came from CSRF protection and not from something else.
"""

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import reverse

from tests.routes import World, all_routes, url_for

CSRF_PAGE_TEXT = "Formuläret kunde inte skickas"

# The admin is walked through its write endpoints rather than its ~50 routes: Django guards all of them
# with the same middleware.
ADMIN_POSTS = {
    "admin:login": lambda world: [],
    "admin:logout": lambda world: [],
    "admin:password_change": lambda world: [],
    "admin:organisations_organisation_add": lambda world: [],
    "admin:organisations_organisation_change": lambda world: [world.own.org.pk],
    "admin:organisations_organisation_delete": lambda world: [world.own.org.pk],
    "admin:organisations_membership_add": lambda world: [],
    "admin:auth_user_add": lambda world: [],
}


def _targets(world):
    for route in all_routes():
        yield route.name, url_for(route, world.own)
    for name, args in ADMIN_POSTS.items():
        yield name, reverse(name, args=args(world))


def _is_csrf_refusal(response):
    return response.status_code == 403 and CSRF_PAGE_TEXT in response.content.decode()


def _accepted_without_token():
    world = World()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["superuser"])
    return [
        f"{name} ({url}): {response.status_code}"
        for name, url in _targets(world)
        if not _is_csrf_refusal(response := client.post(url, {"name": "utan token"}))
    ]


@pytest.mark.django_db
def test_every_post_without_token_is_refused():
    accepted = _accepted_without_token()
    assert not accepted, "POST without CSRF token was not refused:\n  " + "\n  ".join(accepted)


@pytest.mark.django_db
def test_the_walker_notices_a_view_without_csrf_protection(settings):
    settings.ROOT_URLCONF = "tests.urls"  # adds a csrf_exempt view
    assert _accepted_without_token() == ["test_csrf_exempt (/__prov__/utan-csrf/): 200"]


@pytest.mark.django_db
def test_the_same_posts_with_a_token_pass_the_csrf_check():
    world = World()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["superuser"])
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    refused = [
        f"{name} ({url})"
        for name, url in _targets(world)
        if name not in {"logout", "admin:logout"}  # both end the session the next POST needs
        and _is_csrf_refusal(client.post(url, {}, HTTP_X_CSRFTOKEN=token))
    ]
    assert not refused, "Refused as CSRF even with a valid token:\n  " + "\n  ".join(refused)


@pytest.mark.django_db
def test_login_without_token_is_refused_even_with_right_password(coordinator):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": coordinator.username, "password": "testlosen-123"})
    assert _is_csrf_refusal(response)
    assert "_auth_user_id" not in client.session
