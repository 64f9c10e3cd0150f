"""Nämnd-ready documents of a plan revision: the plan (HANDLINGSPLAN) and, through documents.cases, the
beslutsförslag for adopting it.

Each document is a context builder plus a template under templates/pdf/; documents.render turns it into
PDF/A. An adopted (frozen) revision's documents are rendered once and then served as stored bytes.
"""

from django.db.models import Prefetch
from django.utils import timezone

from documents import cases, registry
from documents.docx import DOCX_CONTENT_TYPE
from documents.downloads import document_for, frozen_key, pdf_renderer
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


def filename_for(revision: PlanRevision, *, extension: str = "pdf") -> str:
    """Handlingsplan-VBE-Skarholmen-2019-antagen.pdf (its ärende: Beslutsforslag-Handlingsplan-...);
    the state is the revision's now (utkast, antagen, ersatt), whenever its bytes were made."""
    state = revision.status
    organisation = ascii_filename_part(revision.plan.organisation.short_name, fallback="organisation")
    return f"Handlingsplan-VBE-{organisation}-{revision.year}-{state}.{extension}"


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
            "rows": _cover_rows(revision, adoption_line),
        },
        "toc": toc,
        "revision": revision,
        "organisation": organisation,
        "adoption_line": adoption_line,
        "chapters": chapters,
        "routines": routines,
        "redline": redline,
    }


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
# The plan's own documents, PDF and Word; its ärende ("beslutsforslag") is documents.cases's.
KINDS = ("plan", "plan.docx")


def _renderer(revision: PlanRevision, kind: str):
    from .docx import plan_docx

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


def frozen_documents(revision: PlanRevision) -> list[DocumentSpec]:
    """The documents stored when the revision is adopted: the plan and its ärende, PDF and Word."""
    return [
        *(
            DocumentSpec(
                key=frozen_key(LABEL, revision.pk, kind),
                render=_renderer(revision, kind),
                **_spec_fields(revision, kind),
            )
            for kind in KINDS
        ),
        *cases.frozen_documents(revision),
    ]


def document(revision: PlanRevision, kind: str) -> RenderedDocument:
    """One of KINDS or of the ärende's: rendered for a draft (once per version), the stored bytes of an
    adopted revision."""
    if kind in cases.KINDS:
        return cases.document(revision, kind)
    return document_for(
        label=LABEL,
        pk=revision.pk,
        kind=kind,
        frozen=revision.is_frozen,
        render=_renderer(revision, kind),
        versions=lambda: draft_versions(revision),
        **_spec_fields(revision, kind),
    )


def revision_document(revision: PlanRevision) -> RenderedDocument:
    """The plan revision as a PDF: rendered for a draft, the stored bytes of an adopted revision."""
    return document(revision, "plan")


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
