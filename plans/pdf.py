"""Nämnd-ready documents of a plan revision: the plan (HANDLINGSPLAN) and, through documents.cases, the
beslutsförslag for adopting it.

Each document is a context builder plus a template under templates/pdf/; documents.render turns it into
PDF/A. An adopted (frozen) revision's documents are rendered once and then served as stored bytes.
"""

from django.db.models import Prefetch
from django.utils import timezone

from documents import cases, registry
from documents.docx import DOCX_CONTENT_TYPE
from documents.downloads import DocumentSet, pdf_renderer
from documents.header import DocumentHeader, organisation_lines
from documents.http import ascii_filename_part
from documents.registry import DocumentSpec, FrozenSource
from documents.services import RenderedDocument, draft_content
from organisations.kinds import PlanKind

from . import indicator_selectors
from .compare import compare_revisions
from .indicator_chart import PDF_FONTS
from .models import Activity, Chapter, PlanRevision, Routine

PLAN_TEMPLATE = "pdf/plan_revision.html"
PUBLIC_VERSION_NOTE = (
    "Publicerad version utan personnamn och kontaktuppgifter till enskilda personer. "
    "Den fullständiga handlingen finns hos nämnden."
)


def filename_for(revision: PlanRevision, *, extension: str = "pdf") -> str:
    """Handlingsplan-VBE-Skarholmen-2019-antagen.pdf (its ärende: Beslutsforslag-Handlingsplan-...);
    the state is the revision's now (utkast, antagen, ersatt), whenever its bytes were made."""
    state = revision.status
    organisation = ascii_filename_part(revision.plan.organisation.short_name, fallback="organisation")
    return f"Handlingsplan-VBE-{organisation}-{revision.year}-{state}.{extension}"


def _chapters(revision: PlanRevision, *, answers: bool) -> list[Chapter]:
    activities = Activity.objects.select_related("responsible_unit").order_by("order", "pk")
    if answers:  # "Svarar mot" names the problems of the lägesbild it rests on
        activities = activities.prefetch_related("problems")
    return list(
        revision.chapters.order_by("order", "pk").prefetch_related(Prefetch("activities", activities))
    )


def _attach_indicators(chapters, *, reported: bool = True) -> None:
    """Each chapter gets `indicator_views`: the charts of its activities' indicators, set in the PDF font
    (without the values reported in follow-ups when `reported` is false)."""
    activities = [a for c in chapters for a in c.activities.all()]
    views = indicator_selectors.by_activity(
        [a.pk for a in activities], font_family=PDF_FONTS, reported_values=reported
    )
    for chapter in chapters:
        chapter.indicator_views = [
            (activity, views[activity.pk]) for activity in chapter.activities.all() if activity.pk in views
        ]


def plan_context(revision: PlanRevision, *, public: bool = False) -> dict:
    """Context of pdf/plan_revision.html: cover, contents, chapters with activity tables, routines.

    `public` is the version for the open pages (issue 16): no names of people (a routine's contact is
    its role only), no lägesbild text ("Svarar mot") and no values reported in follow-ups."""
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
    answers = bool(revision.situation_picture_id) and not public
    chapters = _chapters(revision, answers=answers)
    _attach_indicators(chapters, reported=not public)
    routines = list(Routine.objects.filter(organisation=organisation).select_related("organisation"))
    for routine in routines:
        routine.contact_lines = contact_lines(routine, public=public)
    toc = [
        {"anchor": f"kapitel-{c.pk}", "number": n, "heading": c.heading} for n, c in enumerate(chapters, 1)
    ]
    if routines:
        toc.append({"anchor": "rutiner", "number": len(chapters) + 1, "heading": "Rutiner"})
    redline = redline_for(revision)
    if redline is not None:
        toc.append(
            {
                "anchor": "andringar",
                "number": "",
                "heading": "Bilaga: Ändringar sedan föregående antagna version",
            }
        )
    return {
        "header": header,
        "cover": {
            "kicker": organisation.name,
            "title": revision.plan.title,
            "year": revision.year,
            "rows": _cover_rows(revision, adoption_line)
            + ([("Version", PUBLIC_VERSION_NOTE, "")] if public else []),
        },
        "public": public,
        "answers": answers,
        "toc": toc,
        "revision": revision,
        "organisation": organisation,
        "adoption_line": adoption_line,
        "chapters": chapters,
        "routines": routines,
        "redline": redline,
    }


def contact_lines(routine: Routine, *, public: bool) -> list[str]:
    """The routine's contact as lines of the plan document: person, role, phone, e-mail and other details
    for the nämnd; in the public version the role at the organisation only (a direct number or an
    address names a person as surely as the name does)."""
    if public:
        return [f"{routine.contact_role}, {routine.organisation.name}"] if routine.contact_role else []
    lines = [", ".join(part for part in (routine.contact_name, routine.contact_role) if part)]
    if routine.contact_phone:
        lines.append(f"Telefon: {routine.contact_phone}")
    if routine.contact_email:
        lines.append(f"E-post: {routine.contact_email}")
    if routine.contact:
        lines.append(routine.contact)
    return [line for line in lines if line]


