"""Ärendet (tjänsteutlåtande) of a draft revision: who may be handläggare, the prefilled text, the save.

The samordnare writes it on the draft; it is frozen with the revision's decision (its access policy is
the revision's) and its document (plans.pdf.case_context) is the Luleå beslutsförslag.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from organisations import access, editing
from organisations.access import Action
from organisations.models import Membership, Organisation

from .errors import PlanError
from .models import Activity, CaseMemo, PlanRevision

CASE_FIELDS = (
    "official",
    "official_title",
    "prepared_on",
    "diary_number",
    "proposal",
    "summary",
    "background",
    "dialogue",
    "assessment",
    "recipients",
)


def officials_for(organisation: Organisation):
    """The organisation's people: members of it or of a unit below it, who may be named handläggare."""
    organisations = Organisation.objects.descendants_of(organisation)
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__organisation__in=organisations)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def official_title(user, organisation: Organisation) -> str:
    """The handläggare's title as the role they hold nearest the organisation ("Samordnare")."""
    own = [m for m in access.memberships(user) if m.organisation_id == organisation.pk]
    chosen = own or access.memberships(user)
    return Membership.Role(chosen[0].role).label if chosen else ""


def deciding_body(revision: PlanRevision) -> str:
    """Who adopts the plan: the recorded decision, else the nearest committee above (or the organisation)."""
    if revision.decided_by:
        return revision.decided_by
    organisation = revision.plan.organisation
    chain = sorted(
        Organisation.objects.ancestors_of(organisation), key=lambda org: len(org.path), reverse=True
    )
    committee = next((org for org in chain if org.kind == Organisation.Kind.COMMITTEE), None)
    return (committee or organisation).name


def _activities(count: int) -> str:
    return f"{count} aktivitet" if count == 1 else f"{count} aktiviteter"


def prefilled_summary(revision: PlanRevision) -> str:
    """Sammanfattning from the plan: its counts and the changes since the last adopted revision."""
    deciding = deciding_body(revision)
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


def prefilled(revision: PlanRevision, *, official) -> CaseMemo:
    """An unsaved ärende with the text the plan gives: a starting point the samordnare edits."""
    organisation = revision.plan.organisation
    return CaseMemo(
        revision=revision,
        official=official,
        official_title=official_title(official, organisation) if official is not None else "",
        prepared_on=timezone.localdate(),
        diary_number=revision.diary_number,
        proposal=f"{deciding_body(revision)} beslutar att anta handlingsplanen mot våldsbejakande "
        f"extremism för {revision.year}.",
        summary=prefilled_summary(revision),
        recipients=default_recipients(revision),
    )


@transaction.atomic
def save_case_memo(*, revision: PlanRevision, data: dict, version, by) -> CaseMemo:
    """Write the ärende of a draft revision (created on the first save); refuse a stale version, a
    handläggare from outside the organisation, and any change once the revision is decided."""
    revision = editing.lock(revision, "plan__organisation")
    access.require_can(by, Action.CHANGE, revision)
    official = data.get("official")
    if official is None or not officials_for(revision.plan.organisation).filter(pk=official.pk).exists():
        raise PlanError("Handläggaren måste vara en person i organisationen.")
    existing = CaseMemo.objects.filter(revision=revision).first()
    if existing is None:
        memo = CaseMemo(revision=revision, **{name: data[name] for name in CASE_FIELDS if name in data})
        memo.full_clean()
        return editing.save_tracked(memo, by=by, reason="Ärendet skrevs")
    locked = editing.lock(existing)
    return editing.update(
        locked,
        data={name: data[name] for name in CASE_FIELDS if name in data},
        version=version,
        by=by,
        reason="Ärendet ändrat",
        what="Ärendet",
        fields=CASE_FIELDS,
    )
