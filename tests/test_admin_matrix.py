"""The Django admin's write paths in the authorization matrix: the admin is not a second door.

Every admin URL that can write a frozen object (its change form, delete, and django-simple-history's
history list and revert form) is requested by every kind of admin visitor against the frozen objects
of the matrix's World: an adopted revision with its chapter and activity, a fastställd lägesbild with
its source and observation, a closed round with its entry. A POST carries a valid form (the object's
own values, or for the revert form the values of its first history record), so a refusal is the guard
and not a form error. After every POST the frozen state of both sides is unchanged, as for the
portal's own URLs (tests/test_authorization_matrix.py).

Columns: anonymous, samordnare (not staff), a staff user holding only view permissions, superuser.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.factories import UserFactory
from tests.routes import World
from tests.test_authorization_matrix import DENIED, OK, REDIR, _frozen_state, _outcome

ROLES = ("anonymous", "coordinator", "view_only", "superuser")
FROZEN_OBJECTS = {
    "planrevision": lambda side: side.adopted_revision,
    "chapter": lambda side: side.adopted_chapter,
    "activity": lambda side: side.adopted_activity,
    "situationpicture": lambda side: side.established_picture,
    "source": lambda side: side.established_picture.source,
    "observation": lambda side: side.established_picture.observation,
    "followupround": lambda side: side.closed_round,
    "activityfollowup": lambda side: side.closed_entry,
    # The ärende is read-only in the admin, draft or not; these are the frozen objects' ärenden.
    "casememo (revidering)": lambda side: side.case_memos["revision"],
    "casememo (lägesbild)": lambda side: side.case_memos["picture"],
    "casememo (uppföljning)": lambda side: side.case_memos["round"],
}

# fmt: off
PAGES = {
    # admin page               anon    coord   view    super
    "history":                (REDIR,  REDIR,  OK,     OK),
    "simple_history":         (REDIR,  REDIR,  OK,     OK),
    "simple_history POST":    (REDIR,  REDIR,  DENIED, DENIED),
    "change":                 (REDIR,  REDIR,  OK,     OK),
    "change POST":            (REDIR,  REDIR,  DENIED, DENIED),
    "delete":                 (REDIR,  REDIR,  DENIED, DENIED),
    "delete POST":            (REDIR,  REDIR,  DENIED, DENIED),
}
# fmt: on


def _form_data(obj, superuser):
    """A valid admin form for `obj`: its values of the fields the admin form posts, inlines empty."""
    model_admin = admin.site._registry[type(obj)]
    request = RequestFactory().get("/")
    request.user = superuser
    form_class = model_admin.get_form(request, obj)
    data = {}
    for name, value in model_to_dict(obj, fields=list(form_class.base_fields)).items():
        data[name] = "" if value is None else value
    for inline in model_admin.get_inline_instances(request, obj):
        prefix = inline.get_formset(request, obj).get_default_prefix()
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data | {"_save": "Spara", "post": "yes"}


def _request(client, page, method, obj, superuser):
    opts = obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{page}"
    if page == "simple_history":
        first = obj.history.order_by("history_date", "history_id").first()
        url = reverse(name, args=[obj.pk, first.pk])
        target = first.instance
    else:
        url = reverse(name, args=[obj.pk])
        target = obj
    if method == "POST":
        return client.post(url, _form_data(target, superuser))
    return client.get(url)


def _users():
    view_only = UserFactory(username="m-granskare", is_staff=True)
    view_only.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    return view_only


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(FROZEN_OBJECTS))
def test_admin_matrix(model):
    """Each admin page of the model's frozen object as each role (one World per model: it is costly)."""
    world = World()
    users = {
        "anonymous": None,
        "coordinator": world.users["coordinator"],
        "view_only": _users(),
        "superuser": world.users["superuser"],
    }
    obj = FROZEN_OBJECTS[model](world.own)
    obj = type(obj).objects.get(pk=obj.pk)
    before = [_frozen_state(world.own), _frozen_state(world.foreign)]
    problems = []
    for page_key, row in PAGES.items():
        page, _, method = page_key.partition(" ")
        for role, expected in zip(ROLES, row, strict=True):
            client = Client()
            if users[role] is not None:
                client.force_login(users[role])
            with transaction.atomic():
                response = _request(client, page, method or "GET", obj, world.users["superuser"])
                after = [_frozen_state(world.own), _frozen_state(world.foreign)]
                transaction.set_rollback(True)
            if (got := _outcome(response)) != expected:
                problems.append(f"{page_key} as {role}: expected {expected}, got {got}")
            if after != before:
                problems.append(f"{page_key} as {role}: changed a frozen object")
    assert not problems, f"{model}:\n  " + "\n  ".join(problems)


@pytest.mark.django_db
def test_the_admin_form_data_is_valid_so_a_refusal_is_the_guard():
    """The same form data saves a DRAFT object's change form and revert form (302): the 403s above
    come from the guard on the frozen state, not from an invalid form."""
    world = World()
    superuser = world.users["superuser"]
    client = Client()
    client.force_login(superuser)
    for obj in (world.own.draft_revision, world.own.activity, world.own.picture, world.own.round):
        obj = type(obj).objects.get(pk=obj.pk)
        response = _request(client, "change", "POST", obj, superuser)
        assert response.status_code == 302, (obj._meta.model_name, response.content.decode()[:3000])
