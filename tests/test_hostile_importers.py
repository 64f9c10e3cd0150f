"""Every importer, fed anything, imports the file or refuses it with a Swedish message; a refused file
leaves nothing behind, and an imported one only what it said it would, in text every document can hold.

The importers (IMPORTERS, one row per upload URL; a new one that is not registered fails
`test_every_importer_is_walked`) are driven the way a person drives them: the upload form, and for the
activity import its preview and confirmation with every row kept. Every example runs in a savepoint
that is rolled back; around it every table of the project is counted.

Inputs, from hypothesis: random bytes (alone, and after a valid header row), CSV files that are well
formed but odd (encodings Excel and others write, any of four separators, any line ending, quoting,
blank lines, BOM, huge and control-character cells), and XLSX workbooks with odd cell types (numbers,
floats, booleans, dates and times, dates as Excel serial numbers, durations, formulas, huge cells), empty
sheets and extra sheets. Plus a few fixed files that once answered 500.
"""

import csv
import datetime
import io
import os
import re
import uuid
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from openpyxl import Workbook

from documents.text import unprintable_characters
from plans.import_views import PENDING
from plans.models import Chapter
from plans.word_import_views import PENDING as WORD_PENDING
from tests.factories import ActionPlanFactory, ChapterFactory, PlanRevisionFactory
from tests.routes import all_routes

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    # 50 keeps the suite short; VBE_IMPORT_EXAMPLES=400 for a longer hunt.
    max_examples=int(os.environ.get("VBE_IMPORT_EXAMPLES", "50")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HUGE = "x" * 140_000  # over csv's 131,072-character field limit, under the 2 MB upload limit
# A Swedish message says something in Swedish; an English exception text passed through does not.
_SWEDISH = re.compile(r"\b(inte|saknas|är|för|kan|finns|filen|rad|raden|tecken|högst|fler)\b", re.IGNORECASE)
_ENGLISH = re.compile(r"\b(error|line contains|field larger|expected|traceback|exception)\b", re.IGNORECASE)


@dataclass
class Outcome:
    imported: bool
    messages: list[str]
    html: str


@dataclass(frozen=True)
class Importer:
    url_name: str
    send: object  # (client, env, data, filename) -> Outcome
    writes: frozenset  # the tables an import may add rows to
    header: str  # a valid header row, for "random bytes after a header"


def _form_messages(response):
    form = (response.context or {}).get("form")
    return [str(m) for errors in (form.errors.values() if form is not None else []) for m in errors]


def _send_plans(client, env, data, filename):
    """Upload, then confirm every previewed row (as a person who keeps them all)."""
    revision = env["draft"]
    client.force_login(env["coordinator"])
    upload = SimpleUploadedFile(filename, data)
    response = client.post(
        reverse("plans:revision_import", args=[revision.pk]),
        {"file": upload, "submission": str(uuid.uuid4())},
    )
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        return _plans_refusal(response)
    lines = [str(line) for line, _row in client.session[PENDING.format(pk=revision.pk)]["rows"]]
    confirm = client.post(reverse("plans:revision_import_confirm", args=[revision.pk]), {"include": lines})
    assert confirm.status_code in (200, 400), confirm.status_code
    if confirm.status_code == 400:
        return _plans_refusal(confirm)
    assert confirm.context["result"].created == len(lines)
    return Outcome(True, [], confirm.content.decode())


def _plans_refusal(response):
    errors = response.context.get("import_errors") or []
    for line, _message in errors:
        assert line is None or (isinstance(line, int) and line >= 1), line
    messages = [f"Rad {line}: {m}" if line else m for line, m in errors] + _form_messages(response)
    return Outcome(False, messages, response.content.decode())


def _send_meetings(client, env, data, filename):
    client.force_login(env["secretary"])
    upload = SimpleUploadedFile(filename, data)
    response = client.post(
        reverse("meetings:meeting_import"),
        {"organisation": env["committee"].pk, "year": 2026, "file": upload},
    )
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 302:
        return Outcome(True, [], "")
    messages = [str(e) for e in response.context["errors"]] + _form_messages(response)
    return Outcome(False, messages, response.content.decode())


def _send_word(client, env, data, filename):
    """The Word import into a new draft of the plan that has none: upload, then confirm every chapter."""
    plan = env["word_plan"]
    client.force_login(env["coordinator"])
    response = client.post(
        reverse("plans:plan_word_import", args=[plan.pk]),
        {"file": SimpleUploadedFile(filename, data), "year": 2030, "submission": str(uuid.uuid4())},
    )
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        return _plans_refusal(response)
    chapters = client.session[WORD_PENDING.format(pk=plan.pk)]["chapters"]
    url = reverse("plans:plan_word_import_confirm", args=[plan.pk])
    confirm = client.post(url, {"chapter": [str(n) for n in range(len(chapters))]})
    assert confirm.status_code in (200, 400), confirm.status_code
    if confirm.status_code == 400:
        return _plans_refusal(confirm)
    return Outcome(True, [], confirm.content.decode())


def _tables(*labels):
    return frozenset(labels)


IMPORTERS = {
    "plans:revision_import": Importer(
        "plans:revision_import",
        _send_plans,
        _tables(
            "plans.activity",
            "plans.historicalactivity",
            "plans.chapter",
            "plans.historicalchapter",
            "organisations.formsubmission",
            "plans.catalogueentry",  # the search index of the activities
        ),
        "Kapitel;Aktivitet;Syfte/mål;Ansvarig;Samverkan;Tidplan;Uppföljning\n",
    ),
    "plans:plan_word_import": Importer(
        "plans:plan_word_import",
        _send_word,
        _tables(
            "plans.planrevision",
            "plans.historicalplanrevision",
            "plans.activity",
            "plans.historicalactivity",
            "plans.chapter",
            "plans.historicalchapter",
            "organisations.formsubmission",
            "plans.catalogueentry",
        ),
        "Aktivitet;Ansvarig;Tidplan;Uppföljning\n",  # a Word plan's table header, sent as text: refused
    ),
    "meetings:meeting_import": Importer(
        "meetings:meeting_import",
        _send_meetings,
        _tables("meetings.meeting", "meetings.historicalmeeting"),
        "Datum;Tid;Plats;Sista dag för handlingar\n",
    ),
}
NAMES = sorted(IMPORTERS)


def test_every_importer_is_walked():
    """Every upload page is an importer here: a route whose view takes a file."""
    routes = {r.name for r in all_routes() if r.name.split(":")[-1].endswith("_import")}
    assert routes == set(IMPORTERS), f"importers not walked: {routes - set(IMPORTERS)}"


@pytest.fixture
def env(committee, coordinator, secretary):
    draft = PlanRevisionFactory(plan__organisation=committee, year=2020)
    ChapterFactory(revision=draft, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE)
    ChapterFactory(revision=draft, heading="Inledning", kind=Chapter.Kind.PROSE)
    word_plan = ActionPlanFactory(organisation=committee, title="Handlingsplan i Word")  # no draft yet
    return {
        "draft": draft,
        "word_plan": word_plan,
        "committee": committee,
        "coordinator": coordinator,
        "secretary": secretary,
    }


def _counts():
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model is not Session and model._meta.app_label != "axes"
    }


