"""Hostile text through every spreadsheet export: every export URL, a hostile value in every text field.

Text reaches the database by many paths (forms, import, admin, text stored before today's rules), so
the values are written straight into the rows. For each value, every text field the export shows gets it
at once (with a marker naming the field), the export is fetched, and the file is read the way a
spreadsheet program reads it:
- it opens (no server error, openpyxl can read the XLSX);
- no cell is a formula, and no text cell starts with = + - @, tab or CR, also after leading whitespace,
  unless defused with a leading apostrophe; no cell holds a character XLSX cannot hold;
- CSV: every text cell is quoted, so a comma or semicolon inside a value never starts a new cell;
- every field's value arrives (its marker is in a cell): nothing is dropped to make the file safe.

An export URL is any route ending in .xlsx or .csv; one the registry below lacks fails
`test_every_export_url_is_walked`.
"""

import csv
import datetime
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from documents.spreadsheet import FORMULA_PREFIXES
from followup import services as followup_services
from followup.models import FollowUpStatus
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory
from tests.hostile import CORPUS, Hostile
from tests.routes import all_routes

pytestmark = pytest.mark.django_db

SPREADSHEET = [
    Hostile("formula-equals", "=1+1"),
    Hostile("formula-plus", "+41 8 123 45"),
    Hostile("formula-minus", "-2+3"),
    Hostile("formula-at", "@SUM(A1:A9)"),
    Hostile("leading-tab", "\t=1+1"),
    Hostile("leading-cr", "\r=1+1"),
    Hostile("spaces-then-formula", '   =HYPERLINK("http://example.invalid")'),
    Hostile("newline-then-formula", "\n=1+1"),
    Hostile("nbsp-then-formula", "\u00a0=1+1"),
    Hostile("formula-after-comma", 'Text,=HYPERLINK("http://example.invalid";"x")'),
    Hostile("formula-after-semicolon", "Text;=1+1;@x"),
    Hostile("quotes", "Citat \"inne\" och 'ute'"),
    Hostile("word-vertical-tab", "Rad ett\x0bRad två"),
    Hostile("c0-controls", "Före\x01\x02\x08\x0c\x0e\x1f efter"),
    Hostile("del-and-c1", "Före\x7f\x85\x9f efter"),
    Hostile("xml-noncharacters", "Före\ufffe\uffff efter"),
    Hostile("dde", "=cmd|' /C calc'!A0"),
]
# NUL cannot be stored in PostgreSQL text at all (and no form lets it in): it is not a stored value.
VALUES = [h for h in CORPUS if "\x00" not in h.value] + SPREADSHEET

_FIELD = r'(?:"(?:[^"]|"")*"|-?\d+)'
_QUOTED_CSV = re.compile(rf"(?:{_FIELD}(?:;{_FIELD})*\r\n)*")
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _set(obj, name, value):
    limit = obj._meta.get_field(name).max_length
    setattr(obj, name, value if limit is None else value[:limit])
    obj.save()


@pytest.fixture
def world(committee, unit, coordinator):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    # A responsible unit: the follow-up export groups by it, so its name is a field the export shows.
    activity = ActivityFactory(chapter=ChapterFactory(revision=revision), responsible_unit=unit)
    round_ = followup_services.open_round(
        revision=revision,
        kind="helar",
        period="Helår 2019",
        deadline=datetime.date(2099, 1, 1),
        by=coordinator,
    )
    entry = round_.entries.get()
    status = FollowUpStatus.objects.default_scale().first()
    followup_services.report(entry=entry, status=status, narrative="x", version=1, by=coordinator)
    entry.refresh_from_db()
    round_.refresh_from_db()
    return {
        "organisation": committee,
        "unit": unit,
        "plan": revision.plan,
        "revision": revision,
        "chapter": activity.chapter,
        "activity": activity,
        "round": round_,
        "entry": entry,
        "status": status,
        "reporter": coordinator,
    }


