"""Inspect rendered PDFs as an archivist would: pikepdf for structure, pdftotext for the text."""

import html
import io
import re
import subprocess

import pikepdf

WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def open_pdf(content: bytes) -> pikepdf.Pdf:
    return pikepdf.Pdf.open(io.BytesIO(content))


def page_texts(content: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (poppler's pdftotext; pages end with a form feed)."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    pages = result.stdout.decode("utf-8").split("\f")
    return [" ".join(page.split()) for page in pages if page.strip()]


def _fonts(resources, seen):
    if resources is None:
        return
    for font in (resources.get("/Font") or {}).values():
        if font.objgen not in seen:
            seen.add(font.objgen)
            yield font
            yield from _fonts(font.get("/Resources"), seen)
    for xobject in (resources.get("/XObject") or {}).values():
        yield from _fonts(xobject.get("/Resources"), seen)


def unembedded_fonts(pdf: pikepdf.Pdf) -> list[str]:
    """Names of fonts used on any page whose program is not embedded in the file."""
    missing, seen = [], set()
    for page in pdf.pages:
        for font in _fonts(page.obj.get("/Resources"), seen):
            if font.get("/Subtype") == "/Type3":
                continue  # glyphs drawn by the PDF itself
            described = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font
            descriptor = described.get("/FontDescriptor")
            if descriptor is None or not any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                missing.append(str(font.get("/BaseFont")))
    return missing


def font_names(pdf: pikepdf.Pdf) -> set[str]:
    seen: set = set()
    return {str(f.get("/BaseFont")) for page in pdf.pages for f in _fonts(page.obj.get("/Resources"), seen)}


def assert_archival_and_accessible(content: bytes, *, title: str) -> pikepdf.Pdf:
    """PDF/A-2a identification, structure tree, language sv, title shown as window title, fonts embedded."""
    pdf = open_pdf(content)
    meta = pdf.open_metadata()
    assert meta.get("pdfaid:part") == "2", "PDF/A-2 saknas i XMP"
    assert meta.get("pdfaid:conformance") == "A", "PDF/A nivå A (taggad) saknas"
    assert meta.get("dc:title") == title
    assert str(pdf.docinfo.get("/Title")) == title
    root = pdf.Root
    assert "/StructTreeRoot" in root, "ingen strukturträd (taggning)"
    assert root.MarkInfo.Marked
    assert str(root.Lang) == "sv"
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True
    assert font_names(pdf), "inga typsnitt alls"
    assert unembedded_fonts(pdf) == []
    # "VBE Sans" exists only through @font-face in print.css: the shipped font, not a system one.
    assert all("VBE-Sans" in name for name in font_names(pdf)), font_names(pdf)
    return pdf


def page_words(content: bytes) -> list[list[tuple[str, float, float, float, float]]]:
    """Each page's words with their boxes in points from the top left: (word, x0, y0, x1, y1)
    (poppler's pdftotext -bbox)."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    pages: list[list[tuple[str, float, float, float, float]]] = []
    for chunk in result.stdout.decode("utf-8").split("<page ")[1:]:
        pages.append(
            [
                (html.unescape(word), float(x0), float(y0), float(x1), float(y1))
                for x0, y0, x1, y1, word in WORD_BOX.findall(chunk)
            ]
        )
    return pages
