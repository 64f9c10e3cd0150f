"""Read a year's sammanträdesordning from CSV or XLSX: Datum; Tid; Plats; Sista dag för handlingar.

Tolerant of what Swedish Excel writes: semicolons (or commas), Windows-1252 or UTF-8 with or without
BOM, dates as 2026-01-29 or real Excel dates, times as 08:15 or 08.15. All rows or none: every bad row
is reported with its line number and nothing is created.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook

from documents import office_files

MAX_ROWS = 400
COLUMNS = ("date", "starts_at", "place", "papers_due")
HEADERS = {
    "datum": "date",
    "sammanträde": "date",
    "tid": "starts_at",
    "mötestid": "starts_at",
    "klockan": "starts_at",
    "plats": "place",
    "lokal": "place",
    "sista dag för handlingar": "papers_due",
    "handlingar": "papers_due",
    "sista dag": "papers_due",
}


@dataclass(frozen=True)
class MeetingRow:
    line: int
    date: datetime.date
    starts_at: datetime.time | None
    place: str
    papers_due: datetime.date | None


class ImportFailed(Exception):
    """The file was refused; `errors` are Swedish, one per bad row, with line numbers."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(["Filen kunde inte läsas som text (UTF-8 eller Windows-1252)."])


def _csv_rows(data: bytes) -> list[list]:
    text = _decode(data)
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_rows(data: bytes) -> list[list]:
    try:
        office_files.check_office_file(data)
    except office_files.NotAnOfficeFile as error:
        raise ImportFailed(["Filen kunde inte läsas som en Excel-fil (XLSX)."]) from error
    except office_files.UnsafeOfficeFile as unsafe:
        raise ImportFailed([unsafe.message]) from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFailed(["Filen kunde inte läsas som en Excel-fil (XLSX)."]) from error
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
    workbook.close()
    return rows


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text)
    if not match:
        raise ValueError
    return datetime.date(*map(int, match.groups()))


def _time(value) -> datetime.time | None:
    if isinstance(value, datetime.datetime):
        return value.time()
    if isinstance(value, datetime.time):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    match = re.fullmatch(r"(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?::00)?", text, flags=re.IGNORECASE)
    if not match:
        raise ValueError
    return datetime.time(int(match[1]), int(match[2]))


def _columns(first_row: list) -> tuple[list[str], bool]:
    """Column order from a header row, or the default order when the first row is already data."""
    names = [HEADERS.get(str(cell or "").strip().lower().rstrip(":")) for cell in first_row]
    if "date" in names:
        return names, True
    return list(COLUMNS), False


def _parse_row(line: int, cells: dict) -> tuple[MeetingRow | None, list[str]]:
    errors = []
    values = {}
    for name, parse, label, example in (
        ("date", _date, "datum", "2026-01-29"),
        ("starts_at", _time, "tid", "08:15"),
        ("papers_due", _date, "sista dag för handlingar", "2026-01-15"),
    ):
        try:
            values[name] = parse(cells.get(name))
        except ValueError:
            errors.append(
                f"Rad {line}: {label} ”{cells.get(name)}” kan inte läsas (skriv till exempel {example})."
            )
    if not errors and values["date"] is None:
        errors.append(f"Rad {line}: datum saknas.")
    place = " ".join(str(cells.get("place") or "").split())
    if len(place) > 200:
        errors.append(f"Rad {line}: platsen är längre än 200 tecken.")
    if errors:
        return None, errors
    if values["papers_due"] and values["papers_due"] > values["date"]:
        return None, [f"Rad {line}: sista dag för handlingar är efter sammanträdet."]
    return MeetingRow(line=line, place=place, **values), []


def read_meetings(data: bytes, *, year: int | None = None) -> list[MeetingRow]:
    """Parse the whole file; raise `ImportFailed` with every problem, or return the rows."""
    rows = _xlsx_rows(data) if data[:2] == b"PK" else _csv_rows(data)
    rows = [row for row in rows if any(str(cell or "").strip() for cell in row)]
    if not rows:
        raise ImportFailed(["Filen innehåller inga sammanträden."])
    names, has_header = _columns(rows[0])
    start = 2 if has_header else 1
    body = rows[1:] if has_header else rows
    if len(body) > MAX_ROWS:
        raise ImportFailed([f"Filen har fler än {MAX_ROWS} rader."])
    parsed, errors, seen = [], [], {}
    for line, row in enumerate(body, start=start):
        cells = {name: value for name, value in zip(names, row, strict=False) if name}
        meeting, row_errors = _parse_row(line, cells)
        errors += row_errors
        if meeting is None:
            continue
        if year is not None and meeting.date.year != year:
            errors.append(f"Rad {line}: {meeting.date.isoformat()} ligger inte i år {year}.")
        elif meeting.date in seen:
            errors.append(f"Rad {line}: {meeting.date.isoformat()} finns redan på rad {seen[meeting.date]}.")
        seen.setdefault(meeting.date, line)
        parsed.append(meeting)
    if errors:
        raise ImportFailed(errors)
    return parsed
