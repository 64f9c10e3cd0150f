"""Clean text at the door: every free-text form field of every app is a `CleanTextField`, which turns
Word's vertical tab into a line break and refuses control characters no document can hold; text stored
with them before the rule (or by another path) still exports and prints."""

import datetime
import importlib
import inspect
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django import forms
from django.urls import reverse

from documents.text import CleanTextField, printable
from followup import services as followup_services
from followup.models import FollowUpStatus
from tests.factories import (
    ActivityFactory,
    ChapterFactory,
    PlanRevisionFactory,
    ProblemFactory,
    SituationPictureFactory,
)

ROOT = Path(__file__).resolve().parents[1]
# Every app of the project (a directory with apps.py), so that a new app's forms are checked too.
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))


def _form_classes():
    for app in APPS:
        for path in sorted((ROOT / app).glob("*forms.py")):
            module = importlib.import_module(f"{app}.{path.stem}")
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def test_every_free_text_field_of_every_form_is_a_clean_text_field():
    classes = list(_form_classes())
    assert len(classes) >= 15, [c.__name__ for c in classes]
    plain = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.HiddenInput | forms.PasswordInput)
        and not isinstance(field, CleanTextField)
    ]
    assert not plain, f"free-text fields that let control characters in: {plain}"


def test_word_line_break_becomes_a_newline_and_tab_and_newline_stay():
    field = CleanTextField(max_length=100)
    assert field.clean("Rad ett\x0bRad två\tkolumn\nrad tre") == "Rad ett\nRad två\tkolumn\nrad tre"


@pytest.mark.parametrize("char", ["\x01", "\x07", "\x1b", "\x1f", "\x7f", "\x9b", "\ufffe"])
def test_control_characters_are_refused_with_a_message_naming_them(char):
    field = CleanTextField(max_length=100)
    with pytest.raises(forms.ValidationError) as error:
        field.clean(f"Nämnd{char}text")
    message = error.value.messages[0]
    assert f"U+{ord(char):04X}" in message
    assert "inte kan skrivas ut eller exporteras" in message


def test_a_form_shows_the_refusal_and_keeps_nothing(client, coordinator, committee):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2020)
    chapter = ChapterFactory(revision=revision)
    client.force_login(coordinator)
    url = reverse("plans:activity_create", args=[chapter.pk])
    response = client.post(url, {"text": "Föräldraträffar\x07 i grupp"})
    assert response.status_code in (200, 400)
    assert "U+0007" in response.content.decode()
    assert not chapter.activities.exists()
    response = client.post(url, {"text": "Föräldraträffar\x0bi grupp", "responsible_unit": committee.pk})
    assert response.status_code == 302
    assert chapter.activities.get().text == "Föräldraträffar\ni grupp"


STORED = "Text från Word\x0bmed\x07 styrtecken\x1b[0m och \ufffe slut"


@pytest.mark.django_db
def test_text_stored_with_control_characters_still_exports_and_prints(client, committee, coordinator):
    """An adopted text cannot be corrected: whatever it holds, every export and PDF is made."""
    revision = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    activity = ActivityFactory(chapter=ChapterFactory(revision=revision, heading=STORED), text=STORED)
    round_ = followup_services.open_round(
        revision=revision, kind="helar", period="Helår", deadline=datetime.date(2099, 1, 1), by=coordinator
    )
    followup_services.report(
        entry=round_.entries.get(),
        status=FollowUpStatus.objects.default_scale().first(),
        narrative=STORED,
        version=1,
        by=coordinator,
    )
    picture = SituationPictureFactory(organisation=committee, year=2024, analysis=STORED)
    ProblemFactory(picture=picture, title=STORED[:200], area=STORED[:200], causes=STORED)
    client.force_login(coordinator)
    for url in (
        reverse("plans:activity_export_xlsx"),
        reverse("followup:round_export", args=[round_.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        cells = [
            cell
            for sheet in openpyxl.load_workbook(io.BytesIO(response.content)).worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        ]
        assert printable(STORED) in cells, url
    assert client.get(reverse("plans:activity_export_csv")).status_code == 200
    for url in (
        reverse("plans:revision_pdf", args=[revision.pk]),
        reverse("plans:revision_docx", args=[revision.pk]),
        reverse("followup:round_pdf", args=[round_.pk]),
        reverse("followup:round_docx", args=[round_.pk]),
        reverse("situation:picture_pdf", args=[picture.pk]),
        reverse("situation:picture_docx", args=[picture.pk]),
        activity.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_no_document_writes_word_text_around_the_one_writer():
    """python-docx text only through documents/docx.py, whose helpers pass it through `printable`."""
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "bench/")) or relative == "documents/docx.py":
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(from|import) docx\b|documents\.docx import", source, re.MULTILINE) and re.search(
            r"\.add_(heading|paragraph|run)\(|\.text\s*=(?!=)", source
        ):
            offenders.append(relative)
    assert not offenders, f"write Word text through documents.docx (heading, paragraph, table): {offenders}"
