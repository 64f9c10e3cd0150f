"""Read a handlingsplan written in Word (.docx) into chapters and activity rows, writing nothing.

What a municipality's Word plan looks like (the seeds: Skärholmen 2019, Hässelby-Vällingby 2018): the
chapters are headings (Rubrik 1), with subheadings (Rubrik 2, 3) and prose under them, and the
activities stand in tables whose first row names the columns: Aktivitet / Ansvarig / Tidplan /
Uppföljning, or Aktiviteter för förebyggande arbete / Ansvarig aktör / Samverkan / Uppföljning, or
Aktivitet / Klart. So:

- every heading of the highest level the document uses starts a chapter; deeper headings and the prose
  stay in its text, as paragraphs;
- a table whose header row names the Aktivitet column (and the others it has: exchange.header_field)
  gives activities to the chapter it stands in, which becomes an activity chapter of the kind its
  heading says (förebyggande, förhindrande, ...);
- a table without a header row right after an activity table continues it (Word splits tables at page
  breaks that way); any other table becomes prose, a line per row: nothing is dropped silently;
- what is not imported (the table of contents, images, footnotes, text boxes) is named in `notes`.

The file passes documents.office_files first (zip bombs, XML declarations). Every problem raises
exchange.ImportRejected with a Swedish message; any other exception is a bug.
"""

import io
import re
from dataclasses import asdict, dataclass, field

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from documents import office_files
from documents.text import describe, normalise_line_breaks, unprintable_characters

from .exchange import MAX_IMPORT_ROWS, ImportRejected, _row, header_field
from .kinds import SECTIONS
from .models import Chapter

MAX_WORD_BYTES = 10 * 1024 * 1024
MAX_CHAPTERS = 300
HEADING_MAX = Chapter._meta.get_field("heading").max_length
BODY_MAX = Chapter._meta.get_field("body").max_length
ROW_FIELDS = ("text", "purpose", "responsible", "partners", "timing", "follow_up_method")
CHECK_COLUMNS = dict(enumerate(("heading", *ROW_FIELDS)))  # exchange._row checks rows in this order
PREAMBLE = "Text före första rubriken"
NOT_DOCX = (
    "Filen går inte att öppna som Word-dokument (.docx). Spara den i Word som ”Word-dokument (*.docx)” "
    "och försök igen (äldre .doc-filer och PDF kan inte läsas)."
)
NO_HEADINGS = (
    "Dokumentet har inga rubriker. Kapitlen läses från rubrikerna: ge varje kapitelrubrik formatmallen "
    "”Rubrik 1” i Word och försök igen."
)
# Heading words -> the activity section a chapter with a table becomes (first match, per plan kind).
KIND_WORDS = (
    ("förhindr", Chapter.Kind.HINDERING),
    ("förebygg", Chapter.Kind.PREVENTIVE),
    ("föreningsbidrag", Chapter.Kind.GRANTS),
    ("bidrag", Chapter.Kind.GRANTS),
    ("upplåt", Chapter.Kind.GRANTS),
    ("kompetens", Chapter.Kind.TRAINING),
    ("utbildning", Chapter.Kind.TRAINING),
    ("situationell", Chapter.Kind.SITUATIONAL),
    ("social", Chapter.Kind.SOCIAL),
)
# "1 Inledning", "2.3. Analys": the chapters are numbered by the product's own documents, not in the text.
_NUMBERING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=\S)")
MAX_TEXT = 1_000_000  # characters in all: what waits in the session between preview and confirmation
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
_EMPTY_CELL = {"", "-", "–", "—"}


@dataclass
class WordChapter:
    heading: str
    kind: str = Chapter.Kind.PROSE
    body: str = ""
    rows: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["blocks"]
        return data


@dataclass
class WordPlan:
    chapters: list[WordChapter]
    notes: list[str]

    @property
    def activity_count(self) -> int:
        return sum(len(chapter.rows) for chapter in self.chapters)


