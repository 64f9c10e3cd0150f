"""The follow-up report for the nämnd as a document (UPPFÖLJNING).

Like the plan documents (plans/pdf.py): a context builder plus templates/pdf/followup_report.html,
turned into PDF/A by documents.render. A closed round can no longer change, so its report is
rendered once and then served as the stored bytes; an open round renders fresh and is marked UTKAST.
"""

from django.utils import timezone

from documents import cases, registry
from documents.downloads import DocumentSet, pdf_or_word, pdf_renderer
from documents.header import DocumentHeader, organisation_lines
from documents.http import ascii_filename_part
from documents.registry import DocumentSpec, FrozenSource
from documents.services import RenderedDocument
from plans.models import Activity
from situation.models import Problem

from .models import FollowUpRound, statuses_for
from .selectors import indicator_rows, problem_groups, report_groups, status_summary

TEMPLATE = "pdf/followup_report.html"


def filename_for(round_: FollowUpRound) -> str:
    """Uppfoljning-VBE-Skarholmen-2019-tertial-2.pdf"""
    organisation = ascii_filename_part(round_.organisation.short_name, fallback="organisation")
    kind = ascii_filename_part(round_.get_kind_display(), fallback=round_.kind).lower()
    return f"Uppfoljning-VBE-{organisation}-{round_.revision.year}-{kind}.pdf"


def status_text(status, *, overdue: bool = False) -> tuple[str, str]:
    """(tone, text) of an entry's status, as on the report page; pdf/_status_symbol.html draws the tone.

    The web page's symbols ✓ and ✗ are not in the shipped font, so the PDF draws them instead."""
    if status is not None:
        return status.tone, status.label
    if overdue:
        return "overdue", "Försenad – ej rapporterad"
    return "missing", "Ej rapporterad"


def report_context(round_: FollowUpRound) -> dict:
    """Context of pdf/followup_report.html: the report page's content for the nämnd.

    A fixed number of queries whatever the number of activities (entries, scale, organisation lines).
    """
    revision = round_.revision
    organisation = round_.organisation
    closed_on = round_.closed_at and timezone.localdate(round_.closed_at)
    # A closed round's report is as of its closing day, whenever it is rendered.
    today = closed_on or timezone.localdate()
    entries = list(round_.entries.with_report_context())
    groups = report_groups(entries, today)
    for entry in entries:
        entry.pdf_status = status_text(entry.status, overdue=entry.overdue)
    summary = [
        (status_text(status), count) for status, count in status_summary(entries, statuses_for(organisation))
    ]
    round_name = f"{round_.get_kind_display()}, {round_.period}"
    title = f"Uppföljning av {revision.plan.title.lower()} {revision.year}"
    header = DocumentHeader(
        title=f"{title} – {round_name} – {organisation.name}",
        document_type="UPPFÖLJNING",
        organisation_lines=organisation_lines(organisation),
        date=closed_on or today,
        diary_number=revision.diary_number,
        subtitle=round_name,
        is_draft=not round_.is_closed,
        draft_note="UTKAST – uppföljningen är öppen och kan ändras.",
        footer_line=f"Uppföljningen stängdes {closed_on:%Y-%m-%d}." if closed_on else "",
        subject=f"{title} för {organisation.name}, {round_name}",
        keywords=["uppföljning", "handlingsplan", "våldsbejakande extremism", organisation.name],
    )
    return {
        "header": header,
        "round": round_,
        "revision": revision,
        "organisation": organisation,
        "title": title,
        "round_name": round_name,
        "groups": groups,
        "summary": summary,
        "total": len(entries),
        "indicator_rows": indicator_rows(round_),
        # Lägesbild text, but every role that may export the report may read the lägesbild (access.py).
        "problem_groups": problem_groups(round_, entries),
    }


LABEL = "followup.FollowUpRound"


def draft_versions(round_: FollowUpRound) -> tuple:
    """Everything the report shows: the round, its entries, the status scale, the names, and the
    lägesbild's problems with the activities that answer them."""
    organisation = round_.organisation
    return (
        (round_.pk, round_.version, round_.status),
        organisation_lines(organisation),
        list(round_.entries.values_list("pk", "version", "status_id")),
        [(s.pk, s.label, s.tone) for s in statuses_for(organisation)],
        list(
            Problem.objects.filter(picture_id=round_.revision.situation_picture_id).values_list(
                "pk", "version"
            )
        ),
        list(
            Activity.problems.through.objects.filter(
                activity__chapter__revision_id=round_.revision_id
            ).values_list("activity_id", "problem_id")
        ),
    )


KINDS = ("rapport", "rapport.docx")


def _renderer(round_: FollowUpRound, kind: str = "rapport"):
    from .docx import report_docx

    if kind.endswith(".docx"):
        return lambda: report_docx(report_context(round_))
    return pdf_renderer(TEMPLATE, lambda: report_context(round_))


REPORT = DocumentSet(
    label=LABEL,
    kinds=KINDS,
    renderer=_renderer,
    spec_fields=pdf_or_word(filename_for),
    frozen=lambda round_: round_.is_closed,
    versions=draft_versions,
    companions=(cases.documents,),
)


def frozen_documents(round_: FollowUpRound) -> list[DocumentSpec]:
    """The report and its ärende, PDF and Word: stored when the round is closed."""
    return REPORT.all_specs(round_)


def document(round_: FollowUpRound, kind: str) -> RenderedDocument:
    """PDF or Word (the report's or its ärende's): rendered for a draft (once per version), the stored
    bytes once it is frozen."""
    return REPORT.open(round_, kind)


def report_document(round_: FollowUpRound) -> RenderedDocument:
    return document(round_, "rapport")


def register() -> None:
    registry.register(
        FrozenSource(
            label=LABEL,
            get=lambda pk: FollowUpRound.objects.select_related("revision__plan__organisation").get(pk=pk),
            frozen=lambda: FollowUpRound.objects.filter(status=FollowUpRound.Status.CLOSED).select_related(
                "revision__plan__organisation"
            ),
            documents=frozen_documents,
        )
    )
