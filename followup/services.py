"""Every write of the follow-up: open a round, report on an activity, comment, close."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from documents.tasks import render_when_committed
from organisations import access, editing
from organisations.access import Action, Perm
from organisations.editing import EditConflict
from plans.models import Activity, PlanRevision

from .errors import FollowUpError, RoundClosed
from .models import ActivityFollowUp, FollowUpRound, IndicatorValue, statuses_for

__all__ = ["EditConflict", "FollowUpError", "RevisionNotAdopted", "RoundClosed"]


class RevisionNotAdopted(FollowUpError):
    pass


REPORT_FIELDS = ("status", "narrative")


@transaction.atomic
def open_round(*, revision, kind, period, deadline, by) -> FollowUpRound:
    """Open a follow-up round on an adopted revision with one unreported entry per activity."""
    revision = (
        PlanRevision.objects.select_for_update().select_related("plan__organisation").get(pk=revision.pk)
    )
    access.require(by, Perm.MANAGE_FOLLOWUP, revision.plan.organisation)
    if revision.status != PlanRevision.Status.ADOPTED:
        raise RevisionNotAdopted("En uppföljning kan bara öppnas på en antagen handlingsplan.")
    round_ = FollowUpRound(revision=revision, kind=kind, period=period, deadline=deadline, opened_by=by)
    round_._change_reason = "Uppföljning öppnad"
    try:
        with transaction.atomic():
            round_.save()
    except IntegrityError:  # the same round opened by a double submit or a colleague
        raise FollowUpError(
            f"Det finns redan en uppföljning {round_.get_kind_display().lower()} {period} av den här planen."
        ) from None
    activities = Activity.objects.filter(chapter__revision=revision).order_by("pk")
    entries = [ActivityFollowUp(round=round_, activity=activity) for activity in activities]
    bulk_create_with_history(
        entries, ActivityFollowUp, default_user=by, default_change_reason="Uppföljning öppnad"
    )
    return round_


def _locked_entry(entry) -> ActivityFollowUp:
    return (
        ActivityFollowUp.objects.select_for_update(of=("self",))
        .select_related("round__revision__plan__organisation", "activity__responsible_unit", "status")
        .get(pk=entry.pk)
    )


@transaction.atomic
def report(*, entry, status, narrative, version, by, indicator_values=None) -> ActivityFollowUp:
    """Record the status and narrative of one activity; refuses if the round is closed, the user may
    not report on this activity, the status is not on the organisation's scale, or someone else saved
    since `version` (EditConflict)."""
    current = _locked_entry(entry)
    access.require_can(by, Action.REPORT, current)
    if status is not None and status.pk not in {s.pk for s in statuses_for(current.round.organisation)}:
        raise FollowUpError("Statusen finns inte i organisationens skala.")
    what = "Återrapporteringen"
    editing.check_version(current, version, what=what, fields=REPORT_FIELDS)
    current.reported_by = by
    current.reported_at = timezone.now()
    data = {"status": status, "narrative": narrative}
    current = editing.update(
        current, data=data, version=version, by=by, reason="Återrapportering", what=what, fields=REPORT_FIELDS
    )
    _save_indicator_values(current, indicator_values or {})
    return current


def _save_indicator_values(entry, values) -> None:
    """Values of the activity's indicators in this round; an emptied value removes the round's value."""
    existing = {
        v.indicator_id: v for v in entry.round.indicator_values.filter(indicator__activity=entry.activity)
    }
    for indicator, (value, assessment) in values.items():
        if indicator.activity_id != entry.activity_id:
            raise FollowUpError("Indikatorn hör inte till aktiviteten.")
        row = existing.get(indicator.pk)
        if value is None:
            if row is not None:
                row._change_reason = "Indikatorvärde borttaget"
                row.delete()
            continue
        if row is None:
            row = IndicatorValue(round=entry.round, indicator=indicator, value=value, assessment=assessment)
        elif (row.value, row.assessment) == (value, assessment):
            continue
        else:
            row.value, row.assessment = value, assessment
            row.version += 1
        row.full_clean()
        row._change_reason = "Indikatorvärde rapporterat"
        row.save()


def _locked_round(round_) -> FollowUpRound:
    return (
        FollowUpRound.objects.select_for_update(of=("self",))
        .select_related("revision__plan__organisation")
        .get(pk=round_.pk)
    )


@transaction.atomic
def update_comment(*, round, comment, version, by) -> FollowUpRound:
    """Save the samordnare's overall comment for the nämnd's report."""
    current = _locked_round(round)
    access.require_can(by, Action.CHANGE, current)
    return editing.update(
        current,
        data={"overall_comment": comment},
        version=version,
        by=by,
        reason="Samlad kommentar",
        what="Den samlade kommentaren",
        fields=("overall_comment",),
    )


@transaction.atomic
def close_round(*, round, by) -> FollowUpRound:
    """Close the round: from now on its entries and comment are a frozen record."""
    current = _locked_round(round)
    access.require_can(by, Action.DECIDE, current)
    current.status = FollowUpRound.Status.CLOSED
    current.closed_by = by
    current.closed_at = timezone.now()
    current.version += 1
    closed = editing.save_tracked(current, by=by, reason="Uppföljning stängd")
    render_when_committed("followup.FollowUpRound", closed.pk)
    return closed


@transaction.atomic
def place_round(*, round, meeting, by) -> FollowUpRound:
    """Put the round on the meeting it reports to: its entries are then due by that meeting's rule (and
    move with it). `None` falls back to the round's own deadline."""
    locked = _locked_round(round)
    access.require_can(by, Action.PLACE, locked)
    if meeting is not None and not meeting.serves(locked.organisation):
        raise FollowUpError("Sammanträdet hör inte till nämnden som uppföljningen rapporteras till.")
    locked.meeting = meeting
    reason = f"Placerad på sammanträdet {meeting.date.isoformat()}" if meeting else "Ej placerad"
    return editing.save_tracked(locked, by=by, reason=reason)
