"""Spreadsheet exchange: export of the activity catalogue (XLSX, CSV) and import of activities (CSV, XLSX).

Export writes exactly the rows the user sees in the catalogue. Import is a service: it checks the
permission, refuses anything but a draft, validates every row first and writes all rows or none.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from documents.spreadsheet import BOLD, Spreadsheet, csv_bytes
from documents.tables import MAX_TABLE_BYTES, UnreadableTable, cell_text, read_table, text_problems
from documents.text import normalise_line_breaks
from organisations import access, editing
from organisations.access import Action

from .models import Activity, Chapter, PlanRevision
from .responsible_units import unit_matcher

# --- export ----------------------------------------------------------------------------------------

# (header, width in characters, value of an activity fetched with select_related)
EXPORT_COLUMNS = [
    ("Organisation", 28, lambda a: a.chapter.revision.plan.organisation.name),
    ("År", 6, lambda a: a.chapter.revision.year),
    ("Kapitel", 30, lambda a: a.chapter.heading),
    ("Typ", 24, lambda a: a.chapter.get_kind_display()),
    ("Aktivitet", 60, lambda a: a.text),
    ("Syfte/mål", 40, lambda a: a.purpose),
    ("Ansvarig", 30, lambda a: a.responsible),
    ("Samverkan", 30, lambda a: a.partners),
    ("Tidplan", 14, lambda a: a.timing),
    ("Uppföljning", 40, lambda a: a.follow_up_method),
]


def export_filename(extension: str, today: datetime.date | None = None) -> str:
    return f"aktiviteter-{(today or datetime.date.today()):%Y-%m-%d}.{extension}"


def _rows(activities):
    for activity in activities:
        yield [value(activity) for _header, _width, value in EXPORT_COLUMNS]


def export_xlsx(activities) -> bytes:
    """The activities as an Excel workbook: bold header row, column widths, a Swedish sheet title."""
    workbook = Spreadsheet(write_only=True)
    sheet = workbook.sheet("Aktiviteter")
    sheet.widths(width for _header, width, _value in EXPORT_COLUMNS)
    sheet.worksheet.freeze_panes = "A2"
    sheet.append([title for title, _width, _value in EXPORT_COLUMNS], font=BOLD)
    for row in _rows(activities):
        sheet.append(row)
    return workbook.to_bytes()


def export_csv(activities) -> bytes:
    """UTF-8 with BOM and semicolons, which is what Excel with Swedish settings opens correctly."""
    return csv_bytes([[header for header, _width, _value in EXPORT_COLUMNS], *_rows(activities)])


# --- import ----------------------------------------------------------------------------------------

MAX_IMPORT_BYTES = MAX_TABLE_BYTES
MAX_IMPORT_ROWS = 2_000
IMPORT_HEADERS = ["Kapitel", "Aktivitet", "Syfte/mål", "Ansvarig", "Samverkan", "Tidplan", "Uppföljning"]
# header as written in the file (casefolded) -> model field; "heading" is the chapter.
_HEADER_FIELDS = {
    "kapitel": "heading",
    "aktivitet": "text",
    "aktiviteter": "text",
    "åtgärd": "text",
    "åtgärder": "text",
    "insats": "text",
    "insatser": "text",
    "aktivitet och syfte": "text",  # the product's own Word export
    "syfte/mål": "purpose",
    "syfte": "purpose",
    "mål": "purpose",
    "syfte och mål": "purpose",
    "mål och syfte": "purpose",
    "ansvarig": "responsible",
    "ansvariga": "responsible",
    "ansvar": "responsible",
    "ansvarig aktör": "responsible",
    "ansvarig och samverkan": "responsible",  # the product's own Word export
    "samverkan": "partners",
    "samverkanspartner": "partners",
    "samverkanspartners": "partners",
    "samverkansparter": "partners",
    "tidplan": "timing",
    "tidsplan": "timing",
    "klart": "timing",  # Hässelby-Vällingby 2018: "Aktivitet / Klart" (a month)
    "när": "timing",
    "uppföljning": "follow_up_method",
    "uppföljningsmetod": "follow_up_method",
}
# Headers that name the column with more words: "Aktiviteter för förebyggande arbete" (Hässelby-Vällingby).
_HEADER_PREFIXES = (
    ("aktivitet ", "text"),
    ("aktiviteter ", "text"),
    ("ansvarig ", "responsible"),
    ("ansvariga ", "responsible"),
    ("uppföljning ", "follow_up_method"),
)


def header_field(title: str) -> str | None:
    """The field a column header names ("Syfte / mål:" -> "purpose"), or None for an unknown column."""
    key = " ".join(title.replace("\xad", "").split()).casefold().rstrip(":*. ").replace(" / ", "/")
    if key in _HEADER_FIELDS:
        return _HEADER_FIELDS[key]
    return next((name for prefix, name in _HEADER_PREFIXES if key.startswith(prefix)), None)


_LABELS = {"heading": "Kapitel", "text": "Aktivitet", "purpose": "Syfte/mål", "responsible": "Ansvarig"}
_LABELS.update({"partners": "Samverkan", "timing": "Tidplan", "follow_up_method": "Uppföljning"})
_MAX_LENGTHS = {"heading": Chapter._meta.get_field("heading").max_length}
_MAX_LENGTHS.update(
    {name: Activity._meta.get_field(name).max_length for name in _LABELS if name != "heading"}
)


class RevisionNotDraft(PermissionDenied):
    """Activities are imported into a draft only; an adopted revision is frozen."""


class ImportRejected(Exception):
    """The file was not imported; `errors` lists (line number or None, Swedish message)."""

    def __init__(self, errors):
        super().__init__("; ".join(message for _line, message in errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    new_chapters: list[str] = field(default_factory=list)
    per_chapter: dict[str, int] = field(default_factory=dict)
    import_id: str = ""


@dataclass
class PreviewRow:
    line: int
    row: dict
    duplicate: bool  # the same text already stands in the same chapter of the draft
    new_chapter: bool
    unit: object = None  # the responsible unit (an Organisation) the row will get


def _editable_draft(revision, by):
    revision = editing.lock(revision, "plan__organisation")
    try:
        access.require_can(by, Action.CHANGE, revision)
    except access.Frozen as frozen:
        raise RevisionNotDraft(frozen.message) from frozen
    return revision


def _same_text(text: str) -> str:
    return " ".join(text.split()).casefold()


def preview_import(*, revision: PlanRevision, data: bytes, filename: str, by) -> list[PreviewRow]:
    """Read and check the file, writing nothing: every row, flagged if it duplicates an activity.

    A duplicate is the same text (ignoring case and spacing) in the chapter of the same heading, so a
    re-import of the product's own export flags every row. Raises ImportRejected like the import.
    """
    try:
        access.require_can(by, Action.CHANGE, revision)
    except access.Frozen as frozen:
        raise RevisionNotDraft(frozen.message) from frozen
    rows = _checked_rows(revision, data, filename)
    chapters = {c.heading.casefold() for c in revision.chapters.all()}
    existing = {
        (heading.casefold(), _same_text(text))
        for heading, text in Activity.objects.filter(chapter__revision=revision).values_list(
            "chapter__heading", "text"
        )
    }
    unit_for = unit_matcher(revision.plan.organisation)
    return [
        PreviewRow(
            line=line,
            row=row,
            duplicate=(row["heading"].casefold(), _same_text(row["text"])) in existing,
            new_chapter=row["heading"].casefold() not in chapters,
            unit=unit_for(row["responsible"]),
        )
        for line, row in rows
    ]


def _checked_rows(revision, data, filename):
    rows, errors = parse_csv(data, filename)
    chapters = {chapter.heading.casefold(): chapter for chapter in revision.chapters.all()}
    errors += [
        (line, f"Kapitlet ”{row['heading']}” är löptext och kan inte ha aktiviteter.")
        for line, row in rows
        if row["heading"].casefold() in chapters and not chapters[row["heading"].casefold()].has_activities
    ]
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: error[0]))
    return rows


@transaction.atomic
def import_activities(*, revision: PlanRevision, data: bytes, filename: str, by) -> ImportResult:
    """Add every activity of a CSV or XLSX file to a draft revision, all rows or none (no preview)."""
    revision = _editable_draft(revision, by)
    rows = _checked_rows(revision, data, filename)
    return _write_rows(revision, [row for _line, row in rows], filename=filename, by=by)


@transaction.atomic
def import_rows(*, revision: PlanRevision, rows: list[dict], filename: str, by) -> ImportResult:
    """Add the rows the user kept after the preview; they are checked again, as if freshly read."""
    revision = _editable_draft(revision, by)
    chapters = {chapter.heading.casefold(): chapter for chapter in revision.chapters.all()}
    errors = []
    for number, row in enumerate(rows, start=1):
        clean = dict.fromkeys(_LABELS, "") | {k: str(v) for k, v in row.items() if k in _LABELS}
        _fixed, problems = _row([clean[name] for name in _LABELS], dict(enumerate(_LABELS)))
        errors += [(number, problem) for problem in problems]
        chapter = chapters.get(clean["heading"].casefold())
        if chapter is not None and not chapter.has_activities:
            errors.append((number, f"Kapitlet ”{clean['heading']}” är löptext och kan inte ha aktiviteter."))
    if errors:
        raise ImportRejected(errors)
    return _write_rows(revision, rows, filename=filename, by=by)


def import_reason(import_id: str, filename: str) -> str:
    # The id makes every import's history records findable as one unit, for "Ångra importen".
    return f"Import {import_id} av aktiviteter från {filename}"[:100]


def _write_rows(revision, rows, *, filename, by) -> ImportResult:
    import_id = uuid.uuid4().hex[:8]
    reason = import_reason(import_id, filename)
    result = ImportResult(import_id=import_id)
    chapters = {chapter.heading.casefold(): chapter for chapter in revision.chapters.all()}
    next_chapter_order = (revision.chapters.aggregate(m=Max("order"))["m"] or 0) + 1
    next_order = dict(
        Activity.objects.filter(chapter__revision=revision)
        .values("chapter")
        .annotate(m=Max("order"))
        .values_list("chapter", "m")
    )
    activities = []
    unit_for = unit_matcher(revision.plan.organisation)
    for row in rows:
        key = row["heading"].casefold()
        chapter = chapters.get(key)
        if chapter is None:
            chapter = Chapter(revision=revision, order=next_chapter_order, heading=row["heading"])
            chapter.kind = Chapter.Kind.OTHER
            editing.save_tracked(chapter, by=by, reason=reason)
            chapters[key] = chapter
            next_chapter_order += 1
            result.new_chapters.append(chapter.heading)
        order = next_order.get(chapter.pk, 0) + 1
        next_order[chapter.pk] = order
        fields = {name: row.get(name, "") for name in _LABELS if name != "heading"}
        unit = unit_for(fields["responsible"])
        activities.append(Activity(chapter=chapter, order=order, responsible_unit=unit, **fields))
        result.per_chapter[chapter.heading] = result.per_chapter.get(chapter.heading, 0) + 1
    bulk_create_with_history(activities, Activity, default_user=by, default_change_reason=reason)
    result.created = len(activities)
    return result


@transaction.atomic
def undo_import(*, revision: PlanRevision, import_id: str, by) -> int:
    """ "Ångra importen": remove exactly the activities and chapters that one import added (a chapter only
    once it is empty), found by its id in their history, while the revision is a draft. Returns how many
    activities were removed."""
    revision = _editable_draft(revision, by)
    prefix = f"Import {import_id} "
    if not import_id or not import_id.isalnum():
        raise ImportRejected([(None, "Importen finns inte.")])
    chapter_ids = revision.chapters.values("pk")
    added = Activity.history.filter(
        history_type="+", history_change_reason__startswith=prefix, chapter_id__in=chapter_ids
    ).values("id")
    activities = list(Activity.objects.filter(pk__in=added, chapter__revision=revision))
    created_chapters = Chapter.history.filter(
        history_type="+", history_change_reason__startswith=prefix, revision_id=revision.pk
    ).values("id")
    chapters = list(Chapter.objects.filter(pk__in=created_chapters, revision=revision))
    if not activities and not chapters:
        raise ImportRejected([(None, "Importen är redan ångrad eller finns inte.")])
    reason = f"Import {import_id} ångrad"
    for activity in activities:
        editing.delete_tracked(activity, by=by, reason=reason)
    for chapter in chapters:
        if not chapter.activities.exists():
            editing.delete_tracked(chapter, by=by, reason=reason)
    return len(activities)


def parse_csv(data: bytes, filename: str = "") -> tuple[list[tuple[int, dict]], list[tuple[int, str]]]:
    """Read, split and check every row of a CSV or XLSX file: (line, row) pairs and (line, problem) pairs.

    The file is read by `documents.tables.read_table` (XLSX or CSV, encoding and separator detected). A
    file that cannot be read at all (too large, not a table, no header, broken quoting, no rows) raises
    ImportRejected naming the line; no input makes this raise anything else.
    """
    try:
        records = [(line, [cell_text(cell) for cell in cells]) for line, cells in read_table(data, filename)]
    except UnreadableTable as unreadable:
        raise ImportRejected([(unreadable.line, unreadable.message)]) from None
    first = next(((line, record) for line, record in records if any(cell.strip() for cell in record)), None)
    if first is None:
        raise ImportRejected([(None, "Filen är tom.")])
    columns = _columns(first[1], first[0])

    rows, errors = [], []
    for line, record in records[records.index(first) + 1 :]:
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) >= MAX_IMPORT_ROWS:
            raise ImportRejected([(line, f"Filen har fler än {MAX_IMPORT_ROWS} aktiviteter.")])
        row, problems = _row(record, columns)
        errors.extend((line, problem) for problem in problems)
        rows.append((line, row))
    if not rows:
        raise ImportRejected([(None, "Filen innehåller inga aktiviteter, bara rubrikraden.")])
    return rows, errors


def _columns(header: list[str], line: int) -> dict[int, str]:
    columns = {}
    for index, title in enumerate(header):
        name = header_field(title)
        if name and name not in columns.values():
            columns[index] = name
    missing = [_LABELS[name] for name in ("heading", "text") if name not in columns.values()]
    if missing:
        expected = "; ".join(IMPORT_HEADERS)
        raise ImportRejected(
            [(line, f"Rubrikraden saknar kolumnen {' och '.join(missing)}. Förväntade kolumner: {expected}.")]
        )
    return columns


def _row(record: list[str], columns: dict[int, str]) -> tuple[dict, list[str]]:
    row = dict.fromkeys(_LABELS, "")
    for index, name in columns.items():
        if index < len(record):
            row[name] = normalise_line_breaks(record[index].strip())
    problems = []
    if not row["heading"]:
        problems.append("Kapitel saknas.")
    if not row["text"]:
        problems.append("Aktivitet saknas.")
    for name, value in row.items():
        problems += [f"{_LABELS[name]}: {problem}" for problem in text_problems(value)]
        if len(value) > _MAX_LENGTHS[name]:
            problems.append(f"{_LABELS[name]} är för lång ({len(value)} tecken, högst {_MAX_LENGTHS[name]}).")
    return row, problems
