"""The admin keeps closed rounds read-only; the demo loader builds its rounds on Skärholmen's 2019 plan."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from followup import demo, services
from followup.models import ActivityFollowUp, FollowUpRound, FollowUpStatus
from organisations import demo as organisations_demo
from tests.factories import ActionPlanFactory, ActivityFactory, ChapterFactory, PlanRevisionFactory

from .conftest import entry_for

pytestmark = pytest.mark.django_db


def _change_url(obj):
    return reverse(f"admin:followup_{obj._meta.model_name}_change", args=[obj.pk])


def test_admin_lists_every_model_with_history(client, superuser, round_):
    client.force_login(superuser)
    for name in ["followupstatus", "followupround", "activityfollowup"]:
        assert client.get(reverse(f"admin:followup_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:followup_followupround_history", args=[round_.pk])).status_code == 200


def test_admin_edits_open_round_and_refuses_closed_one(client, superuser, round_, activities, coordinator):
    client.force_login(superuser)
    entry = entry_for(round_, activities[0])
    status = FollowUpStatus.objects.default_scale().get(label="Pågående")
    response = client.post(_change_url(entry), {"status": status.pk, "narrative": "Rättat i admin"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.narrative == "Rättat i admin" and entry.version == 2

    services.close_round(round=round_, by=coordinator)
    html = client.get(_change_url(entry)).content.decode()
    assert 'name="narrative"' not in html  # shown read-only
    response = client.post(_change_url(entry), {"status": status.pk, "narrative": "Efter stängning"})
    assert response.status_code == 403
    response = client.post(
        _change_url(round_), {"period": "Ändrad", "deadline": "2020-01-01", "overall_comment": ""}
    )
    assert response.status_code == 403
    # Reverting to an old (open) version from the history is refused as well.
    old = round_.history.earliest()
    url = reverse("admin:followup_followupround_simple_history", args=[round_.pk, old.history_id])
    client.post(url, {"period": "Återställd", "deadline": "2020-01-01", "overall_comment": ""})
    delete = reverse("admin:followup_activityfollowup_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    round_.refresh_from_db()
    assert entry.narrative == "Rättat i admin" and round_.is_closed and round_.period == "Maj–augusti 2019"


def test_admin_cannot_add_rounds(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:followup_followupround_add")).status_code == 403


def test_demo_does_nothing_without_the_skarholmen_plan(db):
    organisations_demo.load()
    assert demo.load() is None
    assert not FollowUpRound.objects.exists()


@pytest.fixture
def skarholmen_revision(db):
    orgs = organisations_demo.load()
    revision = PlanRevisionFactory(
        plan=ActionPlanFactory(organisation=orgs["skarholmen"]), year=2019, adopted=True
    )
    chapter = ChapterFactory(revision=revision)
    for n in range(7):
        unit = orgs["skarholmen-fritid"] if n % 2 else orgs["skarholmen-soc"]
        ActivityFactory(chapter=chapter, responsible_unit=unit)
    return revision


def test_demo_builds_a_closed_and_an_open_round_once(client, skarholmen_revision):
    demo.load()
    demo.load()  # idempotent
    closed = FollowUpRound.objects.get(status=FollowUpRound.Status.CLOSED)
    open_ = FollowUpRound.objects.get(status=FollowUpRound.Status.OPEN)
    assert closed.revision == open_.revision == skarholmen_revision
    assert closed.entries.count() == open_.entries.count() == 7
    assert not closed.entries.filter(status__isnull=True).exists()
    assert closed.overall_comment
    assert 0 < open_.entries.filter(status__isnull=True).count() < 7
    assert ActivityFollowUp.history.count() == 14
    # The demo staff member reports for their unit; the coordinator sees the overdue ones.
    assert open_.entries.filter(reported_by__username="medarbetare").exists()
    client.force_login(get_user_model().objects.get(username="samordnare"))
    html = client.get(open_.get_absolute_url()).content.decode()
    assert "Försenad – ej rapporterad" in html
    html = client.get(reverse("followup:round_report", args=[closed.pk])).content.decode()
    assert "Arbetas aktivt med i ordinarie verksamhet" in html
