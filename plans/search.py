"""Free-text search over activities and routines: the same answers on PostgreSQL and SQLite.

A query is split into words (runs of letters and digits; å, ä and ö are letters of their own, so "vald"
never finds "våld"). Every word must occur in the searched fields as a word or as the start of a word,
whatever the case: "FÖRÄLDRASTÖD" finds "föräldrastödskurser", "IA" does not find "Socialtjänst" and
"vald" does not find "förtroendevalda". No stemming on either side, so both databases agree exactly.

- PostgreSQL: ``Activity.search_vector``, a tsvector in the ``simple`` configuration over the fields with
  every run of non-alphanumerics turned into a space, written by a trigger and served by a GIN index
  (migrations 0002 and 0004). Each word is a prefix term (``våld:*``).
- SQLite: the FTS5 table ``plans_activity_fts`` (tokenizer ``unicode61 remove_diacritics 0``, prefix index)
  over the same fields, kept current by triggers (migration 0004). Each word is a prefix query (``"våld"*``).
- Routines are few: their words are computed on the fly, by the same expression on PostgreSQL and by
  ``vbe_words`` (a Python function registered on every SQLite connection) on SQLite.

Triggers, not save(), keep the indexes current, so rows written with ``bulk_create`` are found too.
Results keep the order of the queryset (plan order in the catalogue): ranking every match would cost a
pass over all of them, which at 100,000 activities is the whole cost of the page.
"""

import re
import time

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat

SEARCH_CONFIG = "simple"
ACTIVITY_FIELDS = ("text", "purpose", "responsible", "partners", "timing", "follow_up_method")
ROUTINE_FIELDS = ("title", "body", "contact")
MAX_TERMS = 8

# Letters and digits only: the underscore and every operator of tsquery or FTS5 separate words.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_FTS_MATCH = "SELECT rowid FROM plans_activity_fts WHERE plans_activity_fts MATCH %s"  # noqa: S608


def terms(query: str) -> list[str]:
    """The words of a user's query, lower-cased, at most MAX_TERMS of them."""
    return [word.lower() for word in _WORD.findall(query or "")][:MAX_TERMS]


def words(text) -> str:
    """SQLite's `vbe_words(text)`: the text's words, lower-cased, each with a space before and after."""
    if not isinstance(text, str):
        return text
    return " " + " ".join(word.lower() for word in _WORD.findall(text)) + " "


def search_activities(queryset, query: str, *, activity: str = ""):
    """Activities in `queryset` matching every word of `query`, in the queryset's order.

    `activity` is the path from the queryset's model to Activity ("" for Activity itself, "activity__"
    for the catalogue's entries)."""
    found = terms(query)
    if not found:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.filter(**{f"{activity}search_vector": activity_tsquery(found)})
    match = " ".join(f'"{word}"*' for word in found)
    id_field = f"{activity}id" if activity else "pk"
    return queryset.filter(**{f"{id_field}__in": RawSQL(_FTS_MATCH, [match])})  # noqa: S611 - a parameter


# PostgreSQL estimates a prefix term (`word:*`) at a fixed small selectivity, so for a word in half the
# activities it plans "every GIN match, then sort" (58,000 rows at 100,000 activities) where walking the
# catalogue's plan-order index and stopping after the page touches a few hundred. Spelling out the common
# lexemes the prefix covers, from the column's own statistics (pg_stats.most_common_elems), gives the
# planner the true frequency: `('polis' | polis:*)` matches exactly what `polis:*` matches.
COMMON_SHARE = 0.05
_STATS_SECONDS = 600
_MAX_SPELLED = 12
_stats_cache: dict = {}


def _common_lexemes() -> list[str]:
    """Lexemes in at least COMMON_SHARE of the activities. Rarer ones stay with the low default estimate,
    which is right for them: their GIN matches are few, and fetching and sorting those is the fast plan."""
    now = time.monotonic()
    if _stats_cache.get("until", 0) > now:
        return _stats_cache["lexemes"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'plans_activity' AND attname = 'search_vector'"
        )
        row = cursor.fetchone()
    pairs = zip(row[0], row[1], strict=False) if row and row[0] else []
    lexemes = [lexeme for lexeme, share in pairs if share >= COMMON_SHARE and _WORD.fullmatch(lexeme)]
    _stats_cache.update(until=now + _STATS_SECONDS, lexemes=lexemes)
    return lexemes


def _tsquery_term(word: str, common: list[str]) -> str:
    spelled = [f"'{lexeme}'" for lexeme in common if lexeme.startswith(word)][:_MAX_SPELLED]
    return f"({' | '.join([*spelled, f'{word}:*'])})" if spelled else f"{word}:*"


def activity_tsquery(words: list[str]) -> SearchQuery:
    common = _common_lexemes()
    raw = " & ".join(_tsquery_term(word, common) for word in words)
    return SearchQuery(raw, search_type="raw", config=SEARCH_CONFIG)


def search_routines(queryset, query: str):
    found = terms(query)
    if not found:
        return queryset
    document = _joined(ROUTINE_FIELDS)
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(
            " & ".join(f"{word}:*" for word in found), search_type="raw", config=SEARCH_CONFIG
        )
        # The expression of migration 0004's trigger, computed on the fly: routines are few.
        vector = Func(
            document,
            template=f"to_tsvector('{SEARCH_CONFIG}', "
            "regexp_replace(%(expressions)s, '[^[:alnum:]]+', ' ', 'g'))",
            output_field=SearchVectorField(),
        )
        return queryset.alias(search_document=vector).filter(search_document=tsquery)
    queryset = queryset.alias(search_words=Func(document, function="vbe_words", output_field=TextField()))
    for word in found:
        queryset = queryset.filter(search_words__contains=" " + word)
    return queryset


def contains_ignoring_case(queryset, field: str, value: str):
    """`field` contains `value`, ignoring case also for å, ä, ö on SQLite (used by the filters)."""
    value = (value or "").strip()
    if not value:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.filter(**{f"{field}__icontains": value})
    alias = f"{field.replace('__', '_')}_casefolded"
    return queryset.annotate(**{alias: casefolded(field)}).filter(**{f"{alias}__contains": value.casefold()})


class Casefold(Func):
    """SQLite only: the Python function registered by `register_sqlite_functions`."""

    function = "vbe_casefold"
    output_field = TextField()


def _joined(fields):
    parts = []
    for name in fields:
        if parts:
            parts.append(Value(" "))
        parts.append(Coalesce(F(name), Value(""), output_field=TextField()))
    return Concat(*parts, output_field=TextField()) if len(parts) > 1 else parts[0]


def casefolded(*fields):
    return Casefold(_joined(fields))


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def register_sqlite_functions(sender, connection, **kwargs):
    """connection_created receiver: give every SQLite connection `vbe_casefold` and `vbe_words`."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("vbe_casefold", 1, _casefold, deterministic=True)
        connection.connection.create_function("vbe_words", 1, words, deterministic=True)
