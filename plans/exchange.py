"""Spreadsheet exchange: export of the activity catalogue (XLSX, CSV) and import of activities from CSV.

Export writes exactly the rows the user sees in the catalogue. Import is a service: it checks the
permission, refuses anything but a draft, validates every row first and writes all rows or none.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from documents.spreadsheet import BOLD, Spreadsheet, csv_bytes
from documents.text import describe, normalise_line_breaks, unprintable_characters
from organisations import access, editing
from organisations.access import Action

from .models import Activity, Chapter, PlanRevision

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

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 2_000
IMPORT_HEADERS = ["Kapitel", "Aktivitet", "Syfte/mål", "Ansvarig", "Samverkan", "Tidplan", "Uppföljning"]
# header as written in the file (casefolded) -> model field; "heading" is the chapter.
_HEADER_FIELDS = {
    "kapitel": "heading",
    "aktivitet": "text",
    "syfte/mål": "purpose",
    "syfte": "purpose",
    "mål": "purpose",
    "ansvarig": "responsible",
    "ansvarig aktör": "responsible",
    "samverkan": "partners",
    "tidplan": "timing",
    "uppföljning": "follow_up_method",
}
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


@transaction.atomic
def import_activities(*, revision: PlanRevision, data: bytes, filename: str, by) -> ImportResult:
    """Add the activities of a CSV file to a draft revision, all rows or none.

    Columns Kapitel; Aktivitet; Syfte/mål; Ansvarig; Samverkan; Tidplan; Uppföljning, separated by
    semicolons or commas, UTF-8 with or without BOM. A chapter is matched by its heading (ignoring case)
    or created as an activity chapter at the end of the revision.
    """
    revision = editing.lock(revision, "plan__organisation")
    try:
        access.require_can(by, Action.CHANGE, revision)
    except access.Frozen as frozen:
        raise RevisionNotDraft(frozen.message) from frozen
    rows, errors = parse_csv(data)
    chapters = {chapter.heading.casefold(): chapter for chapter in revision.chapters.all()}
    errors += [
        (line, f"Kapitlet ”{row['heading']}” är löptext och kan inte ha aktiviteter.")
        for line, row in rows
        if row["heading"].casefold() in chapters and not chapters[row["heading"].casefold()].has_activities
    ]
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: error[0]))

    reason = f"Import av aktiviteter från {filename}"[:100]
    result = ImportResult()
    next_chapter_order = (revision.chapters.aggregate(m=Max("order"))["m"] or 0) + 1
    next_order = dict(
        Activity.objects.filter(chapter__revision=revision)
        .values("chapter")
        .annotate(m=Max("order"))
        .values_list("chapter", "m")
    )
    activities = []
    for _line, row in rows:
        key = row["heading"].casefold()
        chapter = chapters.get(key)
        if chapter is None:
            chapter = Chapter(revision=revision, order=next_chapter_order, heading=row["heading"])
            chapter.kind = Chapter.Kind.OTHER
            chapter._change_reason = reason
            chapter.save()
            chapters[key] = chapter
            next_chapter_order += 1
            result.new_chapters.append(chapter.heading)
        order = next_order.get(chapter.pk, 0) + 1
        next_order[chapter.pk] = order
        fields = {name: value for name, value in row.items() if name != "heading"}
        activities.append(Activity(chapter=chapter, order=order, **fields))
        result.per_chapter[chapter.heading] = result.per_chapter.get(chapter.heading, 0) + 1
    bulk_create_with_history(activities, Activity, default_user=by, default_change_reason=reason)
    result.created = len(activities)
    return result


def parse_csv(data: bytes) -> tuple[list[tuple[int, dict]], list[tuple[int, str]]]:
    """Decode, split and check every row: (line number, row) pairs and (line number, problem) pairs.

    A file that cannot be read at all (too large, not UTF-8, no header, broken quoting, no rows) raises
    ImportRejected naming the line; no input makes this raise anything else.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRejected([(None, "Filen är större än 2 MB. Dela upp den i flera filer.")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRejected(
            [(line, "Filen är inte sparad som UTF-8. Spara den som ”CSV UTF-8” och försök igen.")]
        ) from None
    if not text.strip():
        raise ImportRejected([(None, "Filen är tom.")])
    first_line = next(line for line in text.splitlines() if line.strip())
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    # strict: a quote that is never closed is an error, not a field that swallows the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = _records(reader)
    header = next((record for _line, record in records if any(cell.strip() for cell in record)), [])
    columns = _columns(header, reader.line_num or 1)

    rows, errors = [], []
    for line, record in records:
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


# csv's own error messages (English) -> what the person is told, with the line where the record began.
_CSV_PROBLEMS = {
    "field larger than field limit": (
        f"ett fält är längre än {csv.field_size_limit():,} tecken. Ingen kolumn får vara så lång.".replace(
            ",", " "
        )
    ),
    "unexpected end of data": (
        'ett citattecken (") inleder ett fält som aldrig avslutas. Kontrollera citattecknen på raden.'
    ),
    "expected after": (
        'efter ett avslutande citattecken (") måste fältet ta slut. '
        'Ett citattecken inne i ett fält skrivs som två ("").'
    ),
    "new-line character seen in unquoted field": "en radbrytning mitt i ett fält utan citattecken.",
    "line contains nul": "null-tecken är inte tillåtna.",
}


def _records(reader):
    """(line where the record begins, record) for every record; a broken one raises ImportRejected."""
    while True:
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            text = str(error).casefold()
            problem = next(
                (message for key, message in _CSV_PROBLEMS.items() if key in text),
                "raden kunde inte läsas som CSV. Kontrollera avgränsare och citattecken.",
            )
            raise ImportRejected([(line, f"Raden kan inte läsas: {problem}")]) from None
        yield line, record


def _columns(header: list[str], line: int) -> dict[int, str]:
    columns = {}
    for index, title in enumerate(header):
        name = _HEADER_FIELDS.get(title.strip().casefold())
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
        # PostgreSQL cannot store NUL in text (it would be a server error); forms refuse it the same way.
        if "\x00" in value:
            problems.append(f"{_LABELS[name]}: null-tecken är inte tillåtna.")
        if found := unprintable_characters(value):
            problems.append(
                f"{_LABELS[name]}: tecken som inte kan skrivas ut eller exporteras ({describe(found)}), "
                "till exempel styrtecken från inklistrad text."
            )
        if len(value) > _MAX_LENGTHS[name]:
            problems.append(f"{_LABELS[name]} är för lång ({len(value)} tecken, högst {_MAX_LENGTHS[name]}).")
    return row, problems
