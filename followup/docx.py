"""The follow-up report as a Word document, from the same context as its PDF."""

from documents.docx import new_document, paragraphs, table, to_bytes


def report_docx(context: dict) -> bytes:
    document = new_document(context["header"])
    revision, round_ = context["revision"], context["round"]
    document.add_heading(context["title"][:1].upper() + context["title"][1:], level=0)
    lead = f"{context['round_name']}. {context['organisation'].name}"
    document.add_paragraph(lead + (f", dnr {revision.diary_number}." if revision.diary_number else "."))
    if revision.adoption_line:
        document.add_paragraph(f"{revision.adoption_line}.")
    if not round_.is_closed:
        document.add_paragraph(
            "Uppföljningen är öppen: verksamheterna kan fortfarande rapportera och rapporten är preliminär."
        )
    document.add_heading("Sammanfattning", level=1)
    rows = [[text, str(count)] for (_tone, text), count in context["summary"]]
    rows.append(["Totalt", str(context["total"])])
    table(document, ["Status", "Antal aktiviteter"], rows, caption="Antal aktiviteter per status")
    document.add_heading("Samordnarens samlade kommentar", level=1)
    paragraphs(document, round_.overall_comment or "Ingen samlad kommentar är skriven.")
    for group in context["groups"]:
        document.add_heading(group["label"], level=1)
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
