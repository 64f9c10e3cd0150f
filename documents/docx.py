"""Word (DOCX) versions of the nämnd documents, with python-docx: the same content as the PDF.

Secretaries whose diarium wants Word get headings as Word heading styles, activity and data tables as
Word tables whose header row repeats on every page, the running header (organisation, document type,
date, diary number), and a footer with the adoption line and "Sida N (M)" as Word fields.
Each app builds its document from the same context as its PDF (see e.g. plans.docx).

This module is the one writer of Word text: `heading`, `paragraph`, `labelled`, `paragraphs`, `table` and the
header and footer of `new_document` pass every string through `documents.text.printable`, as the PDFs
do, because python-docx refuses the control characters Word itself pastes (and text stored before the
clean-text rule can hold them): one such character would make an adopted revision's Word file
impossible to make, for good. tests/test_clean_text.py checks that no module writes around it.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .header import DocumentHeader
from .text import printable

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
    properties.title, properties.subject = printable(header.title), printable(header.subject)
    properties.keywords = printable(", ".join(header.keywords))
    properties.author = printable(", ".join(header.organisation_lines))
    properties.language = "sv-SE"

    top = section.header.paragraphs[0]
    top.text = printable("\n".join(header.organisation_lines))
    details = [header.document_type, *([header.subtitle] if header.subtitle else [])]
    details.append(f"Datum {header.date:%Y-%m-%d}")
    if header.diary_label:
        details.append(f"{header.diary_label} {header.diary_number or '–'}")
    if header.is_draft:
        details.append("UTKAST")
    if header.official:
        details.append(header.official)
    section.header.add_paragraph(printable("\n".join(details)))

    bottom = section.footer.paragraphs[0]
    if header.is_draft:
        bottom.add_run(printable(header.draft_note) + " ").bold = True
    if header.footer_line:
        bottom.add_run(printable(header.footer_line) + " ")
    pages = section.footer.add_paragraph("Sida ")
    _field(pages, "PAGE")
    pages.add_run(" (")
    _field(pages, "NUMPAGES")
    pages.add_run(")")
    return document


def heading(document: Document, text: str, *, level: int = 1):
    return document.add_heading(printable(text), level=level)


def paragraph(document: Document, text: str = "", *, style: str | None = None):
    return document.add_paragraph(printable(text), style=style)


def labelled(document: Document, label: str, value: str):
    """A paragraph "Label: value" with the label in bold."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{printable(label)}: ").bold = True
    paragraph.add_run(printable(value))
    return paragraph


def paragraphs(document: Document, text: str) -> None:
    """Free text as paragraphs: a blank line starts a new one, a line break stays a line break."""
    for block in (b.strip() for b in printable(text).replace("\r\n", "\n").split("\n\n")):
        if block:
            document.add_paragraph(block)


def table(document: Document, head: list[str], rows: list[list[str]], *, caption: str = "") -> None:
    """A Word table whose header row repeats on every page it spans; rows may break across pages."""
    if caption:
        paragraph(document, caption, style="Caption")
    word_table = document.add_table(rows=1, cols=len(head))
    word_table.style = "Table Grid"
    header_row = word_table.rows[0]
    properties = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for cell, text in zip(header_row.cells, head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(printable(text)).bold = True
    for values in rows:
        cells = word_table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = printable(text or "–")
    document.add_paragraph()


def to_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def case_docx(context: dict) -> bytes:
    """pdf/case_memo.html in Word: the ärende's sections in the Luleå order."""
    document = new_document(context["header"])
    memo = context["memo"]
    heading(document, context["case_title"], level=0)
    paragraph(document, f"Ärendenr {memo.diary_number or '–'}")
    sections = [
        ("Förvaltningens förslag till beslut", [memo.proposal]),
        ("Sammanfattning av ärendet", context["summary"]),
        ("Beskrivning av ärendet", context["background"]),
        ("Förvaltningens bedömning", context["assessment"]),
        ("Dialog", context["dialogue"]),
    ]
    for title, texts in sections:
        if texts:
            heading(document, title, level=1)
            for text in texts:
                paragraph(document, text)
    heading(document, "Beslutsunderlag", level=1)
    for item in context["decision_basis"]:
        paragraph(document, item, style="List Bullet")
    if memo.official_name:
        paragraph(document, memo.official_name)
        if memo.official_title:
            paragraph(document, memo.official_title)
    heading(document, "Beslutet skickas till", level=1)
    for recipient in context["recipients"]:
        paragraph(document, recipient)
    return to_bytes(document)
