"""The follow-up groups by responsible unit (an organisation), in the tree's order, like the seed."""

import datetime

import pytest
from django.core.management import call_command

from followup import selectors
from followup.models import ActivityFollowUp, FollowUpRound
from organisations.demo import organisation
from organisations.models import Organisation
from plans.models import Activity, PlanRevision
from tests.factories import ActivityFactory, ChapterFactory, OrganisationFactory, PlanRevisionFactory

pytestmark = pytest.mark.django_db


def _entries(activities):
    revision = activities[0].chapter.revision
    round_ = FollowUpRound.objects.create(
        revision=revision, kind="helar", period="2019", deadline=datetime.date(2099, 1, 1)
    )
    return [ActivityFollowUp.objects.create(round=round_, activity=a) for a in activities]


def test_free_text_variants_of_one_unit_make_one_group_in_tree_order(committee):
    # Created out of tree order: the later sibling first, then a unit under the earlier one.
    first = OrganisationFactory(name="Avdelning Ö", kind=Organisation.Kind.UNIT, parent=committee)
    second = OrganisationFactory(name="Avdelning A", kind=Organisation.Kind.UNIT, parent=committee)
    chapter = ChapterFactory(revision=PlanRevisionFactory(plan__organisation=committee, adopted=True))
    activities = [
        ActivityFactory(chapter=chapter, responsible="Preventionssamordnare", responsible_unit=second),
        ActivityFactory(chapter=chapter, responsible="Preventionssamordnaren", responsible_unit=second),
        ActivityFactory(chapter=chapter, responsible="Alla", responsible_unit=first),
        ActivityFactory(chapter=chapter, responsible="Någon", responsible_unit=None),
    ]
    groups = selectors.report_groups(_entries(activities), datetime.date(2019, 1, 1))
    assert [(g["label"], len(g["entries"])) for g in groups] == [
        ("Avdelning Ö", 1),
        ("Avdelning A", 2),
        ("Ansvarig enhet saknas", 1),
    ]


def test_every_demo_activity_names_its_responsible_unit_under_its_own_organisation():
    call_command("load_demo")
    activities = Activity.objects.select_related("chapter__revision__plan__organisation", "responsible_unit")
    assert activities.count() > 60
    for activity in activities:
        unit = activity.responsible_unit
        plan_org = activity.chapter.revision.plan.organisation
        assert unit is not None, activity.text
        assert unit.kind == Organisation.Kind.UNIT and unit.path.startswith(plan_org.path), activity.text
    # Hässelby-Vällingby's 22 activities fall into its units, not 16 free-text groups.
    hv = PlanRevision.objects.get(plan__organisation=organisation("hv"), year=2018)
    units = set(Activity.objects.filter(chapter__revision=hv).values_list("responsible_unit", flat=True))
    assert len(units) == 2
