import datetime

import pytest
from django.urls import reverse

from followup import services as followup_services
from meetings import services as meeting_services
from plans import services as plan_services
from plans.models import PlanRevision
from situation import services as situation_services
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    ActivityFollowUpFactory,
    ChapterFactory,
    FollowUpRoundFactory,
    MeetingFactory,
    PlanRevisionFactory,
    SituationPictureFactory,
)

D = datetime.date


@pytest.fixture
def meeting(committee):
    return MeetingFactory(organisation=committee, date=D(2026, 4, 27))


@pytest.fixture
def draft(committee):
    return PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2026)


def test_papers_of_a_placed_draft_follow_the_meeting_when_it_moves(secretary, draft, meeting):
    plan_services.place_revision(revision=draft, meeting=meeting, by=secretary)
    draft = PlanRevision.objects.get(pk=draft.pk)
    assert draft.papers_due == D(2026, 4, 13)
    meeting_services.update_meeting(meeting=meeting, data={"date": D(2026, 5, 28)}, version=1, by=secretary)
    assert PlanRevision.objects.get(pk=draft.pk).papers_due == D(2026, 5, 14)
    assert draft.history.first().history_change_reason == "Placerad på sammanträdet 2026-04-27"


def test_follow_up_entries_are_due_before_the_papers_and_move_with_the_meeting(
    coordinator, secretary, committee, unit, meeting
):
    adopted = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2025, adopted=True)
    activity = ActivityFactory(chapter=ChapterFactory(revision=adopted), responsible_unit=unit)
    round_ = FollowUpRoundFactory(revision=adopted, deadline=D(2026, 12, 31))
    entry = ActivityFollowUpFactory(round=round_, activity=activity)
    followup_services.place_round(round=round_, meeting=meeting, by=coordinator)
    round_.refresh_from_db()
    assert round_.effective_deadline == D(2026, 4, 6)  # papers 2026-04-13, follow-up 7 days before
    entry.refresh_from_db()
    assert entry.is_overdue(D(2026, 4, 7)) and not entry.is_overdue(D(2026, 4, 6))
    meeting_services.update_meeting(
        meeting=meeting, data={"papers_due_override": D(2026, 4, 20)}, version=1, by=secretary
    )
    round_.refresh_from_db()
    assert round_.effective_deadline == D(2026, 4, 13)


def test_a_lagesbild_is_placed_on_the_meeting_where_it_is_fastställd(coordinator, committee, meeting):
    picture = SituationPictureFactory(organisation=committee, year=2026)
    situation_services.place_picture(picture=picture, meeting=meeting, by=coordinator)
    picture.refresh_from_db()
    assert picture.papers_due == D(2026, 4, 13)


def test_a_meeting_of_another_nambd_is_refused(secretary, draft, other_committee):
    foreign = MeetingFactory(organisation=other_committee)
    with pytest.raises(plan_services.PlanError, match="hör inte till nämnden"):
        plan_services.place_revision(revision=draft, meeting=foreign, by=secretary)
    draft.refresh_from_db()
    assert draft.meeting is None


def test_an_adopted_revision_cannot_be_placed(secretary, committee, meeting):
    adopted = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2025, adopted=True)
    with pytest.raises(plan_services.RevisionFrozen):
        plan_services.place_revision(revision=adopted, meeting=meeting, by=secretary)


def test_secretary_places_the_draft_from_its_page(client, secretary, draft, meeting):
    client.force_login(secretary)
    page = client.get(reverse("plans:revision_detail", args=[draft.pk])).content.decode()
    assert "Spara placering" in page and "handlingar senast 2026-04-13" in page
    response = client.post(reverse("plans:revision_place", args=[draft.pk]), {"meeting": meeting.pk})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.meeting == meeting
    page = client.get(reverse("plans:revision_detail", args=[draft.pk])).content.decode()
    assert "Sista dag för handlingar: <strong>2026-04-13</strong>" in page


def test_staff_is_not_offered_placement(client, staff, committee, meeting):
    adopted = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2025, adopted=True)
    client.force_login(staff)
    page = client.get(reverse("plans:revision_detail", args=[adopted.pk])).content.decode()
    assert "Spara placering" not in page
