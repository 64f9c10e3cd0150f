"""One guard for every Office file the portal reads: zip bombs and XML declarations are refused before
python-docx or openpyxl open the file, in the Word import and in both spreadsheet imports."""

import io
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from documents import office_files
from meetings.importer import ImportFailed, read_meetings
from plans import exchange, word_reader


def _docx() -> bytes:
    document = Document()
    document.add_heading("Inledning", 1)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    book = Workbook()
    book.active.append(["Datum", "Tid", "Plats"])
    book.active.append(["2026-03-26", "08:15", "Stadshuset"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with(data: bytes, extra: dict[str, bytes] | None = None, change=None) -> bytes:
    """`data` re-zipped, each member through `change(name, body)`, with `extra` members added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            target.writestr(item.filename, change(item.filename, body) if change else body)
        for name, body in (extra or {}).items():
            target.writestr(name, body)
    return buffer.getvalue()


def bomb(data: bytes) -> bytes:
    # 20 MB of zeros packs into about 20 kB: a ratio of 1000, where XML packs 10-30 times.
    return _with(data, {"customXml/item9.xml": b"\0" * (20 * 1024 * 1024)})


def with_doctype(data: bytes, part: str, encoding="utf-8") -> bytes:
    def change(name, body):
        if name != part:
            return body
        text, declaration = body.decode("utf-8"), '<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>'
        text = text.replace("?>", "?>" + declaration, 1) if text.startswith("<?xml") else declaration + text
        return text.encode(encoding)

    return _with(data, change=change)


def test_ordinary_word_and_excel_files_pass():
    office_files.check_office_file(_docx())
    office_files.check_office_file(_xlsx())


def test_a_zip_bomb_is_refused_before_anything_inflates_it():
    with pytest.raises(office_files.UnsafeOfficeFile) as refused:
        office_files.check_office_file(bomb(_docx()))
    assert "packad mer än 100 gånger" in refused.value.message and "zip-bomb" in refused.value.message


def test_declared_sizes_and_member_count_are_bounded(monkeypatch):
    with pytest.raises(office_files.UnsafeOfficeFile) as refused:
        office_files.check_office_file(_with(_docx(), {f"word/media/{n}.bin": b"x" for n in range(1_001)}))
    assert "fler än de 1000 som tillåts" in refused.value.message
    monkeypatch.setattr(office_files, "MAX_TOTAL_BYTES", 10_000)
    with pytest.raises(office_files.UnsafeOfficeFile) as refused:
        office_files.check_office_file(_with(_docx(), {"word/media/big.bin": bytes(range(256)) * 100}))
    assert "när den packas upp" in refused.value.message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_xml_with_a_doctype_or_entity_is_refused_in_any_encoding(encoding):
    with pytest.raises(office_files.UnsafeOfficeFile) as refused:
        office_files.check_office_file(with_doctype(_docx(), "word/document.xml", encoding))
    assert "”word/document.xml” innehåller en DOCTYPE- eller ENTITY-deklaration" in refused.value.message


def test_not_a_zip_is_told_apart_from_an_unsafe_zip():
    with pytest.raises(office_files.NotAnOfficeFile):
        office_files.check_office_file(b"Datum;Tid\n2026-01-29;08:15\n")


def test_the_word_import_uses_the_guard():
    with pytest.raises(exchange.ImportRejected) as refused:
        word_reader.read_word_plan(bomb(_docx()), plan_kind="vbe")
    assert "zip-bomb" in refused.value.errors[0][1]


@pytest.mark.parametrize("make", [bomb, lambda data: with_doctype(data, "xl/worksheets/sheet1.xml")])
def test_both_spreadsheet_imports_use_the_guard(make):
    data = make(_xlsx())
    with pytest.raises(exchange.ImportRejected) as refused:
        exchange.parse_csv(data, "aktiviteter.xlsx")
    message = refused.value.errors[0][1]
    assert "zip-bomb" in message or "DOCTYPE" in message
    with pytest.raises(ImportFailed) as failed:
        read_meetings(data)
    assert failed.value.errors == [message]
