"""Read a rendered form the way a browser submits it: what the user would send by pressing Spara.

data = submitted_form(response.content.decode())   # the POST form carrying a `version` field
data["field"] = "new value"
client.post(url, data)
"""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._form = None
        self._textarea = None
        self._select = None
        self._options: list[tuple[str, bool]] = []
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._form = []
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._form.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file", "reset", "image"):
                self._form.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select is not None:
            self._options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "textarea" and self._textarea is not None:
            # Browsers drop the one newline that follows <textarea>.
            text = "".join(self._text)
            self._form.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected]
            if not chosen and self._options:
                chosen = [self._options[0][0]]
            self._form.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "form":
            self.forms.append(self._form)
            self._form = None


def submitted_form(html: str, containing: str = "version") -> dict:
    """The page's POST form that has a field named `containing`, as a dict (several values as lists),
    without the CSRF token (the test client adds none and checks none)."""
    reader = _FormReader()
    reader.feed(html)
    form = next(f for f in reader.forms if any(name == containing for name, _value in f))
    data: dict = {}
    for name, value in form:
        if name == "csrfmiddlewaretoken":
            continue
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value
    return data
