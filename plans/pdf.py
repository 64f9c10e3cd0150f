"""Nämnd-ready documents of a plan revision: the plan (HANDLINGSPLAN) and the beslutsförslag for adopting it.

Each document is a context builder plus a template under templates/pdf/; documents.render turns it into
PDF/A. An adopted (frozen) revision's documents are rendered once and then served as stored bytes.
"""

from django.db.models import Prefetch
from django.utils import timezone

from documents.header import DocumentHeader, organisation_lines
from documents.http import ascii_filename_part
from documents.services import RenderedDocument, render_document
from organisations import access
from organisations.kinds import PlanKind
from organisations.models import Membership, Organisation

from . import indicator_selectors
from .indicator_chart import PDF_FONTS
from .models import Activity, Chapter, PlanRevision, Routine

PLAN_TEMPLATE = "pdf/plan_revision.html"
CASE_TEMPLATE = "pdf/plan_case.html"


def filename_for(revision: PlanRevision, *, case: bool = False) -> str:
    """Handlingsplan-VBE-Skarholmen-2019-antagen.pdf / Beslutsforslag-Handlingsplan-VBE-...-utkast.pdf"""
    state = "utkast" if not revision.is_frozen else "antagen"
    organisation = ascii_filename_part(revision.plan.organisation.short_name, fallback="organisation")
    name = f"Handlingsplan-VBE-{organisation}-{revision.year}-{state}.pdf"
    return f"Beslutsforslag-{name}" if case else name


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


def _chapters(revision: PlanRevision) -> list[Chapter]:
    activities = Activity.objects.select_related("responsible_unit").order_by("order", "pk")
    if revision.situation_picture_id:  # "Svarar mot" names the problems of the lägesbild it rests on
        activities = activities.prefetch_related("problems")
    return list(
        revision.chapters.order_by("order", "pk").prefetch_related(Prefetch("activities", activities))
    )


def _attach_indicators(chapters) -> None:
    """Each chapter gets `indicator_views`: the charts of its activities' indicators, set in the PDF font."""
    activities = [a for c in chapters for a in c.activities.all()]
    views = indicator_selectors.by_activity([a.pk for a in activities], font_family=PDF_FONTS)
    for chapter in chapters:
        chapter.indicator_views = [
            (activity, views[activity.pk]) for activity in chapter.activities.all() if activity.pk in views
        ]


def plan_context(revision: PlanRevision) -> dict:
    """Context of pdf/plan_revision.html: cover, contents, chapters with activity tables, routines."""
    organisation = revision.plan.organisation
    adoption_line = revision.adoption_line
    crime_prevention = revision.plan.kind == PlanKind.CRIME_PREVENTION
    header = DocumentHeader(
        title=f"{revision.plan.title} {revision.year} – {organisation.name}",
        document_type="ÅTGÄRDSPLAN" if crime_prevention else "HANDLINGSPLAN",
        organisation_lines=organisation_lines(organisation),
        date=revision.decided_on or timezone.localdate(),
        diary_number=revision.diary_number,
        is_draft=not revision.is_frozen,
        footer_line=adoption_line,
        subject=f"{revision.plan.title} för {organisation.name} {revision.year}"
        if crime_prevention
        else f"Handlingsplan mot våldsbejakande extremism för {organisation.name} {revision.year}",
        keywords=[
            "åtgärdsplan" if crime_prevention else "handlingsplan",
            "brottsförebyggande arbete" if crime_prevention else "våldsbejakande extremism",
            organisation.name,
            str(revision.year),
        ],
    )
    chapters = _chapters(revision)
    _attach_indicators(chapters)
    routines = list(Routine.objects.filter(organisation=organisation))
    toc = [
        {"anchor": f"kapitel-{c.pk}", "number": n, "heading": c.heading} for n, c in enumerate(chapters, 1)
    ]
    if routines:
        toc.append({"anchor": "rutiner", "number": len(chapters) + 1, "heading": "Rutiner"})
    return {
        "header": header,
        "cover": {
            "kicker": organisation.name,
            "title": revision.plan.title,
            "year": revision.year,
            "rows": _cover_rows(revision, adoption_line),
        },
        "toc": toc,
        "revision": revision,
        "organisation": organisation,
        "adoption_line": adoption_line,
        "chapters": chapters,
        "routines": routines,
    }


def _cover_rows(revision: PlanRevision, adoption_line: str) -> list[tuple[str, str, str]]:
    rows = [
        ("Organisation", revision.plan.organisation.name, ""),
        ("Gäller år", str(revision.year), ""),
        ("Status", "Antagen", "")
        if revision.is_frozen
        else ("Status", "Utkast – ej antagen", "status-draft"),
    ]
    if adoption_line:
        rows.append(("Beslut", adoption_line, "adoption-line"))
    if revision.diary_number:
        rows.append(("Diarienummer", revision.diary_number, ""))
    if revision.copied_from:
        rows.append(("Ersätter", f"{revision.plan.title} {revision.copied_from.year}", ""))
    return rows


