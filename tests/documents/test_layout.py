"""Layout a nämndsekreterare notices: long words stay in their cells, a tall row does not leave a page
empty, continued tables keep their head and say "(forts.)", bookmarks for chapters and tables."""

import random

import pytest

from documents.render import render_pdf
from followup import pdf as followup_pdf
from plans import pdf as plan_pdf
from plans.models import PlanRevision
from tests.documents.pdfcheck import open_pdf, page_texts, page_words
from tests.factories import (
    ActivityFactory,
    ActivityFollowUpFactory,
    ChapterFactory,
    FollowUpRoundFactory,
    PlanRevisionFactory,
)

pytestmark = pytest.mark.django_db

COMPOUND = "Arbetsmarknadsförvaltningsutvecklingsenh"  # 40 characters
# The head's labels: pdftotext reads a page column by column when a tall cell continues on it.
HEAD = ("Aktivitet och syfte", "Ansvarig och samverkan", "Tidplan", "Uppföljning")
WORDS = [
    "samverkan",
    "mellan",
    "skola",
    "socialtjänst",
    "polis",
    "fritidsgårdar",
    "föräldrar",
    "ungdomar",
    "kommunen",
    "dialog",
]


def _long_text() -> str:
    rng = random.Random(12)
    words, length = [], 0
    while length < 5_000:
        words.append(f"{rng.choice(WORDS)}{len(words)}")
        length += len(words[-1]) + 1
    return " ".join(words)[:5_000].rsplit(" ", 1)[0]


@pytest.fixture
def long_plan(committee):
    # Adopted: no UTKAST watermark, whose letters pdftotext would mix into the table's text.
    revision = PlanRevisionFactory(plan__organisation=committee, adopted=True)
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete")
    for n in range(6):
        ActivityFactory(chapter=chapter, order=n, text=f"Kort aktivitet {n}", responsible=COMPOUND)
    ActivityFactory(chapter=chapter, order=6, text=_long_text(), responsible=COMPOUND, partners=COMPOUND)
    for n in range(7, 13):
        ActivityFactory(chapter=chapter, order=n, text=f"Kort aktivitet {n}", responsible=COMPOUND)
    revision = PlanRevision.objects.select_related("plan__organisation", "copied_from").get(pk=revision.pk)
    return render_pdf(plan_pdf.PLAN_TEMPLATE, plan_pdf.plan_context(revision))


def _found_once_or_split_at_a_page_break(word, pages):
    whole = sum(page.split().count(word) for page in pages)
    if whole:
        return whole == 1
    # Hyphenated at the foot of a page: "för-" ends one page's text, "äldrar52" opens the next one's.
    return any(
        f"{word[:k]}-" in pages[n].split() and word[k:] in pages[n + 1].split()
        for n in range(len(pages) - 1)
        for k in range(2, len(word) - 1)
    )


def test_a_5000_character_activity_and_a_40_character_word_print_whole(long_plan):
    pages = page_texts(long_plan)
    text = " ".join(pages)
    lost = [w for w in _long_text().split() if not _found_once_or_split_at_a_page_break(w, pages)]
    assert not lost
    # The compound word breaks (hyphenated) inside its cell and is read back whole, every time.
    assert text.count(COMPOUND) == 14


def test_a_tall_row_starts_right_after_the_row_before_it(long_plan):
    pages = page_texts(long_plan)
    first_word = _long_text().split()[0]
    page_of = {
        name: next(n for n, page in enumerate(pages) if name in page)
        for name in ("Kort aktivitet 5", first_word)
    }
    # No forced page break before the tall row: no page left three-quarters empty.
    assert page_of[first_word] == page_of["Kort aktivitet 5"]


def test_the_head_repeats_and_continued_pages_say_forts(long_plan):
    pages = page_texts(long_plan)
    first = next(n for n, page in enumerate(pages) if "Kort aktivitet 0" in page)
    last = next(n for n, page in enumerate(pages) if "Kort aktivitet 12" in page)
    assert last - first >= 2, "the table spans at least three pages"
    for n in range(first, last + 1):
        assert all(label in pages[n] for label in HEAD), f"page {n + 1} lacks the table head"
        continued = "Aktiviteter – Förebyggande arbete (forts.)" in pages[n]
        assert continued == (n > first), (
            f"page {n + 1}: (forts.) caption {'missing' if n > first else 'wrong'}"
        )
    # After the table, nothing claims to continue it.
    assert all("(forts.)" not in page for page in pages[last + 1 :])


def test_bookmarks_name_every_chapter_and_table(long_plan):
    with open_pdf(long_plan).open_outline() as outline:
        titles = []

        def walk(items):
            for item in items:
                titles.append(str(item.title))
                walk(item.children)

        walk(outline.root)
    assert "1 Förebyggande arbete" in titles and "Aktiviteter – Förebyggande arbete" in titles


def test_a_followup_group_continued_on_the_next_page_repeats_its_name(committee, unit):
    round_ = FollowUpRoundFactory(revision__plan__organisation=committee)
    chapter = ChapterFactory(revision=round_.revision)
    for n in range(30):
        activity = ActivityFactory(
            chapter=chapter,
            text=f"Uppföljd aktivitet {n:02d} " + "med en längre text " * 6,
            responsible_unit=unit,
        )
        ActivityFollowUpFactory(round=round_, activity=activity)
    pages = page_texts(render_pdf(followup_pdf.TEMPLATE, followup_pdf.report_context(round_)))
    group_pages = [n for n, page in enumerate(pages) if "Uppföljd aktivitet" in page]
    assert len(group_pages) >= 2
    for n in group_pages[1:]:
        assert f"{unit.name} (forts.)" in pages[n]
    assert f"{unit.name} (forts.)" not in pages[group_pages[0]]


