"""Nämnd-ready documents of a plan revision: the plan (HANDLINGSPLAN) and the beslutsförslag for adopting it.

Each document is a context builder plus a template under templates/pdf/; documents.render turns it into
PDF/A. An adopted (frozen) revision's documents are rendered once and then served as stored bytes.
"""

from django.db.models import Prefetch
from django.utils import timezone

from documents import registry
from documents.docx import DOCX_CONTENT_TYPE
from documents.downloads import document_for, frozen_key, pdf_renderer
from documents.header import DocumentHeader, organisation_lines
from documents.http import ascii_filename_part
from documents.registry import DocumentSpec, FrozenSource
from documents.services import RenderedDocument, draft_content
from organisations.kinds import PlanKind

from . import cases, indicator_selectors
from .compare import compare_revisions
from .indicator_chart import PDF_FONTS
from .models import Activity, CaseMemo, Chapter, PlanRevision, Routine

PLAN_TEMPLATE = "pdf/plan_revision.html"
PUBLIC_VERSION_NOTE = (
    "Publicerad version utan personnamn och kontaktuppgifter till enskilda personer. "
    "Den fullständiga handlingen finns hos nämnden."
)
CASE_TEMPLATE = "pdf/plan_case.html"


def filename_for(revision: PlanRevision, *, case: bool = False, extension: str = "pdf") -> str:
    """Handlingsplan-VBE-Skarholmen-2019-antagen.pdf / Beslutsforslag-Handlingsplan-VBE-...-utkast.pdf;
    the state is the revision's now (utkast, antagen, ersatt), whenever its bytes were made."""
    state = revision.status
    organisation = ascii_filename_part(revision.plan.organisation.short_name, fallback="organisation")
    name = f"Handlingsplan-VBE-{organisation}-{revision.year}-{state}.{extension}"
    return f"Beslutsforslag-{name}" if case else name


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


def case_memo(revision: PlanRevision) -> CaseMemo:
    """The ärende written on the revision, else the one the plan gives (handläggare: who created the
    draft), so that a revision decided without one still has a proposal that names no downloader."""
    memo = CaseMemo.objects.filter(revision=revision).select_related("official").first()
    if memo is not None:
        return memo
    first = revision.history.order_by("history_date", "history_id").select_related("history_user").first()
    memo = cases.prefilled(revision, official=first.history_user if first else None)
    memo.prepared_on = revision.decided_on or memo.prepared_on
    return memo


def _dated(text: str, date, diary_number: str) -> str:
    parts = [text, f"{date:%Y-%m-%d}" if date else "", f"dnr {diary_number}" if diary_number else ""]
    return ", ".join(part for part in parts if part)


def decision_basis(revision: PlanRevision, memo: CaseMemo) -> list[str]:
    """Beslutsunderlag: each document with its year, date and diary number."""
    plan = revision.plan
    items = [
        _dated(
            f"{plan.title} {revision.year}, förslag",
            memo.prepared_on,
            memo.diary_number or revision.diary_number,
        ),
        _dated(
            ", ".join(filter(None, ["Tjänsteutlåtande", memo.official_name])),
            memo.prepared_on,
            memo.diary_number,
        ),
    ]
    picture = revision.situation_picture
    if picture is not None:
        established = picture.established_at and timezone.localdate(picture.established_at)
        state = f"fastställd {established:%Y-%m-%d}" if established else "utkast"
        items.append(f"Lokal lägesbild {picture.year} för {picture.organisation.name}, {state}")
    previous = revision.copied_from
    if previous is not None and previous.decided_on:
        items.append(
            _dated(
                f"{plan.title} {previous.year}, antagen § {previous.paragraph}",
                previous.decided_on,
                previous.diary_number,
            )
        )
    return items


def case_context(revision: PlanRevision) -> dict:
    """Context of pdf/plan_case.html: the ärende (tjänsteutlåtande) in the Luleå beslutsförslag shape.

    Everything comes from the ärende and the revision, never from the one who downloads; the proposal
    never carries the decision (no adoption line, no "Beslut" section)."""
    organisation = revision.plan.organisation
    memo = case_memo(revision)
    title = f"Förslag till beslut gällande handlingsplan mot våldsbejakande extremism {revision.year}"
    header = DocumentHeader(
        title=f"{title} – {organisation.name}",
        document_type="BESLUTSFÖRSLAG",
        organisation_lines=organisation_lines(organisation),
        date=memo.prepared_on,
        diary_number=memo.diary_number,
        diary_label="Ärendenr",
        is_draft=not revision.is_frozen,
        draft_note="UTKAST – ärendet är inte slutligt.",
        official=memo.official_name,
        subject=title,
        keywords=["beslutsförslag", "handlingsplan", "våldsbejakande extremism", organisation.name],
    )
    return {
        "header": header,
        "revision": revision,
        "organisation": organisation,
        "memo": memo,
        "case_title": title,
        "summary": [p for p in memo.summary.split("\n\n") if p.strip()],
        "background": [p for p in memo.background.split("\n\n") if p.strip()],
        "assessment": [p for p in memo.assessment.split("\n\n") if p.strip()],
        "dialogue": [p for p in memo.dialogue.split("\n\n") if p.strip()],
        "decision_basis": decision_basis(revision, memo),
        "recipients": memo.recipient_lines(),
    }


LABEL = "plans.PlanRevision"
# The documents of a revision: "plan" and "beslutsforslag" (the ärende) as PDF, and both as Word; and
# "publik", the plan for the open pages without names of people (public.views serves it).
KINDS = ("plan", "beslutsforslag", "plan.docx", "beslutsforslag.docx", "publik")
PUBLIC_KIND = "publik"


def _renderer(revision: PlanRevision, kind: str):
    from . import docx

    base, _, extension = kind.partition(".")
    if base == PUBLIC_KIND:
        return pdf_renderer(PLAN_TEMPLATE, lambda: plan_context(revision, public=True))
    build = (lambda: plan_context(revision)) if base == "plan" else (lambda: case_context(revision))
    if extension == "docx":
        write = docx.plan_docx if base == "plan" else docx.case_docx
        return lambda: write(build())
    return pdf_renderer(PLAN_TEMPLATE if base == "plan" else CASE_TEMPLATE, build)


def _spec_fields(revision: PlanRevision, kind: str) -> dict:
    base, _, extension = kind.partition(".")
    return {
        "filename": filename_for(revision, case=base == "beslutsforslag", extension=extension or "pdf"),
        "content_type": DOCX_CONTENT_TYPE if extension == "docx" else "application/pdf",
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
        list(
            CaseMemo.objects.filter(revision=revision).values_list(
                "pk", "version", "official__first_name", "official__last_name"
            )
        ),
        (revision.situation_picture_id, revision.situation_picture and revision.situation_picture.version),
    )


def frozen_documents(revision: PlanRevision) -> list[DocumentSpec]:
    """The documents stored when the revision is adopted: the plan and its ärende, PDF and Word."""
    return [
        DocumentSpec(
            key=frozen_key(LABEL, revision.pk, kind),
            render=_renderer(revision, kind),
            **_spec_fields(revision, kind),
        )
        for kind in KINDS
    ]


def document(revision: PlanRevision, kind: str) -> RenderedDocument:
    """One of KINDS: rendered for a draft (once per version), the stored bytes of an adopted revision."""
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
