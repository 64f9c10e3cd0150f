"""Stored documents of frozen objects, and the draft render cache.

A frozen object's documents are rendered once, by the background task (documents.tasks), right after
the object froze; a download serves the stored bytes, verified against their SHA-256, and never
renders in the request. A draft renders on request, at most once per version of what it shows: the
bytes are kept under a fingerprint of those versions (`DraftDocument`).
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache as cache_for_process
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import DraftDocument, StoredDocument, StoredDocumentCorrupted
from .registry import DocumentSpec

logger = logging.getLogger(__name__)


def store_frozen(spec: DocumentSpec, *, by=None) -> StoredDocument:
    """Render and store `spec` unless a document is already stored under its key; never replace one.

    Rendering happens outside any transaction so that no lock is held while WeasyPrint works; if two
    workers race, the first one stored wins.
    """
    stored = StoredDocument.objects.filter(key=spec.key).first()
    if stored is not None:
        return stored
    content = spec.render()
    try:
        with transaction.atomic():
            return StoredDocument.objects.create(
                key=spec.key,
                filename=spec.filename,
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except IntegrityError:
        logger.info("Dokumentet %s lagrades samtidigt av en annan process; den versionen gäller.", spec.key)
        return StoredDocument.objects.get(key=spec.key)


def stored_content(key: str) -> bytes | None:
    """The verified bytes stored under `key`, or None while they are not rendered yet."""
    stored = StoredDocument.objects.filter(key=key).first()
    return None if stored is None else stored.verified_content()


@cache_for_process
def layout_fingerprint() -> str:
    """A hash of what lays documents out: the print templates and stylesheet, and the Word writers and
    document contexts in Python (documents/, each app's docx.py and pdf.py). A changed layout renders
    drafts afresh; a Word fix did not, as only templates and CSS were hashed."""
    base = Path(settings.BASE_DIR)
    paths = [
        *(p for root in (base / "templates" / "pdf", base / "static" / "css") for p in root.rglob("*")),
        *(base / "documents").glob("*.py"),
        *base.glob("*/docx.py"),
        *base.glob("*/pdf.py"),
    ]
    digest = hashlib.sha256()
    for path in sorted(paths):
        if path.is_file():
            digest.update(str(path.relative_to(base)).encode() + path.read_bytes())
    return digest.hexdigest()


def draft_content(*, key: str, versions: object, render: Callable[[], bytes]) -> bytes:
    """A draft document, rendered at most once per `versions` (everything the document shows) and day
    (a draft is dated the day it is downloaded)."""
    raw = repr((versions, timezone.localdate(), layout_fingerprint()))
    fingerprint = hashlib.sha256(raw.encode()).hexdigest()
    cached = DraftDocument.objects.filter(key=key, fingerprint=fingerprint).first()
    if cached is not None:
        try:
            return cached.verified_content()
        except StoredDocumentCorrupted:  # a damaged cache entry is simply rendered again
            logger.warning("Utkastcachen för %s stämde inte med sin kontrollsumma.", key)
    content = render()
    DraftDocument.objects.update_or_create(
        key=key,
        defaults={
            "fingerprint": fingerprint,
            "content": content,
            "sha256": hashlib.sha256(content).hexdigest(),
            "size": len(content),
        },
    )
    return content


@dataclass(frozen=True)
class RenderedDocument:
    """What a download answers with: the bytes, or None while the worker has not stored them yet."""

    content: bytes | None
    filename: str
    frozen: bool
    content_type: str = "application/pdf"

    @property
    def pending(self) -> bool:
        return self.content is None