def test_the_lagesbild_pdf_carries_the_per_typ_chart(committee):
    from situation import pdf as situation_pdf
    from tests.factories import ObservationFactory, SituationPictureFactory

    picture = SituationPictureFactory(organisation=committee, year=2019)
    ObservationFactory(picture=picture, count=4)
    text = " ".join(page_texts(render_pdf(situation_pdf.TEMPLATE, situation_pdf.picture_context(picture))))
    assert "Iakttagelser per typ och år" in text and "Samma iakttagelser fördelade på typ" in text


MM = 72 / 25.4
# print.css: @page margins 44 mm (running header) and 22 mm (running footer) on A4.
BODY_TOP, BODY_BOTTOM = 44 * MM, (297 - 22) * MM


def _body_fill(words) -> float:
    """How far down the page body its lowest word reaches: 0 empty, 1 full."""
    body = [y1 for _, _, y0, _, y1 in words if y0 >= BODY_TOP and y1 <= BODY_BOTTOM]
    return (max(body, default=BODY_TOP) - BODY_TOP) / (BODY_BOTTOM - BODY_TOP)


def test_no_page_the_table_spans_is_left_mostly_empty(long_plan):
    pages, words = page_texts(long_plan), page_words(long_plan)
    first = next(n for n, page in enumerate(pages) if "Kort aktivitet 0" in page)
    last = next(n for n, page in enumerate(pages) if "Kort aktivitet 12" in page)
    fills = [_body_fill(words[n]) for n in range(first, last)]
    # The measure is "no page under a quarter full before a long row"; rows kept whole leave at
    # most a short row's height free, so every page the table continues from is nearly full.
    assert min(fills) > 0.75, [round(f, 2) for f in fills]


def test_the_running_header_stands_at_the_same_height_on_every_page(long_plan):
    # Pages that continue a table carry a "(forts.)" line under the header; it must not push it up.
    tops = {round(y0, 1) for page in page_words(long_plan) for word, _, y0, _, _ in page if word == "Sida"}
    assert len(tops) == 1, tops


def test_the_comparison_pdf_starts_its_tables_on_the_first_page(committee):
    adopted = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    old_chapter = ChapterFactory(revision=adopted, heading="Förebyggande arbete")
    kept = ActivityFactory(chapter=old_chapter, text="Föräldraträffar om nätet", timing="HT 2019")
    draft = PlanRevisionFactory(plan=adopted.plan, year=2020, copied_from=adopted)
    chapter = ChapterFactory(revision=draft, heading="Förebyggande arbete", copied_from=old_chapter)
    ActivityFactory(chapter=chapter, text="Föräldraträffar om nätet", timing="VT 2020", copied_from=kept)
    ActivityFactory(chapter=chapter, text="Ny dialog med idrottsföreningar")
    pages = page_texts(render_pdf(plan_pdf.REDLINE_TEMPLATE, plan_pdf.redline_context(draft, adopted)))
    # Not a title page left almost empty before an appendix: the comparison is the document.
    assert len(pages) == 1
    assert "Tillagda aktiviteter (1)" in pages[0] and "Ändrade aktiviteter (1)" in pages[0]
    assert "Bilaga" not in pages[0] and "{#" not in pages[0]


CHAPTERS = 30


def test_no_chapter_heading_is_left_alone_at_a_page_foot(committee):
    from plans.models import Chapter

    revision = PlanRevisionFactory(plan__organisation=committee, adopted=True)
    # Bodies of many lengths, so that some heading falls near the foot of a page.
    for n in range(CHAPTERS):
        ChapterFactory(
            revision=revision,
            order=n,
            kind=Chapter.Kind.PROSE,
            heading=f"Kapitelrubrik {n:02d}",
            body=f"Brödtext{n:02d} " + "och mer om hur arbetet bedrivs i stadsdelen " * (2 + (n * 7) % 17),
        )
    revision = PlanRevision.objects.select_related("plan__organisation", "copied_from").get(pk=revision.pk)
    pages = page_texts(render_pdf(plan_pdf.PLAN_TEMPLATE, plan_pdf.plan_context(revision)))
    for n in range(CHAPTERS):
        # The last page naming the heading: the contents list names it too, earlier.
        heading = max(p for p, page in enumerate(pages) if f"Kapitelrubrik {n:02d}" in page)
        body = next(p for p, page in enumerate(pages) if f"Brödtext{n:02d}" in page)
        assert heading == body, f"Kapitelrubrik {n:02d} stands alone at the foot of page {heading + 1}"


def test_a_changed_activity_keeps_its_name_with_its_first_change(committee):
    older = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    newer = PlanRevisionFactory(plan=older.plan, year=2020, copied_from=older, adopted=True)
    old_chapter = ChapterFactory(revision=older, heading="Förebyggande arbete")
    new_chapter = ChapterFactory(revision=newer, heading="Förebyggande arbete", copied_from=old_chapter)
    for n in range(45):
        text = f"Förändrad aktivitet {n:02d} " + "om samverkan mellan skola och socialtjänst " * (n % 4)
        kept = ActivityFactory(chapter=old_chapter, order=n, text=text, timing="HT 2019")
        ActivityFactory(chapter=new_chapter, order=n, text=text, timing="VT 2020", copied_from=kept)
    pages = page_texts(render_pdf(plan_pdf.REDLINE_TEMPLATE, plan_pdf.redline_context(newer, older)))
    assert len(pages) >= 3
    for n, page in enumerate(pages):
        # An activity's name row never ends a page with its changes on the next one.
        assert page.rfind("Ändrat: Tidplan") > page.rfind("Förändrad aktivitet"), f"page {n + 1}"
