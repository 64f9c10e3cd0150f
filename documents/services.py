import hashlib
import logging
from collections.abc import Callable

from django.db import IntegrityError, transaction

from .models import StoredDocument

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
