"""What the ärende (tjänsteutlåtande) of a draft plan revision says: the plan's CaseSubject.

The ärende itself (model, save, form, page, documents) is documents.cases, the same for the
lägesbild and the follow-up report; this module gives it the plan's title, prefilled text and
beslutsunderlag. It is frozen with the revision's decision (its access policy is the revision's).
"""

from django.urls import reverse
from django.utils import timezone

from documents import registry
from documents.cases import dated, memo_line
from documents.registry import CaseSubject

from .models import Activity, PlanRevision


def _activities(count: int) -> str:
    return f"{count} aktivitet" if count == 1 else f"{count} aktiviteter"


def prefilled_summary(revision: PlanRevision, deciding: str) -> str:
    """Sammanfattning from the plan: its counts and the changes since the last adopted revision."""
    chapters = list(revision.chapters.order_by("order", "pk").prefetch_related("activities"))
    activity_chapters = [c for c in chapters if c.has_activities]
    count = sum(len(c.activities.all()) for c in activity_chapters)
    headings = ", ".join(c.heading.lower() for c in activity_chapters)
    paragraphs = [
        f"Handlingsplanen mot våldsbejakande extremism revideras årligen. Förvaltningen har tagit fram "
        f"ett förslag till handlingsplan för {revision.year} som {deciding} föreslås anta.",
        f"Planen innehåller {_activities(count)} fördelade på {len(activity_chapters)} avsnitt"
        + (f": {headings}." if headings else "."),
    ]
    previous = revision.copied_from
    if previous is not None:
        activities = [a for c in chapters for a in c.activities.all()]
        kept = {a.copied_from_id for a in activities if a.copied_from_id}
        added = sum(1 for a in activities if not a.copied_from_id)
        removed = Activity.objects.filter(chapter__revision=previous).exclude(pk__in=kept).count()
        paragraphs.append(
            f"Jämfört med handlingsplanen för {previous.year} har {_activities(added)} tillkommit "
            f"och {removed} utgått."
        )
    paragraphs.append(
        "Handlingsplanens aktiviteter utgår från den lokala lägesbilden, som tas fram årligen "
        "i samverkan med Polismyndigheten."
    )
    return "\n\n".join(paragraphs)


def default_recipients(revision: PlanRevision) -> str:
    units = sorted(
        set(
            Activity.objects.filter(chapter__revision=revision, responsible_unit__isnull=False).values_list(
                "responsible_unit__name", flat=True
            )
        )
    )
    return "\n".join(["Samordnaren för arbetet mot våldsbejakande extremism", *units, "Registrator"])


def prefill(revision: PlanRevision, deciding: str) -> dict:
    return {
        "diary_number": revision.diary_number,
        "proposal": f"{deciding} beslutar att anta handlingsplanen mot våldsbejakande extremism för "
        f"{revision.year}.",
        "summary": prefilled_summary(revision, deciding),
        "recipients": default_recipients(revision),
    }


def decision_basis(revision: PlanRevision, memo) -> list[str]:
    """Beslutsunderlag: each document with its year, date and diary number."""
    plan = revision.plan
    items = [
        dated(
            f"{plan.title} {revision.year}, förslag",
            memo.prepared_on,
            memo.diary_number or revision.diary_number,
        ),
        memo_line(memo),
    ]
    picture = revision.situation_picture
    if picture is not None:
        established = picture.established_at and timezone.localdate(picture.established_at)
        state = f"fastställd {established:%Y-%m-%d}" if established else "utkast"
        items.append(f"Lokal lägesbild {picture.year} för {picture.organisation.name}, {state}")
    previous = revision.copied_from
    if previous is not None and previous.decided_on:
        items.append(
            dated(
                f"{plan.title} {previous.year}, antagen § {previous.paragraph}",
                previous.decided_on,
                previous.diary_number,
            )
        )
    return items


def register() -> None:
    from . import pdf

    registry.register_case_subject(
        CaseSubject(
            label="plans.PlanRevision",
            organisation=lambda revision: revision.plan.organisation,
            title=lambda revision: (
                f"Förslag till beslut gällande handlingsplan mot våldsbejakande extremism {revision.year}"
            ),
            prefill=prefill,
            decision_basis=decision_basis,
            decided_by=lambda revision: revision.decided_by,
            decided_on=lambda revision: revision.decided_on,
            edit_url=lambda revision: reverse("plans:revision_case_edit", args=[revision.pk]),
            filename_stem=lambda revision: pdf.filename_for(revision).removesuffix(".pdf"),
            versions=pdf.draft_versions,
            keywords=("handlingsplan", "våldsbejakande extremism"),
            lock_related=("plan__organisation",),
        )
    )