def redline_for(revision: PlanRevision):
    """The draft's changes since the adopted revision it was copied from, or None (adopted documents
    carry no appendix: they are the decision, not a proposal)."""
    previous = revision.copied_from
    if revision.is_frozen or previous is None or not previous.is_frozen:
        return None
    return compare_revisions(revision, previous)


def redline_context(revision: PlanRevision, other: PlanRevision) -> dict:
    """Context of pdf/revision_redline.html: the comparison page as a document of its own."""
    organisation = revision.plan.organisation
    comparison = compare_revisions(revision, other)
    title = f"Ändringar i {revision.plan.title.lower()} {comparison.newer.year}"
    header = DocumentHeader(
        title=f"{title} – {organisation.name}",
        document_type="JÄMFÖRELSE",
        organisation_lines=organisation_lines(organisation),
        date=timezone.localdate(),
        diary_number=comparison.newer.diary_number,
        subtitle=f"{comparison.older.year} och {comparison.newer.year}",
        is_draft=not comparison.newer.is_frozen,
        draft_note="UTKAST – jämförelsen gäller ett utkast.",
        subject=title,
        keywords=["jämförelse", "handlingsplan", organisation.name],
    )
    return {"header": header, "organisation": organisation, "redline": comparison}


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


LABEL = "plans.PlanRevision"
# The plan's own documents: "plan" as PDF and Word, and "publik", the plan for the open pages without
# names of people (public.views serves it). Its ärende ("beslutsforslag") is documents.cases's.
KINDS = ("plan", "plan.docx", "publik")
PUBLIC_KIND = "publik"


def _renderer(revision: PlanRevision, kind: str):
    from .docx import plan_docx

    if kind == PUBLIC_KIND:
        return pdf_renderer(PLAN_TEMPLATE, lambda: plan_context(revision, public=True))
    if kind.endswith(".docx"):
        return lambda: plan_docx(plan_context(revision))
    return pdf_renderer(PLAN_TEMPLATE, lambda: plan_context(revision))


def _spec_fields(revision: PlanRevision, kind: str) -> dict:
    docx = kind.endswith(".docx")
    return {
        "filename": filename_for(revision, extension="docx" if docx else "pdf"),
        "content_type": DOCX_CONTENT_TYPE if docx else "application/pdf",
    }


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
        (revision.situation_picture_id, revision.situation_picture and revision.situation_picture.version),
    )


PLAN = DocumentSet(
    label=LABEL,
    kinds=KINDS,
    renderer=_renderer,
    spec_fields=_spec_fields,
    frozen=lambda revision: revision.is_frozen,
    versions=draft_versions,
    companions=(cases.documents,),
)


def frozen_documents(revision: PlanRevision) -> list[DocumentSpec]:
    """The documents stored when the revision is adopted: the plan and its ärende, PDF and Word."""
    return PLAN.all_specs(revision)


def document(revision: PlanRevision, kind: str) -> RenderedDocument:
    """One of KINDS or of the ärende's: rendered for a draft (once per version), the stored bytes of an
    adopted revision."""
    return PLAN.open(revision, kind)


def revision_document(revision: PlanRevision) -> RenderedDocument:
    """The plan revision as a PDF: rendered for a draft, the stored bytes of an adopted revision."""
    return document(revision, "plan")


def public_document(revision: PlanRevision) -> RenderedDocument:
    """The adopted plan for the open pages: stored at the decision like the others, never rendered in
    the request (a draft has no public document)."""
    if not revision.is_frozen:
        raise ValueError("Bara en antagen handlingsplan har en publik version.")
    return document(revision, PUBLIC_KIND)


def case_document(revision: PlanRevision) -> RenderedDocument:
    """The beslutsförslag for adopting `revision`."""
    return document(revision, "beslutsforslag")


REDLINE_TEMPLATE = "pdf/revision_redline.html"


def redline_document(revision: PlanRevision, other: PlanRevision) -> RenderedDocument:
    """The comparison page as a PDF, rendered at most once per version of the two revisions."""
    older, newer = sorted([revision, other], key=lambda r: (r.year, r.pk))
    organisation = ascii_filename_part(revision.plan.organisation.short_name, fallback="organisation")
    content = draft_content(
        key=f"{LABEL}:{revision.pk}:jamforelse:{other.pk}",
        versions=(draft_versions(revision), draft_versions(other)),
        render=pdf_renderer(REDLINE_TEMPLATE, lambda: redline_context(revision, other)),
    )
    filename = f"Andringar-Handlingsplan-VBE-{organisation}-{older.year}-{newer.year}.pdf"
    return RenderedDocument(content, filename, frozen=False)


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