def _official(user, organisation: Organisation) -> tuple[str, str]:
    """The name and title of the official who prepares the matter: the requesting user and their role."""
    name = (user.get_full_name() or user.username).strip()
    own = [m for m in access.memberships(user) if m.organisation_id == organisation.pk]
    chosen = own or access.memberships(user)
    title = Membership.Role(chosen[0].role).label if chosen else ""
    return name, title


def _activities(count: int) -> str:
    return f"{count} aktivitet" if count == 1 else f"{count} aktiviteter"


def _summary(revision: PlanRevision, chapters: list[Chapter], deciding: str) -> list[str]:
    activity_chapters = [c for c in chapters if c.has_activities]
    count = sum(len(c.activities.all()) for c in activity_chapters)
    paragraphs = [
        f"Handlingsplanen mot våldsbejakande extremism revideras årligen. Förvaltningen har tagit fram "
        f"ett förslag till handlingsplan för {revision.year} som {deciding} föreslås anta.",
        f"Planen innehåller {_activities(count)} fördelade på {len(activity_chapters)} avsnitt"
        + (
            ": " + ", ".join(c.heading.lower() for c in activity_chapters) + "." if activity_chapters else "."
        ),
    ]
    previous = revision.copied_from
    if previous is not None:
        kept = {a.copied_from_id for c in chapters for a in c.activities.all() if a.copied_from_id}
        added = sum(1 for c in chapters for a in c.activities.all() if not a.copied_from_id)
        removed = Activity.objects.filter(chapter__revision=previous).exclude(pk__in=kept).count()
        paragraphs.append(
            f"Jämfört med handlingsplanen för {previous.year} har {_activities(added)} tillkommit "
            f"och {removed} utgått."
        )
    paragraphs.append(
        "Handlingsplanens aktiviteter utgår från den lokala lägesbilden, som tas fram årligen "
        "i samverkan med Polismyndigheten."
    )
    return paragraphs


def case_context(revision: PlanRevision, *, official) -> dict:
    """Context of pdf/plan_case.html: the beslutsförslag for adopting `revision` (Luleå layout)."""
    organisation = revision.plan.organisation
    deciding = deciding_body(revision)
    chapters = _chapters(revision)
    official_name, official_title = _official(official, organisation)
    title = f"Förslag till beslut gällande handlingsplan mot våldsbejakande extremism {revision.year}"
    units = sorted(
        {a.responsible_unit.name for c in chapters for a in c.activities.all() if a.responsible_unit_id}
    )
    header = DocumentHeader(
        title=f"{title} – {organisation.name}",
        document_type="BESLUTSFÖRSLAG",
        organisation_lines=organisation_lines(organisation),
        date=timezone.localdate(),
        diary_number=revision.diary_number,
        diary_label="Ärendenr",
        is_draft=not revision.is_frozen,
        footer_line=revision.adoption_line,
        official=official_name,
        subject=title,
        keywords=["beslutsförslag", "handlingsplan", "våldsbejakande extremism", organisation.name],
    )
    return {
        "header": header,
        "revision": revision,
        "organisation": organisation,
        "case_title": title,
        "proposal": f"{deciding} beslutar att anta handlingsplanen mot våldsbejakande extremism "
        f"för {revision.year}.",
        "summary": _summary(revision, chapters, deciding),
        "adoption_line": revision.adoption_line,
        "decision_basis": [
            f"{revision.plan.title} {revision.year}" + (" (förslag)" if not revision.is_frozen else ""),
            f"Lokal lägesbild för {organisation.name}",
        ],
        "official_name": official_name,
        "official_title": official_title,
        "recipients": [
            "Samordnaren för arbetet mot våldsbejakande extremism",
            *units,
            "Registrator",
        ],
    }


def _document(revision: PlanRevision, *, kind: str, template: str, build, by) -> RenderedDocument:
    return render_document(
        template=template,
        build_context=build,
        filename=filename_for(revision, case=kind == "beslutsforslag"),
        frozen_key=f"plans.PlanRevision:{revision.pk}:{kind}" if revision.is_frozen else None,
        by=by,
    )


def revision_document(revision: PlanRevision, *, by) -> RenderedDocument:
    """The plan revision as a PDF: fresh for a draft, the stored bytes for an adopted revision."""
    return _document(
        revision, kind="plan", template=PLAN_TEMPLATE, build=lambda: plan_context(revision), by=by
    )


def case_document(revision: PlanRevision, *, by) -> RenderedDocument:
    """The beslutsförslag for adopting `revision`, prepared in the name of `by`."""
    return _document(
        revision,
        kind="beslutsforslag",
        template=CASE_TEMPLATE,
        build=lambda: case_context(revision, official=by),
        by=by,
    )
