"""Helpers shared by the plan tests."""

import datetime

from plans import services


def adopt(revision, by, year):
    """The nämnd adopts `revision` on 23 May of `year`, recorded by `by` (a nämndsekreterare)."""
    services.adopt_revision(
        revision=revision,
        decided_by="Nämnden",
        decided_on=datetime.date(year, 5, 23),
        paragraph="7",
        diary_number=f"1/{year}",
        by=by,
    )
