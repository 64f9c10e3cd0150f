"""Whatever file is uploaded as a Word plan, it is imported whole or refused with a Swedish message, and
a refusal leaves nothing behind: random bytes, damaged Word files and odd but well-formed ones."""

import io
import re

import pytest
from django.db import transaction
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.exchange import ImportRejected
from plans.models import Activity, Chapter, PlanRevision
from plans.word_import import import_word_plan
from plans.word_reader import read_word_plan
from tests.factories import ActionPlanFactory

pytestmark = pytest.mark.django_db

SWEDISH = re.compile(r"\b(är|inte|har|saknar|saknas|kan|går|för|och|fler|finns|tecken)\b")
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What Word can hold: no control characters but tab and line feed, no surrogates, no U+FFFE/U+FFFF.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\t\n–-:"),
    max_size=40,
) | st.text(st.sampled_from("ab "), min_size=90, max_size=320)  # around the field limits
HEADERS = (
    st.sampled_from(
        [
            "Aktivitet",
            "Aktiviteter för förhindrande arbete",
            "Syfte/mål",
            "Mål",
            "Ansvarig",
            "Ansvarig aktör",
            "Samverkan",
            "Tidplan",
            "Klart",
            "Uppföljning",
            "Kapitel",
            "Källa",
            "",
        ]
    )
    | TEXT
)


@st.composite
def tables(draw):
    header = draw(st.lists(HEADERS, min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(TEXT, min_size=len(header), max_size=len(header)), max_size=4))
    return ("table", header, rows)


BLOCKS = st.lists(
    st.one_of(
        st.tuples(st.just("heading"), st.integers(0, 3), TEXT),
        st.tuples(st.just("paragraph"), st.sampled_from(["Normal", "List Bullet", "Caption"]), TEXT),
        tables(),
        st.tuples(st.just("sdt"), TEXT, st.just(None)),
    ),
    max_size=12,
)


def build(blocks) -> bytes:
    document = Document()
    for kind, first, second in blocks:
        if kind == "heading":
            document.add_heading(second, first)
        elif kind == "paragraph":
            document.add_paragraph(second, style=first)
        elif kind == "table":
            table = document.add_table(rows=0, cols=len(first))
            for values in [first, *second]:
                for cell, text in zip(table.add_row().cells, values, strict=True):
                    cell.text = text
        else:  # a paragraph inside a content control, as templates make them
            paragraph = document.add_paragraph(first)
            sdt = paragraph._p.makeelement(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdt", {}
            )
            content = sdt.makeelement(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent", {}
            )
            paragraph._p.addprevious(sdt)
            sdt.append(content)
            content.append(paragraph._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


VALID = build(
    [("heading", 1, "Förebyggande arbete"), ("table", ["Aktivitet", "Ansvarig"], [["Träffar", "Alla"]])]
)


@st.composite
def damaged(draw):
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data) - 1))
        data[position : position + 4] = draw(st.binary(min_size=0, max_size=4))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def counts():
    return PlanRevision.objects.count(), Chapter.objects.count(), Activity.objects.count()


def attempt(data, plan, user):
    """Read and import `data` in a savepoint rolled back afterwards; assert the property."""
    with transaction.atomic():
        before = counts()
        try:
            word_plan = read_word_plan(data, plan_kind=plan.kind)
            result = import_word_plan(
                plan=plan,
                year=2030,
                chapters=[chapter.as_dict() for chapter in word_plan.chapters],
                filename="plan.docx",
                by=user,
            )
        except ImportRejected as refused:
            assert refused.errors
            for _line, message in refused.errors:
                assert message and SWEDISH.search(message), message
            assert counts() == before, "a refused import wrote something"
        else:
            draft = result.revision
            assert draft.chapters.count() == len(word_plan.chapters) == result.chapters
            activities = Activity.objects.filter(chapter__revision=draft)
            assert activities.count() == word_plan.activity_count
            assert not activities.filter(responsible_unit=None).exists()
            assert all(chapter.has_activities for chapter in draft.chapters.filter(activities__isnull=False))
        transaction.set_rollback(True)


@pytest.fixture
def plan(committee):
    return ActionPlanFactory(organisation=committee)


@PROPERTY
@given(data=st.binary(max_size=3000))
def test_random_bytes_are_refused_in_swedish(plan, coordinator, data):
    attempt(data, plan, coordinator)


@PROPERTY
@given(data=damaged())
def test_damaged_word_files_are_imported_or_refused(plan, coordinator, data):
    attempt(data, plan, coordinator)


@PROPERTY
@given(blocks=BLOCKS)
def test_odd_but_well_formed_word_files_are_imported_or_refused(plan, coordinator, blocks):
    attempt(build(blocks), plan, coordinator)
