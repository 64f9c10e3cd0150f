"""The tillgänglighetsredogörelse of the public pages (DIGG's required contents).

`KNOWN_PROBLEMS` is what the statement lists as known problems. tests/e2e/test_accessibility.py runs
axe on every public page and fails unless the rules axe reports are exactly the `axe_rule`s listed
here: a new problem must be fixed or declared, and a fixed one must leave the list.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class KnownProblem:
    axe_rule: str  # the axe-core rule id that finds it
    description: str  # in Swedish, for the statement
    wcag: str  # the success criterion, e.g. "1.4.3 Kontrast (minimum)"


KNOWN_PROBLEMS: list[KnownProblem] = []

# With WCAG 2.1 AA, under lagen (2018:1937) om tillgänglighet till digital offentlig service.
COMPLIANCE = "helt förenlig"
ASSESSED_ON = datetime.date(2026, 12, 1)
ASSESSMENT = (
    "Webbplatsens öppna sidor har granskats med det automatiska verktyget axe-core (WCAG 2.1 nivå A och AA) "
    "vid varje ändring, och genom manuell kontroll av tangentbordsnavigering, rubriker, landmärken och "
    "sidtitlar. PDF-dokumenten skapas som taggad PDF/A-2a med språk och titel."
)