ACTIVITY_TEXTS = ["text", "purpose", "responsible", "partners", "timing", "follow_up_method"]
CATALOGUE_FIELDS = [
    ("organisation", "name"),
    ("chapter", "heading"),
    *[("activity", name) for name in ACTIVITY_TEXTS],
]
# What each export shows, as (object of the world, field).
EXPORTS = {
    "plans:activity_export_xlsx": CATALOGUE_FIELDS,
    "plans:activity_export_csv": CATALOGUE_FIELDS,
    "followup:round_export": [
        ("organisation", "name"),
        ("unit", "name"),
        ("plan", "title"),
        ("revision", "decided_by"),
        ("revision", "paragraph"),
        ("revision", "diary_number"),
        ("round", "period"),
        ("round", "overall_comment"),
        ("chapter", "heading"),
        ("activity", "text"),
        ("activity", "purpose"),
        ("entry", "narrative"),
        ("status", "label"),
        ("reporter", "first_name"),
        ("reporter", "last_name"),
    ],
}


def _url(name, world):
    if name == "followup:round_export":
        return reverse(name, args=[world["round"].pk])
    return reverse(name)


def test_every_export_url_is_walked():
    exports = {r.name for r in all_routes() if r.route.endswith((".xlsx", ".csv"))}
    assert exports == set(EXPORTS), f"export URLs without a row in EXPORTS: {exports - set(EXPORTS)}"


def _cells_xlsx(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.data_type != "f", (
                        f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                    )
                    yield cell.value


def _cells_csv(content):
    text = content.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        yield from row
    # Every text cell is quoted: a comma or semicolon inside a value never starts a new cell.
    assert _QUOTED_CSV.fullmatch(text), "a text cell is not quoted"


def _problems(cells):
    for value in cells:
        if not isinstance(value, str):
            continue
        if value.startswith(("\t", "\r")) or value.lstrip().startswith(FORMULA_PREFIXES):
            yield f"cell would run as a formula: {value[:60]!r}"
        if _XLSX_ILLEGAL.search(value):
            yield f"cell holds a character XLSX cannot hold: {value[:60]!r}"


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_every_text_field_of_every_export_is_defused(client, world, export):
    client.force_login(world["reporter"])
    failures = []
    for hostile in VALUES:
        markers = {}
        for index, (obj_name, field) in enumerate(EXPORTS[export]):
            marker = f"«{index}»"
            markers[marker] = f"{obj_name}.{field}"
            obj = world[obj_name]
            limit = obj._meta.get_field(field).max_length or len(hostile.value) + len(marker)
            _set(obj, field, hostile.value[: limit - len(marker)] + marker)
        response = client.get(_url(export, world))
        if response.status_code != 200:
            failures.append(f"{hostile.name}: status {response.status_code}")
            continue
        try:
            reader = _cells_csv if export.endswith("_csv") else _cells_xlsx
            cells = list(reader(response.content))
        except (AssertionError, Exception) as error:  # an unreadable file is a failure like any other
            failures.append(f"{hostile.name}: {error}")
            continue
        failures += [f"{hostile.name}: {problem}" for problem in _problems(cells)]
        text = "\n".join(str(c) for c in cells)
        failures += [
            f"{hostile.name}: {where} missing" for marker, where in markers.items() if marker not in text
        ]
    assert not failures, "\n".join(failures[:40])


def test_no_export_writes_spreadsheets_around_the_one_writer():
    """openpyxl and csv.writer only in documents/spreadsheet.py: no export can skip `cell_value`."""
    root = Path(__file__).resolve().parents[1]
    offenders = []
    for path in root.glob("*/**/*.py"):
        relative = path.relative_to(root).as_posix()
        if relative.startswith((".venv/", "tests/", "bench/")) or relative == "documents/spreadsheet.py":
            continue
        source = path.read_text(encoding="utf-8")
        # Reading a workbook (an importer's load_workbook) is fine; writing one or a CSV is the writer's.
        if re.search(r"\bWorkbook\(|WriteOnlyCell|csv\.(writer|DictWriter)", source):
            offenders.append(relative)
    assert not offenders, f"write spreadsheets through documents.spreadsheet: {offenders}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("  @x", "'  @x"),
        ("\t=1", "'\t=1"),
        ("\u00a0-1", "'\u00a0-1"),
        ("Rad\x0bny", "Rad\nny"),
        ("a\x01b\ufffec", "abc"),
        ("Vanlig text - med bindestreck", "Vanlig text - med bindestreck"),
        (2019, 2019),
    ],
)
def test_cell_value(value, expected):
    from documents.spreadsheet import cell_value

    assert cell_value(value) == expected
