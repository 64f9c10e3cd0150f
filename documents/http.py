"""HTTP side of the nämnd documents: safe file names, the download response, the "being made" page."""

import re
import unicodedata

from django.http import HttpResponse
from django.template.response import TemplateResponse

from .services import RenderedDocument

# The Retry-After of the "Dokumentet skapas" page. No automatic reload: a timed refresh fails WCAG 2.2.1.
PENDING_RETRY_SECONDS = 5


def ascii_filename_part(text: str, *, fallback: str = "dokument") -> str:
    """'Skärholmen' -> 'Skarholmen': file names that survive every mail client and file system."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-") or fallback


def _safe_filename(filename: str) -> str:
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        return ascii_filename_part(filename)
    return f"{ascii_filename_part(stem)}.{ascii_filename_part(extension, fallback='pdf').lower()}"


def document_response(request, document: RenderedDocument) -> HttpResponse:
    """The document as a download; while a frozen one is still being rendered, a Swedish page saying so.

    Never kept in a cache: frozen bytes never change, but they are restricted.
    """
    if document.pending:
        response = TemplateResponse(
            request,
            "documents/pending.html",
            {"filename": document.filename},
            status=202,
        )
        response["Retry-After"] = str(PENDING_RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{_safe_filename(document.filename)}"'
    response["Cache-Control"] = "private, no-store"
    return response
