"""An activity's status across rounds and across revisions, through the copy lineage."""

import datetime

import pytest
from django.urls import reverse

from followup import services
from followup.models import FollowUpStatus
from plans.models import PlanRevision
from tests.factories import ActionPlanFactory, ActivityFactory, ChapterFactory, PlanRevisionFactory

pytestmark = pytest.mark.django_db


def _report(round_, activity, label, narrative, by):
    entry = round_.entries.get(activity=activity)
    status = FollowUpStatus.objects.default_scale().get(label=label)
    services.report(entry=entry, status=status, narrative=narrative, version=1, by=by)


def _open(revision, kind, period, by):
    return services.open_round(
        revision=revision, kind=kind, period=period, deadline=datetime.date(2099, 1, 1), by=by
    )


@pytest.fixture
def lineage(committee, unit, coordinator):
    """The same activity in the 2019, 2020 and 2021 revisions, each followed up."""
    rev2019 = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    a2019 = ActivityFactory(
        chapter=ChapterFactory(revision=rev2019), text="Mötesplatser 2019", responsible_unit=unit
    )
    t1 = _open(rev2019, "tertial1", "Januari–april 2019", coordinator)
    _report(t1, a2019, "Ej påbörjad", "Inte startat ännu", coordinator)
    t2 = _open(rev2019, "tertial2", "Maj–augusti 2019", coordinator)
    _report(t2, a2019, "Pågående", "Första träffarna hölls", coordinator)
    rev2019.status = PlanRevision.Status.SUPERSEDED
    rev2019.save()

    rev2020 = PlanRevisionFactory(plan=rev2019.plan, year=2020, adopted=True, copied_from=rev2019)
    a2020 = ActivityFactory(
        chapter=ChapterFactory(revision=rev2020),
        text="Mötesplatser 2020",
        copied_from=a2019,
        responsible_unit=unit,
    )
    helar = _open(rev2020, "helar", "2020", coordinator)
    _report(helar, a2020, "Uppnått", "Fyra mötesplatser i gång", coordinator)
    rev2020.status = PlanRevision.Status.SUPERSEDED
    rev2020.save()

    rev2021 = PlanRevisionFactory(plan=rev2019.plan, year=2021, adopted=True, copied_from=rev2020)
    a2021 = ActivityFactory(
        chapter=ChapterFactory(revision=rev2021),
        text="Mötesplatser 2021",
        copied_from=a2020,
        responsible_unit=unit,
    )
    unrelated = ActivityFactory(chapter=ChapterFactory(revision=rev2021), text="Annan aktivitet")
    t1_2021 = _open(rev2021, "tertial1", "Januari–april 2021", coordinator)
    _report(t1_2021, unrelated, "Genomförd", "Ska inte synas", coordinator)
    return a2019, a2020, a2021


@pytest.mark.parametrize("start", [0, 1, 2])
def test_history_walks_up_and_down_the_lineage(client, lineage, coordinator, start):
    client.force_login(coordinator)
    html = client.get(reverse("followup:activity_history", args=[lineage[start].pk])).content.decode()
    texts = ["Inte startat ännu", "Första träffarna hölls", "Fyra mötesplatser i gång"]
    positions = [html.index(text) for text in texts]
    assert positions == sorted(positions)  # oldest first
    assert "Ej påbörjad" in html and "Pågående" in html and "Uppnått" in html
    assert "Ska inte synas" not in html
    # The 2021 activity is in an open round, not yet reported.
    assert "Ej rapporterad" in html
    assert "(3 st)" in html


def test_history_hides_other_organisations(client, lineage, other_coordinator):
    client.force_login(other_coordinator)
    assert client.get(reverse("followup:activity_history", args=[lineage[0].pk])).status_code == 404


def test_staff_sees_the_history_of_own_units_activity(client, lineage, staff):
    client.force_login(staff)
    html = client.get(reverse("followup:activity_history", args=[lineage[2].pk])).content.decode()
    assert "Fyra mötesplatser i gång" in html


@pytest.mark.parametrize("years", [2, 8])
def test_history_page_costs_the_same_queries_however_long_the_lineage(
    client, committee, unit, coordinator, years, django_assert_max_num_queries
):
    """The lineage is one recursive query (followup/selectors.py), not one query per year."""
    plan = ActionPlanFactory(organisation=committee)
    previous = None
    for offset in range(years):
        revision = PlanRevisionFactory(plan=plan, year=2011 + offset, adopted=True)
        if offset < years - 1:
            revision.status = PlanRevision.Status.SUPERSEDED
            revision.save()
        previous = ActivityFactory(
            chapter=ChapterFactory(revision=revision),
            text=f"År {offset}",
            copied_from=previous,
            responsible_unit=unit,
        )
    middle = previous.copied_from if years > 2 else previous
    client.force_login(coordinator)
    with django_assert_max_num_queries(9):
        html = client.get(reverse("followup:activity_history", args=[middle.pk])).content.decode()
    assert f"({years} st)" in html