def _new_text(label, before_count):
    """Text values of the rows an import added to `label` (rows past the ones counted before)."""
    model = apps.get_model(label)
    fields = [
        f.attname for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))
    ]
    rows = model._default_manager.order_by("pk").values_list(*fields)[before_count:]
    return [value for row in rows for value in row if isinstance(value, str)]


def _attempt(importer, env, data, filename):
    """Send one file in a savepoint that is rolled back; check the outcome; return it."""
    with transaction.atomic():
        before = _counts()
        outcome = importer.send(Client(), env, data, filename)
        after = _counts()
        changed = {label for label in after if after[label] != before[label]}
        if outcome.imported:
            assert changed, "an import that added nothing"
            assert changed <= importer.writes, f"an import wrote elsewhere: {changed - importer.writes}"
            for label in changed:
                for value in _new_text(label, before[label]):
                    assert "\x00" not in value and not unprintable_characters(value), (
                        f"{label} stored text no document can hold: {value[:60]!r}"
                    )
        else:
            assert outcome.messages, "refused without a message"
            for message in outcome.messages:
                assert _SWEDISH.search(message) and not _ENGLISH.search(message), message
                assert escape(message) in outcome.html, f"the message is not shown: {message}"
            assert not changed, f"a refused file left something behind: {sorted(changed)}"
        transaction.set_rollback(True)
    if currently_in_test_context():
        event("imported" if outcome.imported else "refused")
    return outcome


# --- random bytes ----------------------------------------------------------------------------------

