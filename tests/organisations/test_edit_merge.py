"""Merge, don't revert: a refused save never loses the other person's work when it is repeated.

Two samordnare open the same form from the same version. A changes one field and saves; B changes
another and is refused (409, one conflict notice). B presses Spara again on the returned page, as a
browser would submit it: both changes are in the database. Before the kernel, the returned form still
held the stale value of A's field, and the second save silently reverted A's change.

One test over every versioned form of the product, driven through the rendered HTML.
"""

import pytest
from django.urls import reverse

from followup import services
from followup.models import ActivityFollowUp, FollowUpStatus
from organisations.models import Membership
from tests.factories import member
from tests.html_forms import submitted_form
from tests.routes import World

pytestmark = pytest.mark.django_db


def _other_status(side):
    entry = ActivityFollowUp.objects.get(pk=side.entry.pk)
    return str(
        FollowUpStatus.objects.exclude(pk=entry.status_id).filter(organisation__isnull=True).first().pk
    )


def _reported(side):
    """An entry already reported on, so that both people start from a status and a narrative."""
    status = FollowUpStatus.objects.filter(organisation__isnull=True).order_by("order").first()
    services.report(
        entry=side.entry, status=status, narrative="Första texten", version=1, by=side.coordinator
    )
    return ActivityFollowUp.objects.get(pk=side.entry.pk)


# form: (url name, the object on the world's own side, A's field and value, B's field and value)
FORMS = {
    "activity": ("plans:activity_edit", lambda s: s.activity, ("timing", "VT 2030"), ("text", "B:s text")),
    "chapter": (
        "plans:chapter_edit",
        lambda s: s.chapter,
        ("body", "A:s brödtext"),
        ("heading", "B:s rubrik"),
    ),
    "revision": (
        "plans:revision_edit",
        lambda s: s.draft_revision,
        ("decided_by", "Kommunfullmäktige"),
        ("year", "2031"),
    ),
    "routine": (
        "plans:routine_edit",
        lambda s: s.routine,
        ("contact", "08-508 000 00"),
        ("title", "B:s titel"),
    ),
    "lagesbild": (
        "situation:picture_edit",
        lambda s: s.picture,
        ("outlook", "A:s omvärld"),
        ("analysis", "B:s"),
    ),
    "source": (
        "situation:source_edit",
        lambda s: s.picture.source,
        ("responses", "77"),
        ("description", "B:s"),
    ),
    "observation": (
        "situation:observation_edit",
        lambda s: s.picture.observation,
        ("area", "Centrum"),
        ("description", "B:s iakttagelse"),
    ),
    "problem": (
        "situation:problem_edit",
        lambda s: s.picture.problem,
        ("area", "Torget"),
        ("causes", "B:s orsaker"),
    ),
    "indicator": (
        "plans:indicator_edit",
        lambda s: s.indicator,
        ("unit", "deltagare"),
        ("baseline_source", "B:s källa"),
    ),
    "followup_entry": (
        "followup:entry_report",
        _reported,
        ("narrative", "A:s uppföljning"),
        ("status", _other_status),
    ),
}


def _clients(world, client_class):
    colleague = member(Membership.Role.COORDINATOR, world.own.org, username="m-kollega", first_name="Kim")
    a, b = client_class(), client_class()
    a.force_login(colleague)
    b.force_login(world.users["coordinator"])
    return a, b


def _value(value, side):
    return value(side) if callable(value) else value


def _stored(obj, field):
    obj = type(obj).objects.get(pk=obj.pk)
    attname = obj._meta.get_field("overall_comment" if field == "comment" else field).attname
    return str(getattr(obj, attname))


@pytest.mark.parametrize("kind", list(FORMS))
def test_second_save_after_a_conflict_keeps_both_changes(client, kind):
    world = World()
    name, get, (field_a, value_a), (field_b, value_b) = FORMS[kind]
    world.own.coordinator = world.users["coordinator"]
    obj = get(world.own)
    url = reverse(name, args=[obj.pk])
    a, b = _clients(world, client.__class__)
    start_a = submitted_form(a.get(url).content.decode())
    start_b = submitted_form(b.get(url).content.decode())
    assert start_a == start_b  # the same version, the same values

    assert a.post(url, start_a | {field_a: value_a}).status_code == 302
    value_b = _value(value_b, world.own)
    refused = b.post(url, start_b | {field_b: value_b})
    html = refused.content.decode()
    assert refused.status_code == 409
    assert html.count('id="conflict-title"') == 1 and "Någon annan har sparat samtidigt" in html

    again = submitted_form(html)
    assert again[field_a] == value_a  # A's change is in the returned form, not the stale value
    assert again[field_b] == value_b  # B's own change is kept
    assert b.post(url, again).status_code == 302
    assert _stored(obj, field_a) == value_a
    assert _stored(obj, field_b) == value_b


BOTH_CHANGED = {
    "activity": ("plans:activity_edit", lambda s: s.activity, "timing"),
    "round_comment": ("followup:round_comment", lambda s: s.round, "comment"),
}


@pytest.mark.parametrize("choice", ["mine", "theirs"])
@pytest.mark.parametrize("kind", list(BOTH_CHANGED))
def test_both_changed_the_same_field_must_be_chosen_explicitly(client, kind, choice):
    world = World()
    name, get, field = BOTH_CHANGED[kind]
    obj = get(world.own)
    url = reverse(name, args=[obj.pk])
    a, b = _clients(world, client.__class__)
    start = submitted_form(a.get(url).content.decode())
    assert a.post(url, start | {field: "A:s version"}).status_code == 302
    refused = b.post(url, start | {field: "B:s version"})
    assert refused.status_code == 409
    again = submitted_form(refused.content.decode())
    assert again[field] == "B:s version" and again["merge_fields"] == field

    # Pressing Spara without choosing saves nothing and says why.
    unchosen = b.post(url, again)
    assert (
        unchosen.status_code in (200, 400)
        and "Välj vilken version som ska gälla." in unchosen.content.decode()
    )
    assert _stored(obj, field) == "A:s version"

    assert b.post(url, again | {f"merge__{field}": choice}).status_code == 302
    assert _stored(obj, field) == ("B:s version" if choice == "mine" else "A:s version")


def test_a_form_without_its_version_is_refused_like_a_stale_one(client):
    """One rule for every app: a missing version is not skipped and not coerced to 0."""
    world = World()
    url = reverse("situation:source_edit", args=[world.own.picture.source.pk])
    _a, b = _clients(world, client.__class__)
    data = submitted_form(b.get(url).content.decode())
    del data["version"]
    response = b.post(url, data | {"description": "Utan version"})
    assert response.status_code in (400, 409)
    assert _stored(world.own.picture.source, "description") != "Utan version"
