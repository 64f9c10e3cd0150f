"""The responsible unit of an imported activity, from its free-text Ansvarig.

Every activity names the unit that reports on it in the follow-up. An import (CSV, XLSX, Word) knows
only the text, so the unit is the one under the plan's organisation that the text plainly names, else
the plan's organisation itself: never none.
"""

from organisations.models import Organisation

# Words a unit's name starts with that an Ansvarig text leaves out: "Socialtjänsten" names the unit
# "Avdelningen för socialtjänst".
_UNIT_PREFIXES = ("avdelningen för ", "enheten för ", "verksamheten för ", "verksamhet ", "avdelning ")
_DEFINITE_ENDINGS = ("en", "et", "n", "t")


def _unit_key(text: str) -> str:
    return " ".join(text.replace("-", " ").split()).casefold().strip(" .,:;")


def _unit_keys(unit) -> set[str]:
    keys = {_unit_key(unit.name), _unit_key(unit.short_name)}
    for key in list(keys):
        keys |= {key.removeprefix(prefix) for prefix in _UNIT_PREFIXES if key.startswith(prefix)}
    return keys - {""}


def unit_matcher(organisation):
    """A function from an Ansvarig text to its responsible unit: the one unit under `organisation` that
    the text names (its name or short name, with or without "Avdelningen för", the definite form
    allowed), else `organisation` itself. Every imported activity so names a unit; an unclear text
    falls to the plan's organisation, which the coordinator can narrow down afterwards."""
    index: dict[str, set] = {}
    for unit in Organisation.objects.descendants_of(organisation):
        for key in _unit_keys(unit):
            index.setdefault(key, set()).add(unit)

    def match(text: str):
        key = _unit_key(text or "")
        if not key:
            return organisation
        candidates = [key] + [key[: -len(e)] for e in _DEFINITE_ENDINGS if key.endswith(e) and len(key) > 4]
        for candidate in candidates:
            found = index.get(candidate, set())
            if len(found) == 1:
                return next(iter(found))
        return organisation

    return match