def read_word_plan(data: bytes, *, plan_kind) -> WordPlan:
    """The chapters and activities of a Word handlingsplan; ImportRejected if it cannot be imported."""
    if len(data) > MAX_WORD_BYTES:
        raise ImportRejected([(None, "Filen är större än 10 MB. Ta bort stora bilder och försök igen.")])
    try:
        office_files.check_office_file(data)
    except office_files.NotAnOfficeFile:
        raise ImportRejected([(None, NOT_DOCX)]) from None
    except office_files.UnsafeOfficeFile as unsafe:
        raise ImportRejected([(None, unsafe.message)]) from None
    try:
        document = Document(io.BytesIO(data))
        blocks = list(_blocks(document.element.body, document._body))
    except Exception:  # noqa: BLE001 - python-docx raises many kinds for a file that is not a Word document
        raise ImportRejected([(None, NOT_DOCX)]) from None
    reader = _Reader(plan_kind)
    reader.read(blocks)
    reader.notes += _not_imported(document)
    return reader.result()


def _blocks(element, parent):
    """Paragraphs and tables of the body in document order, also inside content controls (w:sdt)."""
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, parent)


def _style_name(paragraph) -> str:
    try:
        return paragraph.style.name or ""
    except (KeyError, AttributeError, ValueError):
        return ""


def _heading_level(paragraph) -> int | None:
    """1-9 for a heading (by style, or by its own outline level), 0 for the title, None for text."""
    name = _style_name(paragraph)
    if name.casefold() in ("title", "rubrik"):
        return 0
    if match := _HEADING_STYLE.match(name):
        return int(match.group(1)) or None
    properties = paragraph._p.pPr
    outline = properties.find(qn("w:outlineLvl")) if properties is not None else None
    if outline is not None:
        value = outline.get(qn("w:val"), "")
        if value.isdigit() and int(value) < 9:
            return int(value) + 1
    return None


def _is_toc(paragraph) -> bool:
    name = _style_name(paragraph).casefold()
    return name.startswith(("toc", "innehåll")) or name in ("contents heading",)


def _is_list_item(paragraph) -> bool:
    properties = paragraph._p.pPr
    numbered = properties is not None and properties.find(qn("w:numPr")) is not None
    return numbered or "list" in _style_name(paragraph).casefold()


def _text(text: str) -> str:
    return normalise_line_breaks(text.replace("\xad", "")).strip()


def _cell_texts(row) -> list[str]:
    """The row's text per grid column, so that cells line up with the header row: a cell merged across
    columns gives its text to the first of them; the text of a nested table is kept, row by row."""
    texts, seen = [], set()
    cells = row.cells
    for cell in cells:
        texts.append("" if id(cell._tc) in seen else _text("\n".join(_inner_text(cell))))
        seen.add(id(cell._tc))
    return texts


def _inner_text(cell):
    for item in cell.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                yield " – ".join(t for t in _cell_texts(row) if t)
        else:
            yield item.text


