"""The one spreadsheet writer of every export (XLSX and CSV): every cell passes `cell_value`.

`cell_value` is the only place that knows what a spreadsheet would do with text:
- text a spreadsheet would run as a formula (starting with = + - @, tab or CR, also after leading
  whitespace) gets a leading apostrophe (CSV/formula injection, OWASP);
- characters XLSX cannot hold are removed, Word's vertical tab becomes a line break (`documents.text`);
- text longer than a cell can hold (32,767 characters) is shortened with a visible mark.
CSV quotes every text cell, so that a comma, semicolon, quote or line break inside a cell can never
start a new cell in a program that guesses another delimiter (a cell "x,=1+1" stays one cell).
No other module imports openpyxl or writes CSV (a test checks the sources).
"""

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .text import printable

FORMULA_PREFIXES = ("=", "+", "-", "@")
_FORMULA_STARTS = ("\t", "\r")
MAX_CELL_CHARS = 32_767
_SHORTENED = " … [förkortad]"

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")


def cell_value(value):
    """A value as it is safe to put in any spreadsheet cell; numbers and dates pass unchanged."""
    if not isinstance(value, str):
        return value
    starts_formula = value.startswith(_FORMULA_STARTS) or value.lstrip().startswith(FORMULA_PREFIXES)
    text = printable(value)
    if starts_formula:
        text = "'" + text
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(_SHORTENED)] + _SHORTENED
    return text


class Sheet:
    """A worksheet that only takes rows through `cell_value`."""

    def __init__(self, workbook, worksheet, *, write_only):
        self._workbook = workbook
        self.worksheet = worksheet
        self._write_only = write_only

    def widths(self, widths: Iterable[int]):
        for index, width in enumerate(widths, start=1):
            self.worksheet.column_dimensions[get_column_letter(index)].width = width

    def append(self, values: Iterable = (), *, font=None, wrap=False, number_formats=None):
        """One row; `number_formats` maps a 1-based column to an Excel number format."""
        number_formats = number_formats or {}
        if self._write_only:
            row = []
            for column, value in enumerate(values, start=1):
                cell = WriteOnlyCell(self.worksheet, value=cell_value(value))
                self._style(cell, font, wrap, number_formats.get(column))
                row.append(cell)
            self.worksheet.append(row)
            return
        self.worksheet.append([cell_value(value) for value in values])
        for cell in self.worksheet[self.worksheet.max_row]:
            self._style(cell, font, wrap, number_formats.get(cell.column))

    @staticmethod
    def _style(cell, font, wrap, number_format):
        if font is not None:
            cell.font = font
        if wrap:
            cell.alignment = WRAP
        if number_format:
            cell.number_format = number_format

    @property
    def last_row(self) -> int:
        return self.worksheet.max_row


class Spreadsheet:
    """An XLSX workbook of `Sheet`s. `write_only` streams large exports with little memory."""

    def __init__(self, *, write_only=False):
        self._write_only = write_only
        self._workbook = Workbook(write_only=write_only)
        self._first = None if write_only else self._workbook.active

    def sheet(self, title: str) -> Sheet:
        if self._first is not None:
            worksheet, self._first = self._first, None
            worksheet.title = title
        else:
            worksheet = self._workbook.create_sheet(title)
        return Sheet(self._workbook, worksheet, write_only=self._write_only)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self._workbook.save(buffer)
        return buffer.getvalue()


def csv_bytes(rows: Iterable[Iterable]) -> bytes:
    """UTF-8 with BOM and semicolons (what Excel with Swedish settings opens), every text cell quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    for row in rows:
        writer.writerow([cell_value("" if value is None else value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
