"""What the ärende (tjänsteutlåtande) of a follow-up report says: the follow-up round's CaseSubject.

The ärende itself (model, save, form, page, documents) is documents.cases. It presents the report to
the nämnd; it is frozen when the round is closed (its access policy is the round's), and its documents
are stored with the report by the closing task.
"""

from django.urls import reverse
from django.utils import timezone

from documents import registry
from documents.cases import dated, memo_line
from documents.registry import CaseSubject

from .models import FollowUpRound, statuses_for
from .selectors import status_summary


def _activities(count: int) -> str:
    return f"{count} aktivitet" if count == 1 else f"{count} aktiviteter"


def _closed_on(round_: FollowUpRound):
    return round_.closed_at and timezone.localdate(round_.closed_at)


def _round_name(round_: FollowUpRound) -> str:
    return f"{round_.get_kind_display().lower()}, {round_.period}"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} och {parts[-1]}"


def prefilled_summary(round_: FollowUpRound, deciding: str) -> str:
    """Sammanfattning from the round: how many activities, and how many have each status."""
    revision = round_.revision
    entries = list(round_.entries.select_related("status"))
    summary = status_summary(entries, statuses_for(round_.organisation))
    reported = [
        f"{count} status ”{status.label}”" for status, count in summary if status is not None and count
    ]
    missing = sum(count for status, count in summary if status is None)
    counts = f"Uppföljningen omfattar {_activities(len(entries))}."
    if reported:
        counts += f" Av dem har {_and(reported)}."
    if missing:
        counts += f" {missing} är inte rapporterad{'e' if missing > 1 else ''}."
    paragraphs = [
        f"Förvaltningen redovisar uppföljningen ({_round_name(round_)}) av handlingsplanen mot "
        f"våldsbejakande extremism för {revision.year} för {deciding}.",
        counts,
        "De ansvariga enheterna återrapporterar sina aktiviteter; rapporten redovisar dem grupperade per "
        "ansvarig enhet.",
    ]
    return "\n\n".join(paragraphs)


def prefill(round_: FollowUpRound, deciding: str) -> dict:
    units = sorted(
        set(
            round_.entries.filter(activity__responsible_unit__isnull=False).values_list(
                "activity__responsible_unit__name", flat=True
            )
        )
    )
    return {
        "diary_number": round_.revision.diary_number,
        "proposal": f"{deciding} beslutar att godkänna uppföljningen ({_round_name(round_)}) av "
        f"handlingsplanen mot våldsbejakande extremism för {round_.revision.year} och lägga den till "
        "handlingarna.",
        "summary": prefilled_summary(round_, deciding),
        "recipients": "\n".join(
            ["Samordnaren för arbetet mot våldsbejakande extremism", *units, "Registrator"]
        ),
    }


def decision_basis(round_: FollowUpRound, memo) -> list[str]:
    """Beslutsunderlag: the report (year, round, date), the ärende, and the plan it follows up."""
    revision = round_.revision
    items = [
        dated(
            f"Uppföljning av {revision.plan.title.lower()} {revision.year}, {_round_name(round_)}",
            memo.prepared_on,
            memo.diary_number,
        ),
        memo_line(memo),
    ]
    if revision.decided_on:
        items.append(
            dated(
                f"{revision.plan.title} {revision.year}, antagen § {revision.paragraph}",
                revision.decided_on,
                revision.diary_number,
            )
        )
    return items


def register() -> None:
    from . import pdf

    registry.register_case_subject(
        CaseSubject(
            label="followup.FollowUpRound",
            organisation=lambda round_: round_.organisation,
            title=lambda round_: (
                f"Förslag till beslut gällande uppföljning av handlingsplan mot "
                f"våldsbejakande extremism {round_.revision.year}, {_round_name(round_)}"
            ),
            prefill=prefill,
            decision_basis=decision_basis,
            decided_by=lambda round_: "",
            decided_on=_closed_on,
            edit_url=lambda round_: reverse("followup:round_case_edit", args=[round_.pk]),
            filename_stem=lambda round_: pdf.filename_for(round_).removesuffix(".pdf"),
            versions=pdf.draft_versions,
            keywords=("uppföljning", "handlingsplan", "våldsbejakande extremism"),
            lock_related=("revision__plan__organisation",),
        )
    )