FILENAMES = st.sampled_from(["fil.csv", "fil.xlsx", "fil.txt", "fil"])


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(data=st.binary(max_size=600), filename=FILENAMES)
@example(data=b"PK\x03\x04" + b"\x00" * 40, filename="fil.csv")
@example(data=b"\xff\xfe" + b"\x00\xd8", filename="fil.csv")  # UTF-16 with a lone surrogate
def test_random_bytes_are_imported_or_refused(env, name, data, filename):
    _attempt(IMPORTERS[name], env, data, filename)


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(data=st.binary(max_size=400))
def test_random_bytes_after_a_valid_header_are_imported_or_refused(env, name, data):
    _attempt(IMPORTERS[name], env, IMPORTERS[name].header.encode() + data, "fil.csv")


# --- well-formed but odd CSV -----------------------------------------------------------------------

ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        '"',
        '""',
        ";",
        ",",
        "\t",
        "\n",
        "\r",
        "=1+1",
        '=HYPERLINK("http://example.invalid")',
        "\ufeff",
        "\x00",
        "\x0b",
        "Före\x01efter",
        "\x7f\x85",
        "\u202egnp.exe",
        "Ha\u0308ndelse 👩🏽‍💻",
        "Förebyggande arbete",
        "Inledning",
        HUGE,
        "y" * 300,
    ]
)
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30) | ODD_TEXT
DATES = st.dates(datetime.date(2025, 6, 1), datetime.date(2026, 12, 31))
DATE_TEXT = (
    DATES.map(lambda d: d.isoformat())
    | DATES.map(lambda d: f"{d.year}-{d.month}-{d.day}")
    | DATES.map(lambda d: f"{d.day}/{d.month} {d.year}")
    | DATES.map(lambda d: d.isoformat() + " 00:00:00")
    | st.sampled_from(["45000", "45000.5", "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "igår"])
)
TIME_TEXT = st.times().map(lambda t: t.strftime("%H:%M")) | st.sampled_from(
    ["8.15", "kl 8.15", "Kl. 08:15", "25:00", "08:60", "0.5", "åtta", ""]
)


NAMED = st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30)
YEAR = st.dates(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def _importable(name, as_text=True):
    """A row that should import, as {column: value}: most rows are these, the rest are anything."""
    if name == "plans:revision_import":
        heading = st.sampled_from(["Förebyggande arbete", "Nytt kapitel"]) | NAMED.map(lambda t: "K " + t)
        return st.fixed_dictionaries(
            {"Kapitel": heading, "Aktivitet": NAMED.map(lambda t: "A " + t)},
            optional={"Syfte/mål": NAMED, "Ansvarig": NAMED, "Tidplan": NAMED},
        )
    day = (
        YEAR.map(lambda d: d.isoformat())
        if as_text
        else YEAR | YEAR.map(lambda d: datetime.datetime(d.year, d.month, d.day))
    )
    clock = st.times(datetime.time(6), datetime.time(21)).map(lambda t: t.replace(second=0, microsecond=0))
    return st.fixed_dictionaries(
        {"Datum": day},
        optional={
            "Tid": clock.map(lambda t: t.strftime("%H:%M") if as_text else t),
            "Plats": NAMED,
        },
    )


def _rows(name, header, cell, as_text=True):
    importable = _importable(name, as_text).map(lambda row: [row.get(column, "") for column in header])
    return st.lists(importable | importable | st.lists(cell, max_size=6), max_size=6)


def _odd_cells(name):
    return (DATE_TEXT | TIME_TEXT | ANY_TEXT) if name == "meetings:meeting_import" else ANY_TEXT


ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be", "mac-roman"]


@st.composite
def odd_csv(draw, name):
    header = IMPORTERS[name].header.strip().split(";")
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    out = io.StringIO(newline="")
    writer = csv.writer(
        out,
        delimiter=draw(st.sampled_from([";", ";", ",", "\t", "|"])),
        lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])),
    )
    if draw(st.integers(0, 4)):  # now and then no header row at all
        writer.writerow(header)
    for row in draw(_rows(name, header, _odd_cells(name))):
        if draw(st.integers(0, 3)) == 0:
            writer.writerow([])
        writer.writerow(row)
    text = out.getvalue()
    if draw(st.integers(0, 3)) == 0:
        text = text.rstrip("\r\n")  # the last line without a line break
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace"), draw(st.sampled_from(["fil.csv", "fil.txt"]))


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(case=st.data())
def test_odd_but_well_formed_csv_is_imported_or_refused(env, name, case):
    data, filename = case.draw(odd_csv(name))
    _attempt(IMPORTERS[name], env, data, filename)