class _Reader:
    def __init__(self, plan_kind):
        self.sections = set(SECTIONS[plan_kind])
        self.chapters: list[WordChapter] = []
        self.notes: list[str] = []
        self.errors: list[tuple[None, str]] = []
        self.toc_lines = 0
        self.top = None
        self.last_table = None  # (columns, chapter, width) of the activity table just read
        self.row_count = 0

    def read(self, blocks):
        levels = [
            level
            for block in blocks
            if isinstance(block, Paragraph) and (level := _heading_level(block)) and _text(block.text)
        ]
        if not levels:
            raise ImportRejected([(None, NO_HEADINGS)])
        self.top = min(levels)
        for block in blocks:
            if isinstance(block, Table):
                self._table(block)
            else:
                self._paragraph(block)
        if self.toc_lines:
            self.notes.append(f"Innehållsförteckningen ({self.toc_lines} rader) tas inte med.")

    def _current(self) -> WordChapter:
        if not self.chapters:
            self.chapters.append(WordChapter(heading=PREAMBLE))
        return self.chapters[-1]

    def _paragraph(self, paragraph):
        text = _text(paragraph.text)
        if not text:
            return
        self.last_table = None
        if _is_toc(paragraph):
            self.toc_lines += 1
            return
        if _heading_level(paragraph) == self.top:
            if len(text) > HEADING_MAX:
                self.errors.append(
                    (None, f"Rubriken ”{text[:60]}…” är för lång ({len(text)} tecken, högst {HEADING_MAX}).")
                )
            self.chapters.append(WordChapter(heading=_NUMBERING.sub("", text)[:HEADING_MAX]))
            return
        chapter = self._current()
        if _is_list_item(paragraph) and chapter.blocks and chapter.blocks[-1].startswith("- "):
            chapter.blocks[-1] += f"\n- {text}"
        else:
            chapter.blocks.append(f"- {text}" if _is_list_item(paragraph) else text)

    def _table(self, table):
        rows = [texts for row in table.rows if any(texts := _cell_texts(row))]
        if not rows:
            return
        chapter = self._current()
        columns = {}
        for index, title in enumerate(rows[0]):
            name = header_field(title)
            if name and name != "heading" and name not in columns.values():
                columns[index] = name
        width = len(rows[0])
        if "text" in columns.values():
            self.last_table = (columns, chapter, width)
            self._activities(chapter, columns, rows[1:])
            self._unused_columns(chapter, columns, rows)
        elif self.last_table and self.last_table[1:] == (chapter, width):
            chapter.notes.append(
                f"En tabell utan rubrikrad ({len(rows)} rader) fortsätter aktivitetstabellen ovanför."
            )
            self._activities(chapter, self.last_table[0], rows)
        else:
            self.last_table = None
            chapter.blocks.append("\n".join(" – ".join(cell for cell in row if cell) for row in rows))
            chapter.notes.append(
                f"En tabell ({len(rows)} rader) saknar kolumnen Aktivitet i rubrikraden och blev löptext."
            )

    def _unused_columns(self, chapter, columns, rows):
        """Columns the activity has no field for (or a second Syfte column): named, not dropped unseen."""
        for index, title in enumerate(rows[0]):
            if index in columns or not any(index < len(row) and row[index] for row in rows):
                continue
            name = f"”{title}”" if title else f"nummer {index + 1} (utan rubrik)"
            chapter.notes.append(
                f"Kolumnen {name} i aktivitetstabellen motsvarar inget fält och tas inte med."
            )

    def _activities(self, chapter, columns, rows):
        for number, cells in enumerate(rows, start=1):
            row = dict.fromkeys(ROW_FIELDS, "")
            for index, name in columns.items():
                if index < len(cells) and cells[index] not in _EMPTY_CELL:
                    row[name] = cells[index]
            if answers := _split_combined(row):
                chapter.notes.append(
                    f"Aktivitet {len(chapter.rows) + 1} svarar mot ”{answers[:200]}”: kopplingen till "
                    "lägesbildens problem görs i utkastet, den följer inte med från Word."
                )
            if not row["text"]:
                self._orphan(chapter, row, cells, number)
                continue
            chapter.rows.append(row)
            self.row_count += 1
            if self.row_count > MAX_IMPORT_ROWS:
                raise ImportRejected([(None, f"Dokumentet har fler än {MAX_IMPORT_ROWS} aktiviteter.")])

    def _orphan(self, chapter, row, cells, number):
        """A row without activity text: the rest of the row above (a cell split at a page break)."""
        filled = {name: value for name, value in row.items() if value}
        if chapter.rows and filled:
            above = chapter.rows[-1]
            for name, value in filled.items():
                above[name] = f"{above[name]}\n{value}".strip()
            chapter.notes.append(
                f"Tabellrad {number} saknar text i kolumnen Aktivitet och lades till aktiviteten ovanför."
            )
        elif any(cells):
            chapter.blocks.append(" – ".join(cell for cell in cells if cell))
            chapter.notes.append(f"Tabellrad {number} saknar text i kolumnen Aktivitet och blev löptext.")

    def result(self) -> WordPlan:
        if len(self.chapters) > MAX_CHAPTERS:
            raise ImportRejected([(None, f"Dokumentet har fler än {MAX_CHAPTERS} kapitel.")])
        for chapter in self.chapters:
            chapter.body = "\n\n".join(chapter.blocks)
        total = sum(len(c.body) + sum(len(v) for row in c.rows for v in row.values()) for c in self.chapters)
        if total > MAX_TEXT:
            raise ImportRejected(
                [(None, f"Dokumentet har mer än {MAX_TEXT:,} tecken text.".replace(",", " "))]
            )
        for chapter in self.chapters:
            chapter.kind = self._kind(chapter)
            self._check(chapter)
        if self.errors:
            raise ImportRejected(self.errors)
        return WordPlan(chapters=self.chapters, notes=self.notes)

    def _kind(self, chapter) -> str:
        if not chapter.rows:
            return Chapter.Kind.PROSE
        heading = chapter.heading.casefold()
        found = [kind for word, kind in KIND_WORDS if word in heading and kind in self.sections]
        return found[0] if found else Chapter.Kind.OTHER

    def _check(self, chapter):
        where = f"Kapitlet ”{chapter.heading[:80]}”"
        if len(chapter.body) > BODY_MAX:
            message = f"{where}: texten är för lång ({len(chapter.body)} tecken, högst {BODY_MAX})."
            self.errors.append((None, f"{message} Dela upp kapitlet med fler rubriker."))
        for text, label in ((chapter.heading, "rubriken"), (chapter.body, "texten")):
            if found := unprintable_characters(text):
                message = f"{where}: {label} har tecken som inte kan skrivas ut ({describe(found)})."
                self.errors.append((None, message))
        for number, row in enumerate(chapter.rows, start=1):
            _fixed, problems = _row([chapter.heading, *(row[name] for name in ROW_FIELDS)], CHECK_COLUMNS)
            self.errors += [(None, f"{where}, aktivitet {number}: {problem}") for problem in problems]


