"""Word (DOCX) versions of the nämnd documents, with python-docx: the same content as the PDF.

Secretaries whose diarium wants Word get headings as Word heading styles, activity and data tables as
Word tables whose header row repeats on every page, the running header (organisation, document type,
date, diary number), and a footer with the adoption line and "Sida N (M)" as Word fields.
Each app builds its document from the same context as its PDF (see e.g. plans.docx).
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .header import DocumentHeader

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def new_document(header: DocumentHeader) -> Document:
    """An A4 document with the running header and the footer of pdf/base.html."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    style = document.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10.5)
    properties = document.core_properties
    properties.title, properties.subject = header.title, header.subject
    properties.keywords = ", ".join(header.keywords)
    properties.author = ", ".join(header.organisation_lines)
    properties.language = "sv-SE"

    top = section.header.paragraphs[0]
    top.text = "\n".join(header.organisation_lines)
    details = [header.document_type, *([header.subtitle] if header.subtitle else [])]
    details.append(f"Datum {header.date:%Y-%m-%d}")
    if header.diary_label:
        details.append(f"{header.diary_label} {header.diary_number or '–'}")
    if header.is_draft:
        details.append("UTKAST")
    if header.official:
        details.append(header.official)
    section.header.add_paragraph("\n".join(details))

    bottom = section.footer.paragraphs[0]
    if header.is_draft:
        bottom.add_run(header.draft_note + " ").bold = True
    if header.footer_line:
        bottom.add_run(header.footer_line + " ")
    pages = section.footer.add_paragraph("Sida ")
    _field(pages, "PAGE")
    pages.add_run(" (")
    _field(pages, "NUMPAGES")
    pages.add_run(")")
    return document


def paragraphs(document: Document, text: str) -> None:
    """Free text as paragraphs: a blank line starts a new one, a line break stays a line break."""
    for block in (b.strip() for b in text.replace("\r\n", "\n").split("\n\n")):
        if block:
            document.add_paragraph(block)


def table(document: Document, head: list[str], rows: list[list[str]], *, caption: str = "") -> None:
    """A Word table whose header row repeats on every page it spans; rows may break across pages."""
    if caption:
        document.add_paragraph(caption, style="Caption")
    word_table = document.add_table(rows=1, cols=len(head))
    word_table.style = "Table Grid"
    header_row = word_table.rows[0]
    properties = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for cell, text in zip(header_row.cells, head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = word_table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text or "–"
    document.add_paragraph()


def to_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def case_docx(context: dict) -> bytes:
    """pdf/case_memo.html in Word: the ärende's sections in the Luleå order."""
    document = new_document(context["header"])
    memo = context["memo"]
    document.add_heading(context["case_title"], level=0)
    document.add_paragraph(f"Ärendenr {memo.diary_number or '–'}")
    sections = [
        ("Förvaltningens förslag till beslut", [memo.proposal]),
        ("Sammanfattning av ärendet", context["summary"]),
        ("Beskrivning av ärendet", context["background"]),
        ("Förvaltningens bedömning", context["assessment"]),
        ("Dialog", context["dialogue"]),
    ]
    for heading, texts in sections:
        if texts:
            document.add_heading(heading, level=1)
            for text in texts:
                document.add_paragraph(text)
    document.add_heading("Beslutsunderlag", level=1)
    for item in context["decision_basis"]:
        document.add_paragraph(item, style="List Bullet")
    if memo.official_name:
        document.add_paragraph(memo.official_name)
        if memo.official_title:
            document.add_paragraph(memo.official_title)
    document.add_heading("Beslutet skickas till", level=1)
    for recipient in context["recipients"]:
        document.add_paragraph(recipient)
    return to_bytes(document)
