"""The rules of the follow-up, at the service layer: opening, who reports on what, conflicts, closing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from followup import services
from followup.models import ActivityFollowUp, FollowUpRound, FollowUpStatus, statuses_for
from plans.models import PlanRevision
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory

from .conftest import entry_for

pytestmark = pytest.mark.django_db


def _status(label):
    return FollowUpStatus.objects.default_scale().get(label=label)


def _open(revision, by, **kwargs):
    return services.open_round(
        revision=revision,
        kind=kwargs.get("kind", "helar"),
        period=kwargs.get("period", "2019"),
        deadline=datetime.date(2020, 1, 31),
        by=by,
    )


def test_default_scale_is_seeded_with_tone_and_symbol():
    scale = FollowUpStatus.objects.default_scale()
    assert [s.label for s in scale] == [
        "Ej påbörjad",
        "Pågående",
        "Genomförd",
        "Uppnått",
        "Delvis uppnått",
        "Ej uppnått",
    ]
    assert {s.label: s.symbol for s in scale}["Ej uppnått"] == "✗"
    assert {s.label: s.tone for s in scale}["Delvis uppnått"] == "partial"


def test_organisation_scale_replaces_default_for_its_subtree(committee, municipality, other_municipality):
    FollowUpStatus.objects.create(organisation=municipality, label="Uppnått målvärde", order=1, tone="ok")
    FollowUpStatus.objects.create(
        organisation=municipality, label="Uppnått nära målvärde", order=2, tone="partial"
    )
    assert [s.label for s in statuses_for(committee)] == ["Uppnått målvärde", "Uppnått nära målvärde"]
    assert "Pågående" in [s.label for s in statuses_for(other_municipality)]


def test_opening_creates_one_entry_per_activity_with_history(round_, activities):
    assert round_.entries.count() == len(activities)
    assert set(round_.entries.values_list("activity_id", flat=True)) == {a.pk for a in activities}
    assert not round_.entries.filter(status__isnull=False).exists()
    history = ActivityFollowUp.history.filter(round_id=round_.pk)
    assert history.count() == len(activities)
    assert {h.history_change_reason for h in history} == {"Uppföljning öppnad"}


def test_opening_on_a_draft_is_refused(committee, coordinator):
    draft = PlanRevisionFactory(plan__organisation=committee, year=2020)
    ActivityFactory(chapter=ChapterFactory(revision=draft))
    with pytest.raises(services.RevisionNotAdopted):
        _open(draft, coordinator)
    assert not FollowUpRound.objects.exists()


def test_opening_on_a_superseded_revision_is_refused(revision, coordinator):
    revision.status = PlanRevision.Status.SUPERSEDED
    revision.save()
    with pytest.raises(services.RevisionNotAdopted):
        _open(revision, coordinator)


@pytest.mark.parametrize("who", ["staff", "secretary", "other_coordinator", "central"])
def test_only_the_samordnare_opens_rounds(request, revision, who):
    with pytest.raises(PermissionDenied):
        _open(revision, request.getfixturevalue(who))
    assert not FollowUpRound.objects.exists()


def test_coordinator_reports_on_every_activity(round_, coordinator):
    for entry in round_.entries.all():
        services.report(
            entry=entry, status=_status("Pågående"), narrative="Pågår.", version=1, by=coordinator
        )
    assert round_.entries.filter(status__label="Pågående").count() == round_.entries.count()


def test_staff_reports_on_own_unit_only(round_, activities, staff):
    own = entry_for(round_, activities[0])
    saved = services.report(entry=own, status=_status("Genomförd"), narrative="Klart.", version=1, by=staff)
    assert saved.reported_by == staff and saved.version == 2
    for activity in activities[1:3]:  # another unit's, and one with no responsible unit
        with pytest.raises(PermissionDenied):
            services.report(
                entry=entry_for(round_, activity),
                status=_status("Genomförd"),
                narrative="Nej.",
                version=1,
                by=staff,
            )
    assert round_.entries.filter(status__isnull=False).count() == 1


@pytest.mark.parametrize("who", ["secretary", "central", "other_coordinator"])
def test_readers_cannot_report(request, round_, activities, who):
    with pytest.raises(PermissionDenied):
        services.report(
            entry=entry_for(round_, activities[0]),
            status=_status("Genomförd"),
            narrative="x",
            version=1,
            by=request.getfixturevalue(who),
        )


def test_stale_version_is_refused_and_shows_the_other_persons_text(round_, activities, coordinator, staff):
    entry = entry_for(round_, activities[0])
    services.report(entry=entry, status=_status("Genomförd"), narrative="Staffs text", version=1, by=staff)
    with pytest.raises(services.EditConflict) as exc:
        services.report(
            entry=entry,
            status=_status("Ej påbörjad"),
            narrative="Min text",
            version=1,
            by=coordinator,
        )
    theirs = {change.label: change.new for change in exc.value.changes}
    assert theirs["Uppföljning"] == "Staffs text" and "Genomförd" in theirs["Status"]
    entry.refresh_from_db()
    assert entry.narrative == "Staffs text"


def test_status_outside_the_scale_is_refused(round_, activities, coordinator, other_committee):
    foreign = FollowUpStatus.objects.create(organisation=other_committee, label="Grön", tone="ok")
    with pytest.raises(services.FollowUpError):
        services.report(
            entry=entry_for(round_, activities[0]),
            status=foreign,
            narrative="x",
            version=1,
            by=coordinator,
        )


def test_closed_round_refuses_every_change(round_, activities, coordinator, staff):
    services.close_round(round=round_, by=coordinator)
    with pytest.raises(services.RoundClosed):
        services.report(
            entry=entry_for(round_, activities[0]),
            status=_status("Genomförd"),
            narrative="Sent",
            version=1,
            by=staff,
        )
    with pytest.raises(services.RoundClosed):
        services.update_comment(round=round_, comment="Sent", version=2, by=coordinator)
    with pytest.raises(services.RoundClosed):
        services.close_round(round=round_, by=coordinator)
    assert not round_.entries.filter(status__isnull=False).exists()


def test_staff_cannot_close_or_comment(round_, staff):
    with pytest.raises(PermissionDenied):
        services.close_round(round=round_, by=staff)
    with pytest.raises(PermissionDenied):
        services.update_comment(round=round_, comment="x", version=1, by=staff)


def test_comment_conflict(round_, coordinator):
    services.update_comment(round=round_, comment="Först", version=1, by=coordinator)
    with pytest.raises(services.EditConflict) as exc:
        services.update_comment(round=round_, comment="Sen", version=1, by=coordinator)
    assert [change.new for change in exc.value.changes] == ["Först"]
