import datetime

import pytest
from django.core.management import call_command

from deadlines.selectors import deadlines_for
from meetings.models import Meeting
from organisations.models import Organisation
from plans.models import PlanRevision

pytestmark = pytest.mark.django_db
D = datetime.date


def test_demo_calendars_follow_the_seeds_and_the_demo_years(django_user_model):
    call_command("load_demo")
    call_command("load_demo")  # idempotent
    lulea = Organisation.objects.get(name="Socialnämnden")
    sn_2026 = Meeting.objects.with_rule().filter(organisation=lulea, date__year=2026)
    # The seed's SN column: January 29 ... December 17, no meeting in July, at 08:15.
    assert [m.date for m in sn_2026] == [
        D(2026, 1, 29), D(2026, 2, 26), D(2026, 3, 26), D(2026, 4, 27), D(2026, 5, 28), D(2026, 6, 18),
        D(2026, 8, 27), D(2026, 9, 24), D(2026, 10, 29), D(2026, 11, 26), D(2026, 12, 17),
    ]  # fmt: skip
    assert {m.starts_at for m in sn_2026} == {datetime.time(8, 15)}
    assert sn_2026.get(date=D(2026, 4, 27)).papers_due == D(2026, 4, 2)  # the budget day's own date
    assert Meeting.objects.filter(organisation=lulea, date__year=2022).count() == 11
    skarholmen = Organisation.objects.get(name="Skärholmens stadsdelsnämnd")
    assert {m.date.year for m in Meeting.objects.filter(organisation=skarholmen)} == {2019, 2020}
    draft = PlanRevision.objects.get(plan__organisation=skarholmen, status=PlanRevision.Status.DRAFT)
    assert draft.meeting.date == D(2020, 5, 21) and draft.papers_due == D(2020, 5, 7)
    assert skarholmen.publishes_publicly and lulea.publishes_publicly
    secretary = django_user_model.objects.get(username="sekreterare")
    keys = {item.key for item in deadlines_for(secretary, today=D(2020, 5, 1))}
    assert f"revision:{draft.pk}" in keys
