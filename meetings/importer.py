"""Read a year's sammanträdesordning from CSV or XLSX: Datum; Tid; Plats; Sista dag för handlingar.

The file is read by `documents.tables.read_table`, the reader every importer shares: semicolons,
commas or tabs, UTF-8, UTF-16 or Windows-1252, or an Excel workbook; a file it cannot read is refused
naming the line. Dates as 2026-01-29 or real Excel dates, times as 08:15 or 08.15. All rows or none:
every bad row is reported with its line number and nothing is created.
"""

import datetime
import re
from dataclasses import dataclass

from documents.tables import UnreadableTable, read_table, text_problems

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
    errors += [f"Rad {line}: platsen innehåller {problem}" for problem in text_problems(place)]
    if errors:
        return None, errors
    if values["papers_due"] and values["papers_due"] > values["date"]:
        return None, [f"Rad {line}: sista dag för handlingar är efter sammanträdet."]
    return MeetingRow(line=line, place=place, **values), []


def read_meetings(data: bytes, *, year: int | None = None, filename: str = "") -> list[MeetingRow]:
    """Parse the whole file; raise `ImportFailed` with every problem, or return the rows."""
    try:
        records = read_table(data, filename)
    except UnreadableTable as unreadable:
        line = f"Rad {unreadable.line}: " if unreadable.line else ""
        raise ImportFailed([line + unreadable.message]) from None
    rows = [(line, cells) for line, cells in records if any(str(cell or "").strip() for cell in cells)]
    if not rows:
        raise ImportFailed(["Filen innehåller inga sammanträden."])
    names, has_header = _columns(rows[0][1])
    body = rows[1:] if has_header else rows
    if not body:
        raise ImportFailed(["Filen innehåller inga sammanträden, bara rubrikraden."])
    if len(body) > MAX_ROWS:
        raise ImportFailed([f"Filen har fler än {MAX_ROWS} rader."])
    parsed, errors, seen = [], [], {}
    for line, row in body:
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
