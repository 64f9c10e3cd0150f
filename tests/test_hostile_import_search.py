"""Hostile input through the CSV import (a file with hostile cells) and the catalogue's search fields.

The import is all rows or none: a cell is stored exactly, or the file is refused with the line and a
Swedish message (over-long cells name the limit) and nothing is saved. The search echoes the query back
into its field: escaped, and never a server error, whatever is typed.
"""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from documents.text import unprintable_characters
from plans import exchange
from plans.models import Activity, Chapter
from tests.factories import ActionPlanFactory, ActivityFactory, ChapterFactory, PlanRevisionFactory
from tests.hostile import CORPUS, assert_rendered_safely, expected_stored, injected_markup

pytestmark = pytest.mark.django_db

# CSV column -> (model field, limit)
COLUMNS = {
    "Kapitel": ("heading", 200),
    "Aktivitet": ("text", 5_000),
    "Syfte/mål": ("purpose", 5_000),
    "Ansvarig": ("responsible", 300),
    "Samverkan": ("partners", 500),
    "Tidplan": ("timing", 100),
    "Uppföljning": ("follow_up_method", 300),
}
VALID_ROW = {
    "Kapitel": "Förebyggande arbete",
    "Aktivitet": "Föräldraträffar",
    "Syfte/mål": "Stärka föräldrar",
    "Ansvarig": "Fritidsenheten",
    "Samverkan": "Polis",
    "Tidplan": "VT 2020",
    "Uppföljning": "Antal träffar",
}


def csv_file(rows, name="hostile.csv"):
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(exchange.IMPORT_HEADERS)
    for row in rows:
        writer.writerow([row[header] for header in exchange.IMPORT_HEADERS])
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


@pytest.fixture
def draft(committee):
    revision = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2020)
    ChapterFactory(revision=revision, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE)
    return revision


def _import_one(client, draft, column, value):
    field, limit = COLUMNS[column]
    before = Activity.objects.count()
    url = reverse("plans:revision_import", args=[draft.pk])
    response = client.post(url, {"file": csv_file([{**VALID_ROW, column: value}])})
    assert response.status_code in (200, 400), f"status {response.status_code}"
    html = response.content.decode()
    assert not injected_markup(html), injected_markup(html)
    if response.status_code == 200:  # the preview, shown escaped; then the confirmation writes
        assert Activity.objects.count() == before, "the preview saved something"
        response = _confirm(client, draft, html)
        html = response.content.decode()
        assert response.status_code == 200, f"confirmation answered {response.status_code}"
        assert not injected_markup(html), injected_markup(html)
    if response.status_code == 400:
        assert "Filen importerades inte" in html, "refused without saying why"
        assert Activity.objects.count() == before, "a refused file saved something"
        if len(value) > limit:
            assert f"högst {limit})" in html, "the limit is not named"
        if "\x00" in value:
            assert f"Rad 2: {column}: null-tecken är inte tillåtna." in html
        if unprintable_characters(value):
            assert f"Rad 2: {column}: tecken som inte kan skrivas ut eller exporteras" in html
        assert_rendered_safely(html, "", must_contain=False)
        return "refused"
    assert "\x00" not in value, "a NUL byte was imported"
    assert not unprintable_characters(value), "a control character no document can hold was imported"
    value = expected_stored(value)
    assert len(value) <= limit, "an over-long cell was imported"
    new = Activity.objects.filter(chapter__revision=draft).order_by("-pk").first()
    stored = new.chapter.heading if field == "heading" else getattr(new, field)
    assert stored == value, "the cell was stored changed (truncated or normalised)"
    assert_rendered_safely(
        html if field == "heading" else client.get(draft.get_absolute_url()).content.decode(), value
    )
    return "stored"


def _confirm(client, draft, preview_html):
    """Confirm the preview with every row it offers ticked."""
    lines = re.findall(r'name="include" value="(\d+)"', preview_html)
    assert lines, "the preview offers no rows"
    return client.post(reverse("plans:revision_import_confirm", args=[draft.pk]), {"include": lines})


