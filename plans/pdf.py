"""Nämnd-ready documents of a plan revision: the plan (HANDLINGSPLAN) and the beslutsförslag for adopting it.

Each document is a context builder plus a template under templates/pdf/; documents.render turns it into
PDF/A. An adopted (frozen) revision's documents are rendered once and then served as stored bytes.
"""

from django.db.models import Prefetch
from django.utils import timezone

from documents import registry
from documents.downloads import document_for, frozen_key, pdf_renderer
from documents.header import DocumentHeader, organisation_lines
from documents.http import ascii_filename_part
from documents.registry import DocumentSpec, FrozenSource
from documents.services import RenderedDocument
from organisations import access
from organisations.models import Membership, Organisation

from .models import Activity, Chapter, PlanRevision, Routine

PLAN_TEMPLATE = "pdf/plan_revision.html"
CASE_TEMPLATE = "pdf/plan_case.html"


def filename_for(revision: PlanRevision, *, case: bool = False, extension: str = "pdf") -> str:
    """Handlingsplan-VBE-Skarholmen-2019-antagen.pdf / Beslutsforslag-Handlingsplan-VBE-...-utkast.pdf;
    the state is the revision's now (utkast, antagen, ersatt), whenever its bytes were made."""
    state = revision.status
    organisation = ascii_filename_part(revision.plan.organisation.short_name, fallback="organisation")
    name = f"Handlingsplan-VBE-{organisation}-{revision.year}-{state}.{extension}"
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
    return list(
        revision.chapters.order_by("order", "pk").prefetch_related(Prefetch("activities", activities))
    )


def plan_context(revision: PlanRevision) -> dict:
    """Context of pdf/plan_revision.html: cover, contents, chapters with activity tables, routines."""
    organisation = revision.plan.organisation
    adoption_line = revision.adoption_line
    header = DocumentHeader(
        title=f"{revision.plan.title} {revision.year} – {organisation.name}",
        document_type="HANDLINGSPLAN",
        organisation_lines=organisation_lines(organisation),
        date=revision.decided_on or timezone.localdate(),
        diary_number=revision.diary_number,
        is_draft=not revision.is_frozen,
        footer_line=adoption_line,
        subject=f"Handlingsplan mot våldsbejakande extremism för {organisation.name} {revision.year}",
        keywords=["handlingsplan", "våldsbejakande extremism", organisation.name, str(revision.year)],
    )
    chapters = _chapters(revision)
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


def _preparer(revision: PlanRevision):
    """Who prepared the draft: the user who created the revision (never the one who downloads)."""
    first = revision.history.order_by("history_date", "history_id").select_related("history_user").first()
    return first.history_user if first is not None else None


def _official(user, organisation: Organisation) -> tuple[str, str]:
    """The name and title of the official who prepares the matter, with their role in `organisation`."""
    if user is None:
        return "", ""
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


def case_context(revision: PlanRevision) -> dict:
    """Context of pdf/plan_case.html: the beslutsförslag for adopting `revision` (Luleå layout)."""
    organisation = revision.plan.organisation
    deciding = deciding_body(revision)
    chapters = _chapters(revision)
    official_name, official_title = _official(_preparer(revision), organisation)
    title = f"Förslag till beslut gällande handlingsplan mot våldsbejakande extremism {revision.year}"
    units = sorted(
        {a.responsible_unit.name for c in chapters for a in c.activities.all() if a.responsible_unit_id}
    )
    header = DocumentHeader(
        title=f"{title} – {organisation.name}",
        document_type="BESLUTSFÖRSLAG",
        organisation_lines=organisation_lines(organisation),
        date=revision.decided_on or timezone.localdate(),
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


LABEL = "plans.PlanRevision"
KINDS = {"plan": PLAN_TEMPLATE, "beslutsforslag": CASE_TEMPLATE}


def _renderer(revision: PlanRevision, kind: str):
    build = (lambda: plan_context(revision)) if kind == "plan" else (lambda: case_context(revision))
    return pdf_renderer(KINDS[kind], build)


def draft_versions(revision: PlanRevision) -> tuple:
    """Everything a revision's documents show, as (pk, version) pairs and names: a draft's documents
    are rendered again only when one of these changes."""
    organisation = revision.plan.organisation
    return (
        (revision.pk, revision.version, revision.status, revision.plan.title, revision.copied_from_id),
        organisation_lines(organisation),
        list(revision.chapters.values_list("pk", "version")),
        list(
            Activity.objects.filter(chapter__revision=revision).values_list(
                "pk", "version", "responsible_unit__name"
            )
        ),
        list(Routine.objects.filter(organisation=organisation).values_list("pk", "version")),
    )


def frozen_documents(revision: PlanRevision) -> list[DocumentSpec]:
    """The documents stored when the revision is adopted: the plan and its beslutsförslag."""
    return [
        DocumentSpec(
            key=frozen_key(LABEL, revision.pk, kind),
            filename=filename_for(revision, case=kind == "beslutsforslag"),
            render=_renderer(revision, kind),
        )
        for kind in KINDS
    ]


def _document(revision: PlanRevision, kind: str) -> RenderedDocument:
    return document_for(
        label=LABEL,
        pk=revision.pk,
        kind=kind,
        frozen=revision.is_frozen,
        filename=filename_for(revision, case=kind == "beslutsforslag"),
        render=_renderer(revision, kind),
        versions=lambda: draft_versions(revision),
    )


def revision_document(revision: PlanRevision) -> RenderedDocument:
    """The plan revision as a PDF: rendered for a draft, the stored bytes of an adopted revision."""
    return _document(revision, "plan")


def case_document(revision: PlanRevision) -> RenderedDocument:
    """The beslutsförslag for adopting `revision`."""
    return _document(revision, "beslutsforslag")


def register() -> None:
    """Tell the documents layer which revisions are frozen and what they carry (PlansConfig.ready)."""
    registry.register(
        FrozenSource(
            label=LABEL,
            get=lambda pk: PlanRevision.objects.select_related("plan__organisation", "copied_from").get(
                pk=pk
            ),
            frozen=lambda: PlanRevision.objects.exclude(status=PlanRevision.Status.DRAFT).select_related(
                "plan__organisation", "copied_from"
            ),
            documents=frozen_documents,
        )
    )
