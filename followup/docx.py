"""The follow-up report as a Word document, from the same context as its PDF."""

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
    return to_bytes(document)
