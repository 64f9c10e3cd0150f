"""Every write to the meeting calendar: create, edit (versioned), import a year, the nämnd's rule.

Each service checks `Perm.MANAGE_MEETINGS` through the permission layer, runs in one transaction and
leaves a change reason and the user in the history; edits go through the versioned-edit kernel
(`organisations.editing`).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organisations import access, editing
from organisations.access import Action, Perm

from .models import Meeting, MeetingRule

MEETING_FIELDS = ("date", "starts_at", "place", "papers_due_override")


class MeetingError(Exception):
    """A calendar rule refused the change; the message is Swedish and shown to the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _require(by, organisation):
    access.require(by, Perm.MANAGE_MEETINGS, organisation)
    if organisation.kind != organisation.Kind.COMMITTEE:
        raise MeetingError("Sammanträden kan bara läggas in för en nämnd.")


def _check_day(meeting) -> None:
    clash = Meeting.objects.filter(organisation=meeting.organisation_id, date=meeting.date)
    if clash.exclude(pk=meeting.pk).exists():
        raise _taken(meeting.date)


def _taken(date) -> MeetingError:
    return MeetingError(f"Nämnden har redan ett sammanträde {date.isoformat()}.")


def _save(meeting, reason: str, by) -> None:
    _check_day(meeting)
    try:
        meeting.full_clean()
    except ValidationError:
        # A colleague (or a double submit) took the day between the check above and the model's own
        # constraint check: a MeetingError (a form error), never a 500.
        _check_day(meeting)
        raise
    try:
        # A double submit (or a colleague) passed the check above at the same moment: the constraint says no.
        with transaction.atomic():
            editing.save_tracked(meeting, by=by, reason=reason)
    except IntegrityError:
        raise _taken(meeting.date) from None


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
    _save(meeting, "Sammanträdet lades in", by)
    return meeting


@transaction.atomic
def update_meeting(*, meeting: Meeting, data: dict, version, by) -> Meeting:
    """Move or change a meeting through the edit kernel (refused with `EditConflict` if someone saved it
    since `version`). Everything placed on the meeting follows: its deadlines are computed from it."""
    locked = editing.lock(meeting, "organisation")
    access.require_can(by, Action.CHANGE, locked)
    editing.check_version(locked, version, what="Sammanträdet", fields=MEETING_FIELDS)
    date = data.get("date", locked.date)
    if Meeting.objects.filter(organisation=locked.organisation_id, date=date).exclude(pk=locked.pk).exists():
        raise _taken(date)
    try:
        with transaction.atomic():  # another meeting moved to the same day at the same moment
            return editing.update(
                locked,
                data=data,
                version=version,
                by=by,
                reason="Sammanträdet ändrades",
                what="Sammanträdet",
                fields=MEETING_FIELDS,
            )
    except IntegrityError:
        raise _taken(date) from None
    except ValidationError:  # the day was taken between the check above and the model's own check
        _check_day(Meeting(pk=locked.pk, organisation_id=locked.organisation_id, date=date))
        raise


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
        _save(meeting, "Sammanträdet importerades", by)
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
    return editing.save_tracked(rule, by=by, reason="Regeln för handlingar ändrades")