def _split_combined(row) -> str:
    """The product's own Word export writes the text with "Syfte: …" and "Svarar mot: …" on lines below it
    in one cell, and "Samverkan: …" under the responsible. Returns the "Svarar mot" problems, which an
    import cannot link (they belong to a lägesbild), for the preview to name."""
    answers = ""
    if "\nSvarar mot:" in row["text"]:
        row["text"], _, answers = row["text"].partition("\nSvarar mot:")
    for source, marker, target in (
        ("text", "\nSyfte:", "purpose"),
        ("responsible", "\nSamverkan:", "partners"),
    ):
        if marker in row[source] and not row[target]:
            row[source], _, rest = row[source].partition(marker)
            row[source], row[target] = row[source].strip(), rest.strip()
    if row["responsible"] in _EMPTY_CELL:
        row["responsible"] = ""
    return answers.strip()


def _not_imported(document) -> list[str]:
    """What the Word file has that the plan does not take: named in the preview, never dropped silently."""
    body = document.element.body
    notes = []
    images = len(body.findall(".//" + qn("w:drawing"))) + len(body.findall(".//" + qn("w:pict")))
    if images:
        notes.append(f"Dokumentet har {images} bild{'er' if images != 1 else ''}; bilder tas inte med.")
    if body.findall(".//" + qn("w:txbxContent")):
        notes.append("Dokumentet har textrutor; texten i dem tas inte med. Flytta den till brödtexten.")
    footnotes = len(body.findall(".//" + qn("w:footnoteReference")))
    if footnotes:
        plural = "er" if footnotes != 1 else ""
        notes.append(f"Dokumentet har {footnotes} fotnot{plural}; fotnoternas text tas inte med.")
    return notes
