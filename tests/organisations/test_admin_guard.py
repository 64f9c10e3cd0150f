"""The Django admin is not a second door: a frozen object stays frozen on every admin path.

Before the guard, django-simple-history's revert form turned an adopted revision back into a draft
(status, date and § emptied) for the superuser and even for a staff user with only a view permission.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from followup import services as followup_services
from followup.models import FollowUpRound
from plans import services as plan_services
from plans.models import Activity, PlanRevision
from situation import services as situation_services
from situation.models import SituationPicture, Source
from tests.factories import (
    ActivityFactory,
    ChapterFactory,
    FollowUpRoundFactory,
    PlanRevisionFactory,
    SituationPictureFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# The fields each admin form posts (its editable, not read-only, fields).
FORM_FIELDS = {
    PlanRevision: ["plan", "year", "decided_by", "situation_picture"],
    SituationPicture: ["organisation", "kind", "year", "made_with", "analysis", "threat_level"],
    FollowUpRound: ["period", "deadline", "overall_comment"],
}


def _frozen_objects(coordinator, committee):
    """An adopted revision, a fastställd lägesbild and a closed round, each frozen through its service,
    so that each has an earlier (unfrozen) record in its history to revert to."""
    revision = PlanRevisionFactory(plan__organisation=committee, year=2019)
    plan_services.adopt_revision(
        revision=revision,
        decided_by="Nämnden",
        decided_on=datetime.date(2019, 5, 23),
        paragraph="12",
        diary_number="1.2-3/2019",
        by=coordinator,
    )
    picture = SituationPictureFactory(organisation=committee, year=2019)
    situation_services.establish_picture(picture=picture, by=coordinator)
    round_ = FollowUpRoundFactory(revision=revision)
    followup_services.close_round(round=round_, by=coordinator)
    return [type(obj).objects.get(pk=obj.pk) for obj in (revision, picture, round_)]


def _state(obj):
    obj = type(obj).objects.get(pk=obj.pk)
    return model_to_dict(obj) | {"version": obj.version, "status": obj.status}


def _post_data(record):
    """What the admin's revert form posts for a historical record: its own values of the form fields."""
    data = {}
    for name in FORM_FIELDS[type(record)]:
        value = model_to_dict(record).get(name)
        data[name] = "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else value)
    return data


def _view_only_staff():
    user = UserFactory(username="granskare", is_staff=True)
    for model in ("planrevision", "situationpicture", "followupround"):
        user.user_permissions.add(Permission.objects.get(codename=f"view_{model}"))
    return user


@pytest.mark.parametrize("who", ["superuser", "view_only"])
def test_history_revert_of_a_frozen_object_is_refused_and_changes_nothing(
    client, coordinator, committee, who
):
    admin_user = UserFactory(username="m-admin", is_superuser=True, is_staff=True)
    user = admin_user if who == "superuser" else _view_only_staff()
    client.force_login(user)
    for obj in _frozen_objects(coordinator, committee):
        before = _state(obj)
        first = obj.history.order_by("history_date", "history_id").first()  # the draft / open record
        assert first.status != obj.status
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, first.pk])
        response = client.post(url, _post_data(first.instance))
        assert response.status_code == 403, opts.model_name
        assert _state(obj) == before, f"the revert changed the {opts.verbose_name}"
        # Reading an old version stays possible, without a revert button.
        page = client.get(url)
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


def test_admin_change_delete_and_bulk_delete_of_frozen_objects_are_refused(client, coordinator, committee):
    client.force_login(UserFactory(username="m-admin", is_superuser=True, is_staff=True))
    for obj in _frozen_objects(coordinator, committee):
        before = _state(obj)
        opts = obj._meta
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert client.post(change, _post_data(obj) | {"_save": "Spara"}).status_code == 403
        delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        client.post(changelist, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
        assert _state(obj) == before, opts.model_name


def test_admin_refuses_parts_of_a_frozen_parent_even_when_the_object_it_holds_says_draft(
    client, coordinator, committee
):
    """The guard reads the live row: an activity or a source under a frozen parent cannot be changed,
    deleted or added, whatever the admin form was given."""
    client.force_login(UserFactory(username="m-admin", is_superuser=True, is_staff=True))
    revision = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    activity = ActivityFactory(chapter=ChapterFactory(revision=revision), text="Antagen text")
    picture = SituationPictureFactory(organisation=committee, year=2019, established=True)
    source = SourceFactory(picture=picture, description="Fastställd källa")
    for obj in (activity, source):
        opts = obj._meta
        delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Activity.objects.get(pk=activity.pk).text == "Antagen text"
    assert Source.objects.get(pk=source.pk).description == "Fastställd källa"


def test_admin_still_edits_a_draft_and_bumps_its_version(client, committee):
    client.force_login(UserFactory(username="m-admin", is_superuser=True, is_staff=True))
    picture = SituationPictureFactory(organisation=committee, year=2020)
    url = reverse("admin:situation_situationpicture_change", args=[picture.pk])
    data = _post_data(picture) | {"made_with": "Ändrad i admin", "_save": "Spara"}
    for prefix in ("problems", "sources", "observations"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    picture.refresh_from_db()
    assert picture.made_with == "Ändrad i admin" and picture.version == 2
    assert picture.history.first().history_change_reason == "Ändrad i administrationen"


def test_closed_round_history_is_readable_but_not_revertable(client, coordinator, committee):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    round_ = FollowUpRoundFactory(revision=revision, status="stangd", closed_at=timezone.now())
    client.force_login(UserFactory(username="m-admin", is_superuser=True, is_staff=True))
    url = reverse("admin:followup_followupround_history", args=[round_.pk])
    assert client.get(url).status_code == 200
