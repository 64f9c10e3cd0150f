"""Hostile input in the nämnd's PDFs: the corpus is printed as text, literally, and nothing is fetched.

Every storable corpus value (tests/hostile.py) goes into each field of a plan that reaches the PDF:
chapter heading and body, every column of the activity table, and the adoption (beslutande organ,
paragraf, diarienummer). The plan and its beslutsförslag are rendered once each and read back with
pdftotext. How the values got there through the forms is covered by tests/test_hostile_forms.py.
"""

import datetime
import re
import shutil
import subprocess
import unicodedata

import pytest

from documents import render
from plans import pdf
from plans.models import Chapter
from tests.factories import ActionPlanFactory, ActivityFactory, ChapterFactory, PlanRevisionFactory
from tests.hostile import CORPUS

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
    ),
]

VALUES = [h.value for h in CORPUS if "\x00" not in h.value and len(h.value) <= 100]
FILLER = "Ifyllnadstext"  # the required activity text of rows that carry a value in another column
ACTIVITY_COLUMNS = ("text", "purpose", "responsible", "partners", "timing", "follow_up_method")


def printed(value: str, *, spaces=False) -> str:
    """What a reader sees of `value`: bidi overrides applied (visual order), invisible characters
    (controls, zero-width, bidi marks) gone, whitespace ignored since lines wrap anywhere. Hyphens are
    ignored too: a line may break after "-", and pdftotext joins such a line to the next without it."""
    value = re.sub("\u202e([^\u202c]*)\u202c", lambda m: m.group(1)[::-1], value).replace("-", "")
    value = re.sub(r"[\r\n\t]", " ", unicodedata.normalize("NFC", value))
    hidden = ("Cc", "Cf") if spaces else ("Cc", "Cf", "Zs", "Zl", "Zp")
    return "".join(c for c in value if unicodedata.category(c) not in hidden)


def pdf_text(content: bytes, tmp_path, *, spaces=False) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return printed(result.stdout, spaces=spaces)


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint asked for while rendering."""
    urls = []
    original = render.StaticOnlyURLFetcher.fetch

    def fetch(self, url, headers=None):
        urls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(render.StaticOnlyURLFetcher, "fetch", fetch)
    return urls


@pytest.fixture
def hostile_revision(committee):
    revision = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2020)
    for order, value in enumerate(VALUES):
        ChapterFactory(revision=revision, order=order, heading=value, kind=Chapter.Kind.PROSE, body=value)
    table = ChapterFactory(
        revision=revision, order=len(VALUES), heading="Aktiviteter", kind=Chapter.Kind.OTHER
    )
    # One row per value and column, the other columns empty: table cells wrap line by line, and a
    # neighbouring cell's text would otherwise be read in between .
    empty = dict.fromkeys(ACTIVITY_COLUMNS, "")
    for value in VALUES:
        for column in ACTIVITY_COLUMNS:
            ActivityFactory(chapter=table, **{**empty, "text": FILLER, column: value})
    return revision


def _assert_only_static_files_fetched(urls):
    static = render.BASE_URL.rstrip("/") + "/static/"
    assert urls, "the fetcher was not consulted: is the hook still in place?"
    assert all(url.startswith((static, "data:")) for url in urls), f"fetched from outside: {urls}"


def test_the_plan_pdf_prints_every_hostile_value_literally(coordinator, hostile_revision, fetched, tmp_path):
    raw = pdf_text(pdf.revision_document(hostile_revision).content, tmp_path, spaces=True)
    text = printed(raw)
    missing = []
    for value in VALUES:
        # Heading and body of its chapter span the page: the whole value, literally.
        if text.count(printed(value)) < 2:
            missing.append((value, "heading and body", text.count(printed(value))))
        # Each of the six table columns: narrow cells wrap and pdftotext may read a neighbouring cell
        # between two lines, so every word of the value, as often as the table holds it.
        # A long word breaks inside its cell; an empty neighbouring cell prints "–" (not in the corpus).
        # Cells hyphenate (print.css), and pdftotext drops a "-" that ends a line, also a real one
        # ("…;-" + "-"): in the cells, hyphens are not counted.
        compact = text.replace("–", "").replace("-", "")
        for word in printed(value, spaces=True).replace("-", "").split():
            if compact.count(word) < 2 + len(ACTIVITY_COLUMNS):
                missing.append((value, word, compact.count(word)))
    assert not missing, f"not printed literally (value, where, times found): {missing}"
    _assert_only_static_files_fetched(fetched)


def test_the_adoption_fields_print_literally_in_both_documents(
    coordinator, secretary, committee, fetched, tmp_path
):
    from plans import services

    markup = [h.value for h in CORPUS if h.markup and len(h.value) <= 60]
    for index, value in enumerate(markup):
        revision = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee, title=f"Plan {index}"))
        ChapterFactory(revision=revision, heading="Inledning", kind=Chapter.Kind.PROSE)
        services.adopt_revision(
            revision=revision,
            decided_by=value,
            decided_on=datetime.date(2020, 5, 23),
            paragraph=value[:20],
            diary_number=value,
            by=secretary,
        )
        revision.refresh_from_db()
        for document in (pdf.revision_document, pdf.case_document):
            text = pdf_text(document(revision).content, tmp_path)
            assert printed(value) in text, (document.__name__, value)
            assert printed(value[:20]) in text
    _assert_only_static_files_fetched(fetched)