# --- well-formed but odd XLSX ----------------------------------------------------------------------

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CELL = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(datetime.datetime(1900, 3, 1), datetime.datetime(2100, 1, 1)),
    DATES,
    st.times(),
    st.timedeltas(datetime.timedelta(0), datetime.timedelta(days=3)),
    st.sampled_from([45000, 45000.5, 0.34375, "=1+1", "=NOW()", '=HYPERLINK("http://x.invalid")', "=A1/0"]),
    (DATE_TEXT | TIME_TEXT | ANY_TEXT).map(lambda text: _XML_ILLEGAL.sub("", text)[:40_000]),
)


@st.composite
def odd_xlsx(draw, name):
    book = Workbook()
    first = book.active
    first.title = draw(st.sampled_from(["Blad1", "Sammanträden", "Aktiviteter", "'x'"]))
    if draw(st.integers(0, 5)):  # now and then the first sheet is empty
        header = draw(st.permutations(IMPORTERS[name].header.strip().split(";")))
        if draw(st.integers(0, 4)):
            first.append(header)
        for row in draw(_rows(name, header, CELL, as_text=draw(st.booleans()))):
            first.append(row)
        if draw(st.booleans()):
            first.cell(row=draw(st.integers(1, 60)), column=draw(st.integers(1, 40)), value=draw(CELL))
    for _ in range(draw(st.integers(0, 2))):
        book.create_sheet().append(draw(st.lists(CELL, max_size=3)))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), draw(st.sampled_from(["fil.xlsx", "fil.csv", "fil"]))


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(case=st.data())
def test_odd_but_well_formed_xlsx_is_imported_or_refused(env, name, case):
    data, filename = case.draw(odd_xlsx(name))
    _attempt(IMPORTERS[name], env, data, filename)


# --- fixed files that once answered 500 ------------------------------------------------------------


def _workbook(build):
    book = Workbook()
    build(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _only_a_chart_sheet(book):
    book.create_chartsheet("Diagram")
    book.remove(book.active)


def _broken_sheet_xml(data: bytes) -> bytes:
    """The workbook with its first sheet's XML cut in half: it opens, and fails while rows are read."""
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    return out.getvalue()


def _rows_book(name):
    def build(book):
        book.active.append(IMPORTERS[name].header.strip().split(";"))
        for _ in range(30):
            book.active.append(["Förebyggande arbete", "2026-03-26", "08:15", "Stadshuset"])

    return build


FIXED = {
    "huge-field": lambda name: (IMPORTERS[name].header + f"2026-03-26;08:15;{HUGE};\n").encode(),
    "huge-field-no-newline": lambda name: (IMPORTERS[name].header + HUGE).encode(),
    "unterminated-quote": lambda name: (
        IMPORTERS[name].header + '2026-03-26;"Stadshuset\n2026-04-23;;;\n'
    ).encode(),
    "text-after-quote": lambda name: (IMPORTERS[name].header + '2026-03-26;"08:15"x;A;\n').encode(),
    "nul-in-a-cell": lambda name: (IMPORTERS[name].header + "2026-03-26;08:15;Stads\x00huset;\n").encode(),
    "control-in-a-cell": lambda name: (
        IMPORTERS[name].header + "2026-03-26;08:15;Stads\x01huset;\n"
    ).encode(),
    "utf-16-with-bom": lambda name: (IMPORTERS[name].header + "2026-03-26;08:15;Rådhuset;\n").encode(
        "utf-16"
    ),
    "only-a-chart-sheet": lambda name: _workbook(_only_a_chart_sheet),
    "broken-sheet-xml": lambda name: _broken_sheet_xml(_workbook(_rows_book(name))),
    "too-large": lambda name: (IMPORTERS[name].header + "2026-03-26;08:15;Stadshuset;\n" * 80_000).encode(),
}


@pytest.mark.parametrize("case", sorted(FIXED))
@pytest.mark.parametrize("name", NAMES)
def test_files_that_once_answered_500_are_refused_or_imported(env, name, case):
    data = FIXED[case](name)
    _attempt(IMPORTERS[name], env, data, "fil.xlsx" if data.startswith(b"PK") else "fil.csv")
