"""Text every document can hold: the one rule for what forms let in and what exports and PDFs write out.

XML 1.0 (and so XLSX, DOCX and the tagged PDF's structure) cannot hold the C0 control characters other
than tab, line feed and carriage return, nor U+FFFE/U+FFFF or lone surrogates; openpyxl refuses them
with an exception. DEL and the C1 controls are legal there but invisible and never meant as text.
Word puts a vertical tab in pasted text for a manual line break, so that one becomes a line break.

At the door (`CleanTextField`, used by every free-text form field) such characters are refused with a
Swedish message; on the way out (`printable`) text that was stored before the rule existed loses them,
so that every export and every PDF can always be made.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

# Vertical tab (Word's manual line break), form feed and NEL are line breaks to the person who typed them.
_LINE_BREAKS = re.compile("[\x0b\x0c\x85]")
# NUL is left out: Django's own validator refuses it with its own message ("Null-tecken är inte tillåtna.").
_UNPRINTABLE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_UNPRINTABLE_OUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")

UNPRINTABLE_MESSAGE = (
    "Texten innehåller tecken som inte kan skrivas ut eller exporteras (%(characters)s), till exempel "
    "styrtecken från inklistrad text. Ta bort dem och försök igen."
)


def normalise_line_breaks(text: str) -> str:
    return _LINE_BREAKS.sub("\n", text)


def unprintable_characters(text: str) -> list[str]:
    """The characters of `text` (after line-break normalisation) no document can hold, in order, once each."""
    return list(dict.fromkeys(_UNPRINTABLE.findall(normalise_line_breaks(text))))


def printable(text: str) -> str:
    """`text` as every document can hold it: line breaks normalised, other unprintable characters removed."""
    return _UNPRINTABLE_OUT.sub("", normalise_line_breaks(text))


def describe(characters: list[str]) -> str:
    return ", ".join(f"U+{ord(char):04X}" for char in characters)


def refuse_unprintable(value):
    """Validator: refuses text with characters no document can hold, naming them."""
    found = unprintable_characters(value) if isinstance(value, str) else []
    if found:
        raise ValidationError(UNPRINTABLE_MESSAGE, code="unprintable", params={"characters": describe(found)})


class CleanTextField(forms.CharField):
    """The form field of every free-text input: Word's line breaks become newlines, other control
    characters are refused with a message naming them, so what is stored can always be exported.
    The check is a validator, so a too long value also hears about its length in the same answer."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(refuse_unprintable)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_line_breaks(value) if isinstance(value, str) else value


def clean_text_formfield(model_field, **kwargs):
    """`Meta.formfield_callback` of every ModelForm: model text fields get a `CleanTextField`."""
    if isinstance(model_field, models.CharField | models.TextField) and not model_field.choices:
        kwargs.setdefault("form_class", CleanTextField)
    return model_field.formfield(**kwargs)
