"""The progress and report pages run the same number of queries for 5 and for 60 activities."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followup import services
from followup.models import FollowUpStatus
from organisations.models import Organisation
from plans.models import ActionPlan
from tests.factories import (
    ActivityFactory,
    ChapterFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    OrganisationFactory,
    PlanRevisionFactory,
)

pytestmark = pytest.mark.django_db

# session, user, memberships, round, entries (+ on the report page: the status scale, and indicators,
# their targets and their values)
PINNED = 5


def _round(committee, coordinator, count):
    plan, _ = ActionPlan.objects.get_or_create(organisation=committee)
    revision = PlanRevisionFactory(plan=plan, year=2000 + count, adopted=True)
    units = [
        OrganisationFactory(parent=committee, kind=Organisation.Kind.UNIT, name=f"Enhet {count}-{n}")
        for n in range(3)
    ]
    chapters = [ChapterFactory(revision=revision) for _ in range(2)]
    activities = [
        ActivityFactory(chapter=chapters[n % 2], responsible_unit=units[n % 3] if n % 4 else None)
        for n in range(count)
    ]
    for activity in activities:  # indicators with a target each: the report reads them in fixed queries
        IndicatorTargetFactory(indicator=IndicatorFactory(activity=activity), year=revision.year)
    round_ = services.open_round(
        revision=revision, kind="helar", period=str(count), deadline=datetime.date(2020, 1, 1), by=coordinator
    )
    scale = list(FollowUpStatus.objects.default_scale())
    for n, entry in enumerate(round_.entries.all()):
        if n % 3:
            services.report(
                entry=entry,
                status=scale[n % len(scale)],
                narrative="Text",
                version=1,
                by=coordinator,
            )
    return round_, activities


# round_detail: +1 for the meetings offered in the "place on a meeting" form;
# round_report: +4 for the indicators (it shows no meetings).
@pytest.mark.parametrize(("name", "extra"), [("followup:round_detail", 1), ("followup:round_report", 4)])
def test_page_query_count_does_not_grow(
    client, committee, coordinator, name, extra, django_assert_num_queries
):
    small, _ = _round(committee, coordinator, 5)
    large, _ = _round(committee, coordinator, 60)
    client.force_login(coordinator)
    counts = []
    for round_ in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse(name, args=[round_.pk]))
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == PINNED + extra
    assert response.content.decode().count("<tr") >= 60


def test_my_entries_and_overview_query_counts_are_fixed(client, committee, coordinator, central):
    _round(committee, coordinator, 5)
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("followup:my_entries"))
    _round(committee, coordinator, 40)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("followup:my_entries"))
    assert len(small.captured_queries) == len(large.captured_queries)
    client.force_login(central)
    with CaptureQueriesContext(connection) as overview:
        client.get(reverse("followup:overview"))
    assert len(overview.captured_queries) <= 8
