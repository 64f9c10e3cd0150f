"""The follow-up report as a Word document, from the same context as its PDF."""

from django.utils.text import Truncator

from documents.docx import heading, new_document, paragraph, paragraphs, table, to_bytes


def report_docx(context: dict) -> bytes:
    document = new_document(context["header"])
    revision, round_ = context["revision"], context["round"]
    heading(document, context["title"][:1].upper() + context["title"][1:], level=0)
    lead = f"{context['round_name']}. {context['organisation'].name}"
    paragraph(document, lead + (f", dnr {revision.diary_number}." if revision.diary_number else "."))
    if revision.adoption_line:
        paragraph(document, f"{revision.adoption_line}.")
    if not round_.is_closed:
        paragraph(
            document,
            "Uppföljningen är öppen: verksamheterna kan fortfarande rapportera och rapporten är preliminär.",
        )
    heading(document, "Sammanfattning", level=1)
    rows = [[text, str(count)] for (_tone, text), count in context["summary"]]
    rows.append(["Totalt", str(context["total"])])
    table(document, ["Status", "Antal aktiviteter"], rows, caption="Antal aktiviteter per status")
    heading(document, "Samordnarens samlade kommentar", level=1)
    paragraphs(document, round_.overall_comment or "Ingen samlad kommentar är skriven.")
    for group in context["groups"]:
        heading(document, group["label"], level=1)
        rows = [
            [
                entry.activity.text,
                entry.activity.purpose or "–",
                entry.pdf_status[1] + (f"\n{entry.narrative}" if entry.narrative else ""),
            ]
            for entry in group["entries"]
        ]
        table(document, ["Aktivitet", "Mål", "Uppföljning"], rows)
    _indicators(document, context)
    _problems(document, context)
    return to_bytes(document)


def _indicators(document, context) -> None:
    """Each indicator's latest value against the target for the plan's year, as in the PDF."""
    if not context["indicator_rows"]:
        return
    year = context["revision"].year
    heading(document, f"Indikatorer: senaste värde mot målvärde {year}", level=1)
    rows = []
    for row in context["indicator_rows"]:
        indicator, latest, target = row["indicator"], row["latest"], row["target"]
        rows.append(
            [
                f"{indicator.name} ({indicator.unit})",
                f"{latest.value_display} ({latest.round.get_kind_display()} {latest.round.revision.year})"
                if latest
                else "Inget värde rapporterat",
                target.value_display if target else "Inget målvärde",
                {"ja": "Ja", "nej": "Nej"}.get(row["met"], "–"),
                (latest and latest.get_assessment_display()) or "–",
            ]
        )
    table(document, ["Indikator", "Senaste värde", f"Målvärde {year}", "Målet nått", "Bedömning"], rows)


def _problems(document, context) -> None:
    """The report per prioritised problem of the lägesbild: the activities answering it, their status."""
    if not context["problem_groups"]:
        return
    heading(document, "Per prioriterat problem i lägesbilden", level=1)
    for group in context["problem_groups"]:
        heading(document, str(group["problem"]), level=2)
        if not group["entries"]:
            paragraph(document, "Ingen aktivitet i planen svarar mot problemet.")
        for entry in group["entries"]:
            text = Truncator(entry.activity.text).chars(120)
            paragraph(document, f"{text}: {entry.pdf_status[1]}", style="List Bullet")
