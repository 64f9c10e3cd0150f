"""Demo placements: Skärholmen's 2020 draft goes to the nämnd on 2020-05-21 and the open helår
follow-up of 2019 reports to the meeting of 2020-02-20. Runs after the plans and follow-up demos."""

import datetime

from django.db import transaction

from followup.models import FollowUpRound
from meetings.models import Meeting
from organisations.demo import organisation
from plans.models import PlanRevision


def _place(obj, meeting):
    if obj is not None and obj.meeting_id != meeting.pk:
        obj.meeting = meeting
        obj._change_reason = f"Demodata: placerad på sammanträdet {meeting.date.isoformat()}"
        obj.save()


@transaction.atomic
def load() -> None:
    skarholmen = organisation("skarholmen")
    meetings = {m.date: m for m in Meeting.objects.filter(organisation=skarholmen)}
    draft = PlanRevision.objects.filter(
        plan__organisation=skarholmen, status=PlanRevision.Status.DRAFT
    ).first()
    _place(draft, meetings[datetime.date(2020, 5, 21)])
    annual = FollowUpRound.objects.filter(
        revision__plan__organisation=skarholmen,
        kind=FollowUpRound.Kind.ANNUAL,
        status=FollowUpRound.Status.OPEN,
    ).first()
    _place(annual, meetings[datetime.date(2020, 2, 20)])
