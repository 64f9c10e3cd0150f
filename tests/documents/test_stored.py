"""Frozen documents are rendered once, by the task, and served as the exact stored bytes (SHA-256)."""

import hashlib

import pytest

from documents.models import StoredDocument, StoredDocumentCorrupted
from documents.registry import DocumentSpec
from documents.services import draft_content, store_frozen, stored_content

pytestmark = pytest.mark.django_db


def test_first_store_renders_and_records_the_checksum(coordinator):
    store_frozen(DocumentSpec("test:1:plan", "a.pdf", lambda: b"%PDF-1 ett"), by=coordinator)
    stored = StoredDocument.objects.get(key="test:1:plan")
    assert stored_content("test:1:plan") == b"%PDF-1 ett"
    assert stored.sha256 == hashlib.sha256(b"%PDF-1 ett").hexdigest()
    assert stored.size == 10 and stored.created_by == coordinator


def test_a_stored_document_is_never_rendered_again():
    store_frozen(DocumentSpec("test:2:plan", "a.pdf", lambda: b"%PDF-1 original"))

    def must_not_render():
        raise AssertionError("a frozen document must not be rendered again")

    store_frozen(DocumentSpec("test:2:plan", "a.pdf", must_not_render))
    assert stored_content("test:2:plan") == b"%PDF-1 original"


def test_a_missing_document_is_none_not_a_render():
    assert stored_content("test:saknas:plan") is None


def test_tampered_bytes_are_never_served():
    store_frozen(DocumentSpec("test:3:plan", "a.pdf", lambda: b"%PDF-1 original"))
    stored = StoredDocument.objects.get(key="test:3:plan")
    stored.content = b"%PDF-1 forfalskad"
    stored.save()
    with pytest.raises(StoredDocumentCorrupted):
        stored_content("test:3:plan")


def test_a_draft_renders_once_per_version():
    renders = []

    def render():
        renders.append(1)
        return f"%PDF-1 utkast {len(renders)}".encode()

    first = draft_content(key="test:4:plan", versions=("v", 1), render=render)
    again = draft_content(key="test:4:plan", versions=("v", 1), render=render)
    changed = draft_content(key="test:4:plan", versions=("v", 2), render=render)
    assert first == again == b"%PDF-1 utkast 1"
    assert changed == b"%PDF-1 utkast 2" and len(renders) == 2
