"""The personnummer guard catches numbers as people type them, and nothing else.

Property: every valid personnummer and samordningsnummer (any real date 1900–2025, any serial), in
each common written form, inside random Swedish text, is refused. A corpus of the numbers a lägesbild
really holds (diary numbers of Stockholm, Luleå and Kungsbacka, dates, times, phone numbers, postcodes,
organisation numbers, counts, amounts), and random dates and phone numbers, pass.
"""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from situation.validators import find_personal_number

from .helpers import luhn_check_digit

# The forms people write, from (century, yymmdd, serial4); the date part is 6 digits, the century 2.
FORMS = {
    "YYMMDD-NNNN": lambda c, d, s: f"{d}-{s}",
    "YYMMDDNNNN": lambda c, d, s: f"{d}{s}",
    "YYYYMMDD-NNNN": lambda c, d, s: f"{c}{d}-{s}",
    "YYYYMMDDNNNN": lambda c, d, s: f"{c}{d}{s}",
    "YYMMDD NNNN": lambda c, d, s: f"{d} {s}",
    "YYMMDD - NNNN": lambda c, d, s: f"{d} - {s}",
    "YYYYMMDD NNNN": lambda c, d, s: f"{c}{d} {s}",
    "en dash": lambda c, d, s: f"{d}\u2013{s}",
    "spaced en dash": lambda c, d, s: f"{d} \u2013 {s}",
    "em dash": lambda c, d, s: f"{d}\u2014{s}",
    "non-breaking hyphen": lambda c, d, s: f"{d}\u2011{s}",
    "minus sign": lambda c, d, s: f"{c}{d}\u2212{s}",
    "no-break space": lambda c, d, s: f"{d}\u00a0{s}",
    "thin space": lambda c, d, s: f"{d}\u2009{s}",
    "narrow no-break space": lambda c, d, s: f"{c}{d}\u202f{s}",
    "YY MM DD-NNNN": lambda c, d, s: f"{d[:2]} {d[2:4]} {d[4:]}-{s}",
    "YYMMDD-NN NN": lambda c, d, s: f"{d}-{s[:2]} {s[2:]}",
    "YYYY MM DD NNNN": lambda c, d, s: f"{c}{d[:2]} {d[2:4]} {d[4:]} {s}",
    "zero-width inside": lambda c, d, s: f"{d[:3]}\u200b{d[3:]}-{s}",
    "soft hyphen inside": lambda c, d, s: f"{d}\u00ad-{s}",
    "fullwidth digits": lambda c, d, s: f"{d}-{s}".translate(
        {ord(str(i)): chr(0xFF10 + i) for i in range(10)}
    ),
}

SWEDISH = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖ ,.:;!?()\"'\n", max_size=40)


@st.composite
def identity_numbers(draw):
    born = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 12, 31)))
    coordination = draw(st.booleans())
    day = born.day + (60 if coordination else 0)
    yymmdd = f"{born:%y%m}{day:02d}"
    serial3 = f"{draw(st.integers(0, 999)):03d}"
    serial = serial3 + luhn_check_digit(yymmdd + serial3)
    return f"{born.year // 100}", yymmdd, serial, "samordningsnummer" if coordination else "personnummer"


@settings(max_examples=300, deadline=None)
@given(number=identity_numbers(), form=st.sampled_from(sorted(FORMS)), before=SWEDISH, after=SWEDISH)
def test_every_identity_number_in_every_written_form_is_refused(number, form, before, after):
    century, yymmdd, serial, kind = number
    written = FORMS[form](century, yymmdd, serial)
    text = f"{before} {written} {after}"
    assert find_personal_number(text) == kind, (form, written)


def test_a_hundred_year_old_with_plus_is_refused():
    yymmdd, serial3 = "121212", "121"
    assert find_personal_number(f"{yymmdd}+{serial3}{luhn_check_digit(yymmdd + serial3)}") == "personnummer"


NOT_PERSONAL = [
    # Diary numbers: Stockholm (district committees), Luleå, Kungsbacka.
    "Dnr 1.2.3-456/2019",
    "dnr 155-943/2015",
    "SDN 2019/123",
    "1.6-1234/2018",
    "Ärendenr 2025/992-1.1.2.3",
    "2024/1022-3.9.0.1",
    "Dnr: 9.1-43196/2025",
    "KS 2020/140, § 140",
    "KFN 2020-00045",
    "KUN 2020-02-19 § 12",
    "KS 2019-001234",
    # Dates and times.
    "2019-05-23",
    "20190523",
    "2019-05-23 – 2019-06-30",
    "23 maj 2019",
    "23/5 2019",
    "2019-05-23 kl. 14.00–16.30",
    "kl 08:30",
    "HT 2022 – VT 2023",
    # Phone numbers.
    "08-508 25 000",
    "0920-45 30 00",
    "0300-83 40 00",
    "070-123 45 67",
    "070 123 45 67",
    "+46 70 123 45 67",
    "075-247 32 52",
    "020-120 12 12",
    "112",
    # Postcodes, organisation numbers, amounts, counts.
    "127 86 Skärholmen",
    "434 81 Kungsbacka",
    "971 85 Luleå",
    "106 30 Stockholm",
    "212000-0142",
    "212000-2742",
    "556036-0793",
    "1 250 000 kr",
    "125 000 kronor",
    "12,5 mnkr",
    "3 500:-",
    "42 svar av 120 utskickade enkäter",
    "12 av 30 enheter, 3 orosanmälningar",
    "Hotnivå 3 av 5",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_numbers_that_are_not_personal_pass(text):
    assert find_personal_number(text) is None


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2040, 12, 31)))
def test_dates_as_written_in_documents_pass(day):
    for written in (
        f"{day:%Y-%m-%d}",
        f"{day:%Y-%m-%d} – {day:%Y-%m-%d}",
        f"{day:%Y%m%d}",
        f"den {day.day}/{day.month}",
    ):
        assert find_personal_number(f"Mötet {written} i centrum") is None, written


@settings(max_examples=200, deadline=None)
@given(
    area=st.sampled_from(["08", "0920", "0300", "070", "073", "031"]),
    digits=st.text(alphabet="0123456789", min_size=7, max_size=7),
)
def test_phone_numbers_as_written_pass(area, digits):
    grouped = f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    for written in (f"{area}-{grouped}", f"{area} {grouped}", f"+46 {area[1:]} {grouped}"):
        assert find_personal_number(f"Ring {written} vid oro") is None, written
