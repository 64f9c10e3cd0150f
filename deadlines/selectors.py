"""What is due from whom: every deadline a user answers for, computed from the meetings.

Used by the start page, the e-mail reminders and the calendar feed, so all three say the same thing.
Which items a user gets follows from the permission layer:

- follow-up entries of the activities their unit reports on (`report_followup`), link to the form;
- open follow-up rounds with missing entries, and the report's papers, of the nämnder they follow up
  (`view_followup`: samordnare, nämndsekreterare, central samordnare for every nämnd under them);
- draft plan revisions placed on a meeting (`view_draft`): papers due for the nämnd;
- draft lägesbilder placed on a meeting (`view_situation`).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from followup.models import ActivityFollowUp, FollowUpRound
from organisations import access
from organisations.access import Perm
from plans.models import PlanRevision
from situation.models import SituationPicture

MEETING = "meeting__organisation__meeting_rule"


@dataclass(frozen=True)
class Deadline:
    key: str  # stable per thing: the sent-log and the calendar UID use it
    due: datetime.date
    title: str
    organisation: str
    url: str
    kind: str  # "followup", "report", "plan", "situation"

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due < today


def _entries(user):
    entries = (
        ActivityFollowUp.objects.filter(
            round__status=FollowUpRound.Status.OPEN,
            status__isnull=True,
            activity__responsible_unit__in=access.organisations_for(user, Perm.REPORT_FOLLOWUP),
        )
        .select_related("activity", "round__revision__plan__organisation", f"round__{MEETING}")
        .order_by("pk")
    )
    for entry in entries:
        text = " ".join(entry.activity.text.split())
        yield Deadline(
            key=f"entry:{entry.pk}",
            due=entry.round.effective_deadline,
            title=f"Återrapportera: {text[:80]}{'…' if len(text) > 80 else ''}",
            organisation=entry.round.organisation.name,
            url=reverse("followup:entry_report", args=[entry.pk]),
            kind="followup",
        )


def _rounds(user):
    rounds = (
        FollowUpRound.objects.filter(
            status=FollowUpRound.Status.OPEN,
            revision__plan__organisation__in=access.organisations_for(user, Perm.VIEW_FOLLOWUP),
        )
        .select_related("revision__plan__organisation", MEETING)
        .annotate(missing=Count("entries", filter=Q(entries__status__isnull=True)), total=Count("entries"))
        .order_by("pk")
    )
    for round_ in rounds:
        name = f"{round_.get_kind_display()} {round_.period}"
        if round_.missing:
            yield Deadline(
                key=f"round:{round_.pk}",
                due=round_.effective_deadline,
                title=f"Uppföljning {name}: {round_.missing} av {round_.total} aktiviteter saknar rapport",
                organisation=round_.organisation.name,
                url=reverse("followup:round_detail", args=[round_.pk]),
                kind="followup",
            )
        if round_.meeting_id:
            yield Deadline(
                key=f"round-papers:{round_.pk}",
                due=round_.papers_due,
                title=f"Handlingar till nämnden: uppföljningsrapport {name}",
                organisation=round_.organisation.name,
                url=reverse("followup:round_report", args=[round_.pk]),
                kind="report",
            )


def _revisions(user):
    revisions = PlanRevision.objects.filter(
        status=PlanRevision.Status.DRAFT,
        meeting__isnull=False,
        plan__organisation__in=access.organisations_for(user, Perm.VIEW_DRAFT),
    ).select_related("plan__organisation", MEETING)
    for revision in revisions.order_by("pk"):
        organisation = revision.plan.organisation
        if access.has_perm(user, Perm.EDIT_PLAN, organisation):
            url = reverse("plans:revision_edit", args=[revision.pk])
        elif access.has_perm(user, Perm.ADOPT, organisation):
            url = reverse("plans:revision_adopt", args=[revision.pk])
        else:
            url = reverse("plans:revision_detail", args=[revision.pk])
        yield Deadline(
            key=f"revision:{revision.pk}",
            due=revision.papers_due,
            title=f"Handlingar till nämnden: {revision.plan.title} {revision.year} "
            f"(sammanträde {revision.meeting.date.isoformat()})",
            organisation=organisation.name,
            url=url,
            kind="plan",
        )


def _pictures(user):
    pictures = SituationPicture.objects.filter(
        status=SituationPicture.Status.DRAFT,
        meeting__isnull=False,
        organisation__in=access.organisations_for(user, Perm.VIEW_SITUATION),
    ).select_related("organisation", MEETING)
    for picture in pictures.order_by("pk"):
        editable = access.has_perm(user, Perm.EDIT_SITUATION, picture.organisation)
        yield Deadline(
            key=f"picture:{picture.pk}",
            due=picture.papers_due,
            title=f"Lägesbild {picture.year} ska fastställas (sammanträde {picture.meeting.date})",
            organisation=picture.organisation.name,
            url=reverse(
                "situation:picture_edit" if editable else "situation:picture_detail", args=[picture.pk]
            ),
            kind="situation",
        )


def deadlines_for(user, *, today: datetime.date, within_days: int | None = None) -> list[Deadline]:
    """Everything due from `user`, overdue first (oldest first), then by date. With `within_days`, only
    what is overdue or due within that many days."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    items = [*_entries(user), *_rounds(user), *_revisions(user), *_pictures(user)]
    if within_days is not None:
        last = today + datetime.timedelta(days=within_days)
        items = [item for item in items if item.due <= last]
    return sorted(items, key=lambda item: (item.due, item.key))