def _in_savepoint(check):
    with transaction.atomic():
        outcome = check()
        transaction.set_rollback(True)
    return outcome


@pytest.mark.parametrize("column", list(COLUMNS))
def test_a_csv_with_hostile_cells_is_imported_exactly_or_refused(client, coordinator, draft, column):
    client.force_login(coordinator)
    limit = COLUMNS[column][1]
    values = [h.value for h in CORPUS] + ["Ö" * limit, "ö" * (limit + 1)]
    failures, outcomes = [], {}
    for value in values:
        try:
            outcomes[value] = _in_savepoint(lambda value=value: _import_one(client, draft, column, value))
        except AssertionError as error:
            failures.append(f"{value[:40]!r}: {error}")
    assert not failures, "\n".join(failures)
    assert outcomes["Ö" * limit] == "stored" and outcomes["ö" * (limit + 1)] == "refused"
    assert outcomes["Nämnd\x00efter"] == "refused"


def test_a_file_of_hostile_rows_is_imported_whole_and_exported_without_formulas(client, coordinator, draft):
    """Every storable corpus value in every column of one file: all rows saved, all shown escaped,
    and the export neutralises what a spreadsheet would run as a formula."""
    client.force_login(coordinator)
    values = [
        expected_stored(h.value)
        for h in CORPUS
        if "\x00" not in h.value and len(h.value) <= 100 and not unprintable_characters(h.value)
    ]
    rows = [dict.fromkeys(exchange.IMPORT_HEADERS, value) for value in values]
    response = client.post(reverse("plans:revision_import", args=[draft.pk]), {"file": csv_file(rows)})
    assert response.status_code == 200, response.content.decode()[:2000]
    assert not injected_markup(response.content.decode())
    response = _confirm(client, draft, response.content.decode())
    assert response.status_code == 200
    assert Activity.objects.filter(chapter__revision=draft).count() == len(values)
    html = client.get(draft.get_absolute_url()).content.decode()
    for value in values:
        assert_rendered_safely(html, value)
    assert set(Activity.objects.filter(chapter__revision=draft).values_list("timing", flat=True)) == set(
        values
    )


def test_the_export_neutralises_formulas(client, coordinator, committee):
    revision = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2019, adopted=True)
    formula = next(h.value for h in CORPUS if h.name == "spreadsheet-formula")
    ActivityFactory(chapter=ChapterFactory(revision=revision), text=formula, purpose="@SUM(1+1)")
    client.force_login(coordinator)
    response = client.get(reverse("plans:activity_export_csv"))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + formula in cells and "'@SUM(1+1)" in cells
    assert not any(cell.startswith(("=", "@", "+")) for cell in cells)


@pytest.mark.parametrize("field", ["q", "responsible", "partners"])
def test_hostile_searches_are_echoed_escaped_and_never_fail(client, staff, committee, field):
    revision = PlanRevisionFactory(plan=ActionPlanFactory(organisation=committee), year=2019, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=revision), text="Föräldrastöd i grupp")
    client.force_login(staff)
    failures = []
    for hostile in CORPUS:
        response = client.get(reverse("plans:activity_list"), {field: hostile.value})
        html = response.content.decode()
        try:
            assert response.status_code in (200, 400), f"status {response.status_code}"
            assert_rendered_safely(html, hostile.value, must_contain=False)
            if "\x00" not in hostile.value and len(hostile.value) < 1000:
                # The query comes back in its field, escaped, so that the person can correct it.
                assert f'value="{_attr(hostile.value)}"' in html, "the query is not kept in the field"
        except AssertionError as error:
            failures.append(f"{hostile.name}: {error}")
    assert not failures, "\n".join(failures)


def _attr(value):
    from django.utils.html import escape

    return escape(value)
