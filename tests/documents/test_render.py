"""The shared document layer: PDF/A-2a output, the static-only URL fetcher, the shipped font."""

import socket
from pathlib import Path

import pytest
from django.conf import settings

from documents import render
from documents.header import DocumentHeader
from documents.render import BASE_URL, FetchRefused, StaticOnlyURLFetcher, html_to_pdf, render_pdf
from tests.documents.pdfcheck import assert_archival_and_accessible, page_texts

STATIC = BASE_URL.rstrip("/") + settings.STATIC_URL


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    attempts = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise AssertionError(f"network access during PDF rendering: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint asks the fetcher for, and whether it was served."""
    calls = []
    original = StaticOnlyURLFetcher.fetch

    def spy(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except Exception:
            calls.append((url, False))
            raise
        calls.append((url, True))
        return response

    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", spy)
    return calls


def _header(**overrides):
    values = {
        "title": "Testdokument – Norra stadsdelsnämnden",
        "document_type": "HANDLINGSPLAN",
        "organisation_lines": ["TESTSTAD", "Norra stadsdelsnämnden"],
        "date": __import__("datetime").date(2019, 5, 23),
        "diary_number": "1.2.3-456/2019",
        "is_draft": False,
    }
    return DocumentHeader(**{**values, **overrides})


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "https://example.org/logo.png",
        "file:///etc/passwd",
        "ftp://127.0.0.1/x",
        STATIC + "../../etc/passwd",
        STATIC + "css/../../manage.py",
        STATIC + "finns-inte.css",
        BASE_URL + "media/x.png",
        BASE_URL + "admin/",
        "https://dokument.vbe-portalen.invalid.example.org/static/css/print.css",
    ],
)
def test_fetcher_refuses_everything_but_static_files(url, no_network):
    with pytest.raises(FetchRefused):
        StaticOnlyURLFetcher().fetch(url)


def test_fetcher_serves_static_files_and_data_urls():
    fetcher = StaticOnlyURLFetcher()
    css = fetcher.fetch(STATIC + "css/print.css")
    assert b"@font-face" in css.read() and css.content_type == "text/css"
    font = fetcher.fetch(STATIC + "fonts/LiberationSans-Regular.ttf")
    assert font.read() == (Path(settings.BASE_DIR) / "static/fonts/LiberationSans-Regular.ttf").read_bytes()
    assert fetcher.fetch("data:text/plain;base64,aGVq").read() == b"hej"


def test_injected_html_cannot_fetch_remote_or_local_files(no_network, fetched):
    """Even HTML that slipped past escaping fetches nothing but our own static files."""
    html = render.render_html("pdf/base.html", {"header": _header()}).replace(
        "</body>",
        '<img src="http://127.0.0.1:9/x"><img src="file:///etc/passwd">'
        '<link rel="stylesheet" href="https://127.0.0.1:9/evil.css"><img src="../../../../etc/passwd">'
        "<p>Slut</p></body>",
    )
    html_to_pdf(html)
    served = [url for url, ok in fetched if ok]
    refused = [url for url, ok in fetched if not ok]
    assert served and all(url.startswith(STATIC) for url in served)
    assert "http://127.0.0.1:9/x" in refused and "file:///etc/passwd" in refused
    assert no_network == []


def test_base_document_is_pdfa_tagged_swedish_with_embedded_shipped_font():
    content = render_pdf("pdf/base.html", {"header": _header()})
    assert_archival_and_accessible(content, title="Testdokument – Norra stadsdelsnämnden")
    [page] = page_texts(content)
    assert "TESTSTAD" in page and "Norra stadsdelsnämnden" in page
    assert "HANDLINGSPLAN" in page and "Dnr 1.2.3-456/2019" in page and "2019-05-23" in page
    assert "Sida 1 (1)" in page
    assert "UTKAST" not in page


def test_draft_header_marks_the_page():
    content = render_pdf("pdf/base.html", {"header": _header(is_draft=True)})
    assert "UTKAST" in page_texts(content)[0]


def test_shipped_font_has_its_licence():
    fonts = Path(settings.BASE_DIR) / "static" / "fonts"
    assert (fonts / "LiberationSans-Regular.ttf").exists()
    assert "SIL Open Font License" in (fonts / "LICENSE-LiberationSans-OFL.txt").read_text()
