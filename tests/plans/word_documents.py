"""Word handlingsplaner built for the import tests, from the seeds' own text.

`skarholmen_docx()` writes the Skärholmen 2019 plan (plans.demo_data, transcribed from
../shared/seeds/skarholmen-handlingsplan-2019.txt) the way a municipality's Word file has it: a title
and a table of contents before the first heading, chapters as Rubrik 1, subsections as Rubrik 2 with
prose and bullet lists under them, each activity table under a Rubrik 2 "… aktiviteter:" with the
seed's header row Aktivitet / Ansvarig / Tidplan / Uppföljning, the first table split in two at a
page break as in the seed (the second part without a header row).
"""

import io
import re
from pathlib import Path

from django.conf import settings
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK

from plans.demo_data import SKARHOLMEN_2019

SEED_HEADER = ["Aktivitet", "Ansvarig", "Tidplan", "Uppföljning"]
# The seed's subheading above each activity table, by chapter.
TABLE_TITLES = {
    "Förebyggande arbete": "Förebyggande aktiviteter:",
    "Förhindrande arbete": "Förhindrande aktiviteter:",
    "Föreningsbidrag och upplåtande av lokaler": (
        "Aktiviteter föreningsbidrag och upplåtande av lokaler eller öppna rum"
    ),
    "Kompetenshöjande insatser": "Kompetenshöjande aktiviteter:",
}


def seed_rows(chapter):
    """(text, responsible, timing, follow-up) of each activity of a demo chapter: the seed's columns."""
    return [
        (text, responsible, timing, follow_up)
        for text, _p, responsible, _s, timing, follow_up, _u in chapter[3]
    ]


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_table(document, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    return table


def skarholmen_docx(*, split_first_table=True) -> bytes:
    document = Document()
    document.add_heading("Skärholmens stadsdelsnämnds handlingsplan mot våldsbejakande extremism 2019", 0)
    document.add_paragraph("Dnr:")
    document.add_paragraph("Innehåll")
    toc = document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)  # Word's own name for the TOC style
    for number, (name, *_rest) in enumerate(SKARHOLMEN_2019["chapters"], start=3):
        document.add_paragraph(f"{name}\t{number}", style=toc)
    for chapter in SKARHOLMEN_2019["chapters"]:
        heading, _kind, body, activities = chapter
        document.add_heading(heading, 1)
        for paragraph in body.split("\n\n"):
            document.add_paragraph(paragraph)
        if heading == "Ansvar och samverkan":
            document.add_heading("Ansvar", 2)
            document.add_paragraph("Den lokala samordnaren ansvarar för att:")
            document.add_paragraph("Delta i stadens nätverk för samordnare", style="List Bullet")
            document.add_paragraph("Löpande samverka med polisen", style="List Bullet")
        if not activities:
            continue
        document.add_heading(TABLE_TITLES[heading], 2)
        rows = seed_rows(chapter)
        if split_first_table and heading == "Förebyggande arbete":
            add_table(document, SEED_HEADER, rows[:7])
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            continuation = document.add_table(rows=0, cols=4)
            for values in rows[7:]:
                for cell, text in zip(continuation.add_row().cells, values, strict=True):
                    cell.text = text
        else:
            add_table(document, SEED_HEADER, rows)
    return to_bytes(document)


# --- the seed file itself -------------------------------------------------------------------------------

SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "skarholmen-handlingsplan-2019.txt"
_TOC_LINE = re.compile(r"^(?P<title>.+?)\.*\t(?:<i>)?\d+(?:</i>)?$")


def _plain(text: str) -> str:
    return re.sub(r"</?i>", "", text).strip().rstrip(".:").strip()


def seed_outline(lines):
    """(level-1 headings, level-2 headings, index of the first body line) from the seed's own table of
    contents ("Innehåll"): italic entries are the subsections that hold the activity tables."""
    start = lines.index("Innehåll")
    first, second, index = [], [], start + 1
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            if first:
                break
            continue
        match = _TOC_LINE.match(line)
        (second if line.startswith("<i>") else first).append(_plain(match.group("title")))
    return first, second, index


def seed_docx(path=SEED):
    """The seed as a Word file: TOC entries as Rubrik 1 / Rubrik 2, tab lines as tables (a header row
    "Aktivitet\\t…" starts one; a gap inside a table, the seed's page break, starts a headerless part),
    bullets as list items, every other line a paragraph. Returns (bytes, {chapter: [seed rows]})."""
    lines = path.read_text(encoding="utf-8").splitlines()
    level1, level2, start = seed_outline(lines)
    document = Document()
    expected, chapter, table, gap = {}, None, None, False
    for line in lines[start:]:
        text = line.strip()
        if "\t" in line:
            cells = (line.split("\t") + ["", "", "", ""])[:4]
            if line.startswith("Aktivitet\t"):
                table = add_table(document, cells, [])
            else:
                if table is None or gap:
                    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                    table = document.add_table(rows=0, cols=4)
                for cell, value in zip(table.add_row().cells, cells, strict=True):
                    cell.text = value
                expected.setdefault(chapter, []).append(tuple(cell.strip() for cell in cells))
            gap = False
            continue
        if not text:
            gap = table is not None
            continue
        table, gap = None, False
        if text in level1:
            chapter = text
            document.add_heading(text, 1)
        elif _plain(text) in level2:
            document.add_heading(text, 2)
        elif text.startswith("- "):
            document.add_paragraph(text[2:], style="List Bullet")
        else:
            document.add_paragraph(text)
    return to_bytes(document), expected
