"""Personal data guard: a lägesbild is "oidentifierad information" and must never hold a personnummer.

A Swedish personnummer or samordningsnummer is 10 or 12 digits: (century) date, then a four-digit
number, written the ways people type it: 811218-9876, 8112189876, 19811218-9876, 198112189876,
811218 9876, 811218 - 9876, 811218+9876 (over a hundred years old), 81 12 18-9876, 811218-98 76,
with any dash (en dash, em dash, non-breaking hyphen, minus sign) and any space (no-break, thin,
narrow) in between, even with invisible characters (zero-width, soft hyphen) inside.

`normalise` folds those variants to ASCII first; then each candidate is checked with python-stdnum's
Swedish rules (the Luhn checksum, and the date must exist; a samordningsnummer adds 60 to the day).
Only a real number is refused, so diary numbers (1.2.3-456/2019, 2025/992-1.1.2.3), dates, times,
phone numbers, postcodes, organisation numbers (month 20 or more), counts and amounts pass.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from stdnum import luhn
from stdnum.exceptions import ValidationError as InvalidNumber
from stdnum.se import personnummer

# Everything a keyboard, Word or a web page calls a dash, and every space that is not U+0020.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"), " ")
_SPACES.update(dict.fromkeys(map(ord, "\u2008\u2009\u200a\u202f\u205f\u3000\t"), " "))
# Invisible characters that would otherwise split the digits.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)

_SEP = r"[ ]?"  # inside the date or the number: nothing or one space ("81 12 18", "98 76")
# Between date and number: nothing, a space, or - or + with spaces around it.
_JOIN = r"(?:[ ]*[-+][ ]*|[ ]?)"
# Not preceded or followed by a digit (or a digit after - / .), so a longer run (a diary number) is never
# cut into a match.
_CANDIDATE = re.compile(
    rf"(?<![0-9])(?<![0-9][-/.])"
    rf"(?P<century>(?:18|19|20){_SEP})?"
    rf"(?P<yy>[0-9]{{2}}){_SEP}(?P<mm>[0-9]{{2}}){_SEP}(?P<dd>[0-9]{{2}})"
    rf"(?P<join>{_JOIN})"
    rf"(?P<serial>[0-9]{{2}}{_SEP}[0-9]{{2}})"
    rf"(?![0-9])(?![-/.][0-9])"
)


def normalise(text: str) -> str:
    """Fold the ways a number can be typed to ASCII digits, "-", "+" and " "."""
    text = unicodedata.normalize("NFKC", str(text)).translate(_INVISIBLE)
    return text.translate(_DASHES).translate(_SPACES)


def _kind(century: str, yymmdd: str, join: str, serial: str) -> str | None:
    """ "personnummer", "samordningsnummer" or None, by stdnum's checksum and date rules."""
    if not luhn.is_valid(yymmdd + serial):
        return None
    day = int(yymmdd[4:])
    coordination = day > 60
    birth = yymmdd[:4] + f"{day - 60:02d}" if coordination else yymmdd
    sign = "+" if "+" in join else "-"
    # Without a century either one will do: refusing one real number matters more than one false alarm.
    written = (
        [f"{century}{birth}{sign}{serial}"] if century else [f"{birth}{sign}{serial}", f"19{birth}-{serial}"]
    )
    for number in written:
        try:
            personnummer.get_birth_date(number)
        except InvalidNumber:
            continue
        return "samordningsnummer" if coordination else "personnummer"
    return None


def find_personal_number(text: str) -> str | None:
    """The kind of number found in `text` ("personnummer" or "samordningsnummer"), or None."""
    if not text:
        return None
    for match in _CANDIDATE.finditer(normalise(text)):
        century = (match.group("century") or "").strip()
        yymmdd = match.group("yy") + match.group("mm") + match.group("dd")
        kind = _kind(century, yymmdd, match.group("join"), match.group("serial").replace(" ", ""))
        if kind:
            return kind
    return None


def personal_data_message(label: str, kind: str = "personnummer") -> str:
    return (
        f"Fältet ”{label}” innehåller något som ser ut som ett {kind}. "
        "Lägesbilden får inte innehålla personuppgifter."
    )


@deconstructible
class NoPersonalNumber:
    """Model and form field validator; `label` is the field's Swedish name, shown in the message."""

    code = "personal_data"

    def __init__(self, label: str):
        self.label = label

    def __call__(self, value):
        kind = find_personal_number(value)
        if kind:
            raise ValidationError(personal_data_message(self.label, kind), code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoPersonalNumber) and other.label == self.label
