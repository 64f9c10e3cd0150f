import pytest

from plans.models import Chapter
from tests.factories import ActionPlanFactory, ActivityFactory, ChapterFactory, PlanRevisionFactory


@pytest.fixture
def plan(committee):
    return ActionPlanFactory(organisation=committee)


@pytest.fixture
def draft(plan):
    """A draft revision of the committee's plan with a prose chapter and an activity chapter."""
    revision = PlanRevisionFactory(plan=plan, year=2020)
    ChapterFactory(
        revision=revision, order=1, heading="Inledning och syfte", kind=Chapter.Kind.PROSE, body="Text."
    )
    chapter = ChapterFactory(revision=revision, order=2, heading="Förebyggande arbete")
    ActivityFactory(chapter=chapter, order=1, text="Föräldraträffar om nätet")
    ActivityFactory(chapter=chapter, order=2, text="Utbildning för fritidsledare")
    return revision


@pytest.fixture
def adopted(plan):
    revision = PlanRevisionFactory(plan=plan, year=2019, adopted=True)
    chapter = ChapterFactory(revision=revision, order=1, heading="Förebyggande arbete")
    ActivityFactory(chapter=chapter, order=1, text="Föräldraträffar om nätet")
    ActivityFactory(chapter=chapter, order=2, text="Dialogmöten med föreningar")
    return revision
