"""Frozen documents are rendered once and served as the exact stored bytes, verified by SHA-256."""

import hashlib

import pytest

from documents.models import StoredDocument, StoredDocumentCorrupted
from documents.services import get_or_render_frozen

pytestmark = pytest.mark.django_db


def test_first_request_renders_and_stores_with_checksum(coordinator):
    content = get_or_render_frozen(
        key="test:1:plan", filename="a.pdf", render=lambda: b"%PDF-1 ett", by=coordinator
    )
    stored = StoredDocument.objects.get(key="test:1:plan")
    assert content == b"%PDF-1 ett"
    assert stored.sha256 == hashlib.sha256(b"%PDF-1 ett").hexdigest()
    assert stored.size == len(content) and stored.created_by == coordinator


def test_later_requests_serve_stored_bytes_without_rendering():
    get_or_render_frozen(key="test:2:plan", filename="a.pdf", render=lambda: b"%PDF-1 original")

    def must_not_render():
        raise AssertionError("a frozen document must not be rendered again")

    again = get_or_render_frozen(key="test:2:plan", filename="a.pdf", render=must_not_render)
    assert again == b"%PDF-1 original"


def test_tampered_bytes_are_never_served():
    get_or_render_frozen(key="test:3:plan", filename="a.pdf", render=lambda: b"%PDF-1 original")
    stored = StoredDocument.objects.get(key="test:3:plan")
    stored.content = b"%PDF-1 forfalskad"
    stored.save()
    with pytest.raises(StoredDocumentCorrupted):
        get_or_render_frozen(key="test:3:plan", filename="a.pdf", render=lambda: b"%PDF-1 ny")
