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


def test_every_owner_stores_its_own_documents_and_its_arendes_and_opens_them_by_kind(db):
    """Plan revision, lägesbild and follow-up round each carry their documents and their ärende's (PDF and
    Word): all stored at the freeze, each opened by its kind, an unknown kind refused."""
    from followup import pdf as followup_pdf
    from plans import pdf as plans_pdf
    from situation import pdf as situation_pdf
    from tests.factories import FollowUpRoundFactory, PlanRevisionFactory, SituationPictureFactory

    owners = [
        (plans_pdf, PlanRevisionFactory(), "plan"),
        (situation_pdf, SituationPictureFactory(), "lagesbild"),
        (followup_pdf, FollowUpRoundFactory(), "rapport"),
    ]
    for module, owner, own_kind in owners:
        specs = module.frozen_documents(owner)
        names = [spec.filename for spec in specs]
        assert sum(name.startswith("Beslutsforslag-") for name in names) == 2, names  # PDF and Word
        assert len({spec.key for spec in specs}) == len(specs)  # each stored under a key of its own
        assert any(name.endswith(".docx") and not name.startswith("Beslutsforslag-") for name in names)
        assert module.document(owner, "beslutsforslag.docx").filename.startswith("Beslutsforslag-")
        assert not module.document(owner, own_kind).filename.startswith("Beslutsforslag-")
        with pytest.raises(ValueError):
            module.document(owner, "okand")
