"""Personal data guard: a lägesbild is "oidentifierad information" and must never hold a personnummer.

A Swedish personnummer or samordningsnummer is written with 10 or 12 digits (YYMMDD-NNNN,
YYYYMMDDNNNN, with `-`, `+` or nothing between date and number). We refuse only what really is
one: the date must exist (a samordningsnummer adds 60 to the day) and the Luhn checksum over the
ten digits must hold. Diary numbers, dates, phone numbers and counts therefore pass.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Not preceded or followed by a digit, so a longer run of digits is never cut into a match.
_CANDIDATE = re.compile(r"(?<!\d)(?P<century>\d{2})?(?P<date>\d{6})[-+]?(?P<serial>\d{4})(?!\d)")


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _date_exists(century: str | None, yymmdd: str) -> tuple[bool, bool]:
    """(exists, is_coordination_number) for the date part; without a century either one may do."""
    yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    coordination = day > 60
    if coordination:
        day -= 60
    centuries = [int(century)] if century else [19, 20]
    for cent in centuries:
        try:
            datetime.date(cent * 100 + yy, month, day)
        except ValueError:
            continue
        return True, coordination
    return False, coordination


def find_personal_number(text: str) -> str | None:
    """The kind of number found in `text` ("personnummer" or "samordningsnummer"), or None."""
    if not text:
        return None
    for match in _CANDIDATE.finditer(str(text)):
        century = match.group("century")
        if century and century not in ("18", "19", "20"):
            continue
        exists, coordination = _date_exists(century, match.group("date"))
        if exists and luhn_valid(match.group("date") + match.group("serial")):
            return "samordningsnummer" if coordination else "personnummer"
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
