"""HTTP side of the nämnd documents: safe file names and the download response."""

import re
import unicodedata

from django.http import HttpResponse

from .services import RenderedDocument


def ascii_filename_part(text: str, *, fallback: str = "dokument") -> str:
    """'Skärholmen' -> 'Skarholmen': file names that survive every mail client and file system."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-") or fallback


def pdf_response(document: RenderedDocument) -> HttpResponse:
    """The PDF as a download, never kept in a cache: frozen bytes never change, but they are restricted."""
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{ascii_filename_part(document.filename.removesuffix(".pdf"))}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
