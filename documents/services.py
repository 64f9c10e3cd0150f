import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from .models import StoredDocument
from .render import render_pdf

logger = logging.getLogger(__name__)


def get_or_render_frozen(*, key: str, filename: str, render: Callable[[], bytes], by=None) -> bytes:
    """The PDF stored under `key`, verified against its SHA-256; rendered and stored on first request.

    Only for documents whose content can no longer change (an adopted revision). Rendering happens
    outside any transaction so that no lock is held while WeasyPrint works; if two requests race,
    the first one stored wins and both serve those bytes.
    """
    stored = StoredDocument.objects.filter(key=key).first()
    if stored is not None:
        return stored.verified_content()
    content = render()
    try:
        with transaction.atomic():
            StoredDocument.objects.create(
                key=key,
                filename=filename,
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except IntegrityError:
        logger.info(
            "Dokumentet %s lagrades samtidigt av en annan begäran; den lagrade versionen används.", key
        )
        return StoredDocument.objects.get(key=key).verified_content()
    return content


@dataclass(frozen=True)
class RenderedDocument:
    content: bytes
    filename: str
    frozen: bool


def render_document(
    *, template: str, build_context: Callable[[], dict], filename: str, frozen_key: str | None = None, by=None
) -> RenderedDocument:
    """A nämnd document as PDF: rendered fresh (a draft) or, with `frozen_key`, rendered once and stored.

    Every document (plan, beslutsförslag, lägesbild, follow-up report) goes through here: a context
    builder, a template under templates/pdf/, and the key of the frozen object if it can no longer change.
    """

    def render() -> bytes:
        return render_pdf(template, build_context())

    if frozen_key is None:
        return RenderedDocument(render(), filename, frozen=False)
    content = get_or_render_frozen(key=frozen_key, filename=filename, render=render, by=by)
    return RenderedDocument(content, filename, frozen=True)
