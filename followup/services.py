"""Every write of the follow-up: open a round, report on an activity, comment, close."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from documents.tasks import render_when_committed
from organisations import access
from organisations.access import Perm
from plans.models import Activity, PlanRevision

from .models import ActivityFollowUp, FollowUpRound, statuses_for


class FollowUpError(Exception):
    """A rule of the follow-up refused the action; the message is Swedish and meant for the user."""


class RevisionNotAdopted(FollowUpError):
    pass


class RoundClosed(FollowUpError):
    def __init__(self, round_=None):
        super().__init__("Uppföljningen är stängd. Inga ändringar kan göras.")


class Conflict(FollowUpError):
    """Someone else saved in between; `current` is what they saved."""

    def __init__(self, message, current):
        super().__init__(message)
        self.current = current


def _fmt_user(user) -> str:
    if user is None:
        return "okänd användare"
    return user.get_full_name() or user.username


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
    round_.save()
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
def report(*, entry, status, narrative, expected_version, by) -> ActivityFollowUp:
    """Record the status and narrative of one activity; refuses if the round is closed, the user may
    not report on this activity, the status is not on the organisation's scale, or someone else saved
    since `expected_version` (the conflict then shows what they saved)."""
    current = _locked_entry(entry)
    if not current.may_report(by):
        raise PermissionDenied
    if current.round.is_closed:
        raise RoundClosed(current.round)
    if status is not None and status.pk not in {s.pk for s in statuses_for(current.round.organisation)}:
        raise FollowUpError("Statusen finns inte i organisationens skala.")
    if current.version != expected_version:
        who = _fmt_user(current.reported_by)
        when = (
            timezone.localtime(current.reported_at).strftime("%Y-%m-%d %H:%M") if current.reported_at else ""
        )
        shown = current.status.label if current.status else "ingen status"
        raise Conflict(
            f"{who} sparade återrapporteringen {when} medan du skrev. Deras version: status ”{shown}”, "
            f"text ”{current.narrative}”. Se över din text och spara igen om den ska ersätta deras.",
            current,
        )
    current.status = status
    current.narrative = narrative
    current.reported_by = by
    current.reported_at = timezone.now()
    current.version += 1
    current._change_reason = "Återrapportering"
    current.save()
    return current


def _locked_round(round_) -> FollowUpRound:
    return (
        FollowUpRound.objects.select_for_update(of=("self",))
        .select_related("revision__plan__organisation")
        .get(pk=round_.pk)
    )


@transaction.atomic
def update_comment(*, round, comment, expected_version, by) -> FollowUpRound:
    """Save the samordnare's overall comment for the nämnd's report."""
    current = _locked_round(round)
    access.require(by, Perm.MANAGE_FOLLOWUP, current.organisation)
    if current.is_closed:
        raise RoundClosed(current)
    if current.version != expected_version:
        raise Conflict(
            f"Någon annan har ändrat den samlade kommentaren medan du skrev. Deras version: "
            f"”{current.overall_comment}”. Se över din text och spara igen om den ska ersätta deras.",
            current,
        )
    current.overall_comment = comment
    current.version += 1
    current._change_reason = "Samlad kommentar"
    current.save()
    return current


@transaction.atomic
def close_round(*, round, by) -> FollowUpRound:
    """Close the round: from now on its entries and comment are a frozen record."""
    current = _locked_round(round)
    access.require(by, Perm.MANAGE_FOLLOWUP, current.organisation)
    if current.is_closed:
        raise RoundClosed(current)
    current.status = FollowUpRound.Status.CLOSED
    current.closed_by = by
    current.closed_at = timezone.now()
    current.version += 1
    current._change_reason = "Uppföljning stängd"
    current.save()
    render_when_committed("followup.FollowUpRound", current.pk)
    return current
