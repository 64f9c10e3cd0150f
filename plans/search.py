"""Free-text search over activities and routines that finds Swedish words whatever their case.

The one place that decides by database vendor:

- PostgreSQL: full-text search with the ``swedish`` configuration. Every word of the query becomes a
  prefix term (``våld:*``), so "våld" finds "Våldsbejakande" and "föräldrastöd" finds
  "föräldrastödskurser". Activities carry a stored ``search_vector`` that a trigger keeps current and a
  GIN index serves (migration ``0002_activity_search``), so matching and ranking stay fast at 100,000
  activities. Routines are few: their vector is computed on the fly.
- SQLite (development and half the test runs): SQLite's LIKE folds ASCII case only, so "Ö" would not
  match "ö". A ``vbe_casefold`` SQL function (Python's ``str.casefold``) is registered on every SQLite
  connection, and each word must occur in the casefolded text of the searched fields.

The trigger (not save()) maintains the stored vector, so rows written with ``bulk_create`` (copies of a
revision, imports) are searchable too.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, Concat

SEARCH_CONFIG = "swedish"
ACTIVITY_FIELDS = ("text", "purpose", "responsible", "partners", "timing", "follow_up_method")
ROUTINE_FIELDS = ("title", "body", "contact")
MAX_TERMS = 8

# A word is a run of letters or digits (å, ä, ö, é ... included); everything else separates words, which
# also keeps tsquery operators (& | ! : * ( )) typed by a user out of the raw query.
_WORD = re.compile(r"\w+", re.UNICODE)


def terms(query: str) -> list[str]:
    """The words of a user's query, casefolded, at most MAX_TERMS of them."""
    return [word.casefold() for word in _WORD.findall(query or "")][:MAX_TERMS]


def activity_vector():
    """The stored tsvector of an activity (see migration 0002_activity_search)."""
    return F("search_vector")


def routine_vector() -> SearchVector:
    return SearchVector(*ROUTINE_FIELDS, config=SEARCH_CONFIG)


def search_activities(queryset, query: str):
    """Activities matching every word of `query`, best match first on PostgreSQL."""
    return _search(queryset, query, ACTIVITY_FIELDS, activity_vector)


def search_routines(queryset, query: str):
    return _search(queryset, query, ROUTINE_FIELDS, routine_vector)


def _search(queryset, query, fields, vector):
    words = terms(query)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(
            " & ".join(f"{word}:*" for word in words), search_type="raw", config=SEARCH_CONFIG
        )
        return (
            queryset.alias(search_document=vector())
            .filter(search_document=tsquery)
            .annotate(search_rank=SearchRank(vector(), tsquery))
            .order_by("-search_rank", *queryset.query.order_by)
        )
    queryset = queryset.annotate(search_haystack=casefolded(*fields))
    for word in words:
        queryset = queryset.filter(search_haystack__contains=word)
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


def casefolded(*fields):
    parts = []
    for name in fields:
        if parts:
            parts.append(Value(" "))
        parts.append(Coalesce(F(name), Value(""), output_field=TextField()))
    expression = Concat(*parts, output_field=TextField()) if len(parts) > 1 else parts[0]
    return Casefold(expression)


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def register_sqlite_functions(sender, connection, **kwargs):
    """connection_created receiver: give every SQLite connection `vbe_casefold(text)`."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("vbe_casefold", 1, _casefold, deterministic=True)
