"""Every write to the meeting calendar: create, edit (versioned), import a year, the nämnd's rule.

Each service checks `Perm.MANAGE_MEETINGS` through the permission layer, runs in one transaction and
leaves a change reason in the history.
"""

from django.db import transaction

from organisations import access
from organisations.access import Perm

from .models import Meeting, MeetingRule

MEETING_FIELDS = ("date", "starts_at", "place", "papers_due_override")


class MeetingError(Exception):
    """A calendar rule refused the change; the message is Swedish and shown to the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class MeetingConflict(MeetingError):
    """Someone saved the meeting after the user opened it: nothing was overwritten."""


def _require(by, organisation):
    access.require(by, Perm.MANAGE_MEETINGS, organisation)
    if organisation.kind != organisation.Kind.COMMITTEE:
        raise MeetingError("Sammanträden kan bara läggas in för en nämnd.")


def _save(meeting, reason: str) -> None:
    clash = Meeting.objects.filter(organisation=meeting.organisation_id, date=meeting.date)
    if clash.exclude(pk=meeting.pk).exists():
        raise MeetingError(f"Nämnden har redan ett sammanträde {meeting.date.isoformat()}.")
    meeting.full_clean()
    meeting._change_reason = reason
    meeting.save()


@transaction.atomic
def create_meeting(*, organisation, date, by, starts_at=None, place="", papers_due_override=None) -> Meeting:
    """Add one meeting to the nämnd's calendar."""
    _require(by, organisation)
    meeting = Meeting(
        organisation=organisation,
        date=date,
        starts_at=starts_at,
        place=place,
        papers_due_override=papers_due_override,
    )
    _save(meeting, "Sammanträdet lades in")
    return meeting


@transaction.atomic
def update_meeting(*, meeting: Meeting, data: dict, version: int, by) -> Meeting:
    """Move or change a meeting; refused if someone saved it since `version`. Everything placed on the
    meeting follows, because its deadlines are computed from the meeting."""
    locked = Meeting.objects.select_related("organisation").select_for_update().get(pk=meeting.pk)
    _require(by, locked.organisation)
    if locked.version != version:
        raise MeetingConflict(
            f"Sammanträdet {locked.date.isoformat()} har ändrats av någon annan medan du redigerade. "
            "Dina ändringar har inte sparats. Läs in sidan igen och gör om dem."
        )
    for name in MEETING_FIELDS:
        if name in data:
            setattr(locked, name, data[name])
    locked.version += 1
    _save(locked, "Sammanträdet ändrades")
    return locked


@transaction.atomic
def import_meetings(*, organisation, rows, by) -> list[Meeting]:
    """Create every parsed meeting row or none (rows come from `meetings.importer.read_meetings`)."""
    _require(by, organisation)
    existing = set(Meeting.objects.filter(organisation=organisation).values_list("date", flat=True))
    clashes = [row for row in rows if row.date in existing]
    if clashes:
        lines = ", ".join(f"rad {row.line} ({row.date.isoformat()})" for row in clashes)
        raise MeetingError(f"Det finns redan sammanträden de här dagarna: {lines}. Inget importerades.")
    created = []
    for row in rows:
        meeting = Meeting(
            organisation=organisation,
            date=row.date,
            starts_at=row.starts_at,
            place=row.place,
            papers_due_override=row.papers_due,
        )
        _save(meeting, "Sammanträdet importerades")
        created.append(meeting)
    return created


@transaction.atomic
def set_rule(*, organisation, papers_days_before: int, followup_days_before_papers: int, by) -> MeetingRule:
    """Set the nämnd's rule for the last day of papers and of follow-up."""
    _require(by, organisation)
    rule = MeetingRule.objects.select_for_update().filter(organisation=organisation).first()
    if rule is None:
        rule = MeetingRule(organisation=organisation)
    else:
        rule.version += 1
    rule.papers_days_before = papers_days_before
    rule.followup_days_before_papers = followup_days_before_papers
    rule.full_clean()
    rule._change_reason = "Regeln för handlingar ändrades"
    rule.save()
    return rule
