"""Demo sammanträdesordningar: Skärholmens stadsdelsnämnd 2019–2020 and Luleå socialnämnd 2022 and 2026.

Luleå 2026 is the socialnämnd's (SN) column of the sammanträdesordning in the seed
(lulea-socialnamnd-handlingar-2025-och-lagesbild-2022.txt), meetings at 08:15. The other years are
invented in the same rhythm: one meeting a month except July. Safe to run again.
"""

import datetime

from django.db import transaction

from organisations.demo import organisation

from .models import Meeting, MeetingRule

LULEA_2026 = {1: 29, 2: 26, 3: 26, 4: 27, 5: 28, 6: 18, 8: 27, 9: 24, 10: 29, 11: 26, 12: 17}
# Stockholm's stadsdelsnämnder meet on a Thursday evening, roughly monthly.
SKARHOLMEN = {
    2019: {1: 31, 2: 21, 3: 21, 4: 25, 5: 23, 6: 13, 8: 29, 9: 26, 10: 24, 11: 21, 12: 12},
    2020: {1: 30, 2: 20, 3: 19, 4: 23, 5: 21, 6: 11, 8: 27, 9: 24, 10: 22, 11: 19, 12: 10},
}
LULEA_2022 = {1: 27, 2: 24, 3: 31, 4: 28, 5: 25, 6: 16, 8: 25, 9: 29, 10: 27, 11: 24, 12: 15}


def _calendar(org, year, days, *, time, place):
    for month, day in days.items():
        meeting = Meeting.objects.filter(organisation=org, date=datetime.date(year, month, day)).first()
        if meeting is None:
            meeting = Meeting(
                organisation=org, date=datetime.date(year, month, day), starts_at=time, place=place
            )
            meeting._change_reason = "Demodata: sammanträdesordning"
            meeting.full_clean()
            meeting.save()


@transaction.atomic
def load() -> None:
    skarholmen = organisation("skarholmen")
    lulea = organisation("lulea-soc")
    MeetingRule.objects.get_or_create(
        organisation=skarholmen, defaults={"papers_days_before": 14, "followup_days_before_papers": 7}
    )
    # The seed's nämnd works with the papers three weeks ahead (arbetsutskottet meets two weeks before).
    MeetingRule.objects.get_or_create(
        organisation=lulea, defaults={"papers_days_before": 21, "followup_days_before_papers": 10}
    )
    for year, days in SKARHOLMEN.items():
        _calendar(
            skarholmen,
            year,
            days,
            time=datetime.time(18, 30),
            place="Skärholmens stadsdelsförvaltning, Nämndsalen",
        )
    _calendar(lulea, 2022, LULEA_2022, time=datetime.time(8, 15), place="Stadshuset, Luleå")
    _calendar(lulea, 2026, LULEA_2026, time=datetime.time(8, 15), place="Stadshuset, Luleå")
    # The seed: "Avvikande mötesdag pga budgetdag för samtliga nämnder" (2026-04-27): papers due earlier.
    budget_day = Meeting.objects.get(organisation=lulea, date=datetime.date(2026, 4, 27))
    if budget_day.papers_due_override is None:
        budget_day.papers_due_override = datetime.date(2026, 4, 2)
        budget_day._change_reason = "Demodata: avvikande mötesdag"
        budget_day.save()
