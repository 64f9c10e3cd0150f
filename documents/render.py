"""Render a Django template to an archival, accessible PDF (PDF/A-2a: tagged, language and title set).

Every nämnd document (plan revision, beslutsförslag, lägesbild, follow-up report) is a context builder
plus a template under templates/pdf/ that extends pdf/base.html; this module turns the HTML into PDF.

WeasyPrint may fetch only the project's own static files and data: URLs. Templates refer to static
files with `{% static %}` ("/static/css/print.css"), which resolves against BASE_URL, a host under the
reserved .invalid domain that can never be reached; the fetcher maps it onto the staticfiles finders.
"""

import logging
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .text import printable

logger = logging.getLogger(__name__)

BASE_URL = "https://dokument.vbe-portalen.invalid/"
# PDF/A-2 level A: archival and tagged (structure tree, /Lang, DisplayDocTitle), fonts embedded.
PDF_VARIANT = "pdf/a-2a"


class FetchRefused(ValueError):
    """A document asked for something outside the project's static files."""


class StaticOnlyURLFetcher(URLFetcher):
    """Serve the project's static files and data: URLs; refuse http(s), file: and everything else."""

    def __init__(self):
        super().__init__(allowed_protocols={"data", "https"}, allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = static_path_for(url)
        if path is None:
            logger.warning("PDF-rendering: vägrade hämta %s", url[:200])
            raise FetchRefused(f"Bara projektets egna statiska filer får hämtas: {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})


def static_path_for(url: str) -> Path | None:
    """The file behind a BASE_URL + STATIC_URL address, found by the staticfiles finders, or None."""
    prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
    if not url.startswith(prefix):
        return None
    relative = unquote(urlsplit(url).path)[len(settings.STATIC_URL) :]
    normalised = posixpath.normpath(relative)
    if not relative or normalised != relative or normalised.startswith(("/", "..")):
        return None
    found = finders.find(normalised)
    return Path(found) if found else None


def render_html(template_name: str, context: dict) -> str:
    """The final HTML of a document; its <title> and <html lang> become the PDF's title and language.

    Control characters stored before the door was closed (documents.text) would print as empty boxes:
    they leave here, Word's vertical tab as the line break it was."""
    return printable(render_to_string(template_name, context))


def html_to_pdf(html: str) -> bytes:
    """Lay out HTML with WeasyPrint as PDF/A-2a, fetching only static files."""
    font_config = FontConfiguration()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher())
    return document.write_pdf(font_config=font_config, pdf_variant=PDF_VARIANT)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render `template_name` with `context` to PDF bytes."""
    return html_to_pdf(render_html(template_name, context))
