"""Who sees which revisions and activities, through the QuerySets that every view uses."""

import pytest

from plans.models import Activity, PlanRevision
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def revisions(committee, other_committee):
    draft = PlanRevisionFactory(plan__organisation=committee, year=2020)
    adopted = PlanRevisionFactory(plan=draft.plan, year=2019, adopted=True)
    foreign = PlanRevisionFactory(plan__organisation=other_committee, year=2019, adopted=True)
    return draft, adopted, foreign


def test_staff_sees_adopted_revisions_of_own_tree_only(staff, revisions):
    draft, adopted, foreign = revisions
    assert set(PlanRevision.objects.visible_to(staff)) == {adopted}


def test_coordinator_sees_drafts_of_own_organisation(coordinator, revisions):
    draft, adopted, foreign = revisions
    assert set(PlanRevision.objects.visible_to(coordinator)) == {draft, adopted}


def test_central_sees_every_revision_below(central, revisions):
    assert set(PlanRevision.objects.visible_to(central)) == set(revisions)


def test_activity_visibility_follows_revision(staff, revisions):
    draft, adopted, foreign = revisions
    visible = ActivityFactory(chapter=ChapterFactory(revision=adopted))
    ActivityFactory(chapter=ChapterFactory(revision=draft))
    ActivityFactory(chapter=ChapterFactory(revision=foreign))
    assert list(Activity.objects.visible_to(staff)) == [visible]


def test_adoption_line_reads_like_the_seeds(committee):
    revision = PlanRevisionFactory(plan__organisation=committee, adopted=True)
    assert revision.adoption_line == "Antagen av Norra stadsdelsnämnden 2019-05-23 § 12, dnr 1.2.3-456/2019"
