import datetime
from types import SimpleNamespace

import pytest

from followup import services as followup_services
from plans import services as plan_services
from situation import services as situation_services
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    ActivityFollowUpFactory,
    ChapterFactory,
    FollowUpRoundFactory,
    MeetingFactory,
    OrganisationFactory,
    PlanRevisionFactory,
    SituationPictureFactory,
    member,
)

TODAY = datetime.date(2026, 4, 1)


def _committee_year(committee, unit, coordinator, meeting_date, round_deadline):
    """A nämnd's year: an adopted plan with a follow-up round, a draft and a lägesbild on a meeting."""
    adopted = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2025, adopted=True)
    chapter = ChapterFactory(revision=adopted)
    mine = ActivityFactory(
        chapter=chapter, text=f"Föräldraträffar {committee.short_name}", responsible_unit=unit
    )
    other = ActivityFactory(chapter=chapter, text=f"Dialogmöten {committee.short_name}")
    round_ = FollowUpRoundFactory(revision=adopted, deadline=round_deadline)
    entries = [ActivityFollowUpFactory(round=round_, activity=a) for a in (mine, other)]
    draft = PlanRevisionFactory(plan=adopted.plan, year=2026)
    picture = SituationPictureFactory(organisation=committee, year=2026)
    meeting = MeetingFactory(organisation=committee, date=meeting_date)
    plan_services.place_revision(revision=draft, meeting=meeting, by=coordinator)
    situation_services.place_picture(picture=picture, meeting=meeting, by=coordinator)
    return SimpleNamespace(
        adopted=adopted, round=round_, entry=entries[0], draft=draft, picture=picture, meeting=meeting
    )


@pytest.fixture
def year(municipality, committee, unit, other_committee, coordinator, secretary, staff):
    """Norra: round overdue (deadline passed), draft and lägesbild on a meeting 2026-04-23 (papers
    2026-04-09). Södra: the same, later (meeting 2026-05-28). Emails set for every role."""
    other_unit = OrganisationFactory(
        name="Södra enheten", short_name="SodraE", kind="enhet", parent=other_committee
    )
    other_coordinator = member("samordnare", other_committee, username="samordnare-sodra")
    central = member("central_samordnare", municipality, username="central-test")
    for user in (coordinator, secretary, staff, other_coordinator, central):
        user.email = f"{user.username}@example.se"
        user.save()
    norra = _committee_year(
        committee, unit, coordinator, datetime.date(2026, 4, 23), datetime.date(2026, 3, 20)
    )
    sodra = _committee_year(
        other_committee, other_unit, other_coordinator, datetime.date(2026, 5, 28), datetime.date(2026, 5, 1)
    )
    followup_services.place_round(round=sodra.round, meeting=sodra.meeting, by=other_coordinator)
    return SimpleNamespace(
        norra=norra,
        sodra=sodra,
        coordinator=coordinator,
        secretary=secretary,
        staff=staff,
        central=central,
        other_coordinator=other_coordinator,
    )
