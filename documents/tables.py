"""The one reader of uploaded tables (CSV or XLSX), for every importer.

Each importer used to read files its own way, and each had its own holes (csv's field limit, a quote
never closed, a sheet whose XML breaks while rows are read, a workbook without a worksheet, text in
UTF-16). Here a file is either read, as (line number, cells) for every row, or refused with
`UnreadableTable`: a Swedish message and, where there is one, the line where reading stopped. No input
makes `read_table` raise anything else.

Limits: at most MAX_TABLE_BYTES (2 MB) per file; a CSV field at most csv's field limit (131 072
characters); the first worksheet of a workbook is read. Row limits belong to each importer.
"""

import csv
import datetime
import io

from openpyxl import load_workbook

from . import office_files
from .text import describe, unprintable_characters

MAX_TABLE_BYTES = 2 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"
DELIMITERS = ";,\t"

TOO_LARGE = "Filen är större än 2 MB. Dela upp den i flera filer."
NOT_TEXT = "Filen går inte att läsa som text. Spara den som ”CSV UTF-8” eller som Excel-fil (.xlsx)."
NOT_XLSX = "Filen går inte att öppna som Excel-fil (.xlsx). Spara den på nytt i Excel och försök igen."
NO_SHEET = "Excel-filen har inget kalkylblad med rader (bara diagram eller inget alls)."
BROKEN_SHEET = "Kalkylbladet är trasigt från den här raden och kan inte läsas. Spara filen på nytt i Excel."


class UnreadableTable(Exception):
    """The file cannot be read as a table: `line` (or None for the whole file) and a Swedish `message`."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def read_table(data: bytes, filename: str = "") -> list[tuple[int, list]]:
    """(line number, cells) for every row of a CSV or XLSX file (detected), blank rows included.

    CSV cells are text; XLSX cells are what the cell holds (text, number, date, time, None).
    Raises UnreadableTable, and nothing else, for a file that cannot be read.
    """
    if len(data) > MAX_TABLE_BYTES:
        raise UnreadableTable(None, TOO_LARGE)
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return _xlsx_records(data)
    text = decode_text(data)
    if not text.strip():
        return []
    # strict: a quote that is never closed is an error, not a field that swallows the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    return list(_csv_records(reader))


def cell_text(value) -> str:
    """A cell as text: dates as 2019-05-23, whole numbers without .0."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def text_problems(value: str) -> list[str]:
    """What keeps an imported text from being stored (NUL: PostgreSQL cannot) or exported and printed
    (control characters): the same rule as the forms' clean-text field, as Swedish sentences."""
    problems = []
    if "\x00" in value:
        problems.append("null-tecken är inte tillåtna.")
    if found := unprintable_characters(value):
        problems.append(
            f"tecken som inte kan skrivas ut eller exporteras ({describe(found)}), "
            "till exempel styrtecken från inklistrad text."
        )
    return problems


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with BOM, or without it when every other byte is NUL),
    else Windows-1252: what Swedish Excel writes as "CSV (semikolonavgränsad)"."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(data, "utf-16")
    sample = data[:4000]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
        return _decoded(data, "utf-16-le")
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
        return _decoded(data, "utf-16-be")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined: read as Latin-1
        return data.decode("latin-1")


def _decoded(data, encoding):
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError:
        raise UnreadableTable(None, NOT_TEXT) from None


def _delimiter(text: str) -> str:
    """Semicolon, comma or tab: the one the header line uses most (outside quotes, by csv.Sniffer)."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(first_line, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return max(DELIMITERS, key=first_line.count)


def _xlsx_records(data: bytes) -> list[tuple[int, list]]:
    """The rows of the first worksheet. openpyxl reads lazily, so a sheet can break after it opened.
    The file passes the Office-file guard first (zip bombs, XML declarations: documents.office_files)."""
    try:
        office_files.check_office_file(data)
    except office_files.NotAnOfficeFile:
        raise UnreadableTable(None, NOT_XLSX) from None
    except office_files.UnsafeOfficeFile as unsafe:
        raise UnreadableTable(None, unsafe.message) from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableTable(None, NOT_XLSX) from None
    records = []
    try:
        if not workbook.worksheets:
            raise UnreadableTable(None, NO_SHEET)
        for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            records.append((number, list(values)))
    except UnreadableTable:
        raise
    except Exception:  # noqa: BLE001 - broken sheet XML, an odd cell: whatever the parser raises
        raise UnreadableTable(len(records) + 1, BROKEN_SHEET) from None
    finally:
        workbook.close()
    return records


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


def _csv_records(reader):
    """(line where the record begins, record) for every record; a broken one raises UnreadableTable."""
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
            raise UnreadableTable(line, f"Raden kan inte läsas: {problem}") from None
        yield line, record
