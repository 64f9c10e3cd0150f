"""Reads of the staff catalogue (/aktiviteter/): the page, its count, the filter choices, the export rows.

Everything sorts and filters on `CatalogueEntry`, the denormalised sort key that triggers keep current, and
counts on `CatalogueTally`, one trigger-kept row per organisation, year and kind. One query over the tally
gives the user's scope: the organisations and years of the filter, and how many adopted activities each
organisation has under every structured filter (organisation, typ, år). Since the catalogue's order starts
with the organisation, those counts say which organisation page N starts in and how far into it, so the
page is a walk of one organisation's part of an index (`catalogue_organisation_order`) whether the city
has a thousand activities or a hundred thousand, and wherever in the tree the organisation sits.

A free-text search or a text filter cannot be counted from the tally: its count stops at COUNT_CAP (beyond
that the user is asked to narrow it) and its page comes from the plan-order index (`catalogue_plan_order`),
with the search index telling PostgreSQL which words are common (plans/search.py), so its cost does not
grow with the number of matches.
"""

import hashlib
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections, router
from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator

from organisations import access
from organisations.access import Perm

from .models import CatalogueEntry, CatalogueGeneration, CatalogueTally, Chapter

PAGE_SIZE = 25
COUNT_CAP = 500


@dataclass(frozen=True)
class Scope:
    """What one user's catalogue spans, read from the tally in one query.

    ``condition`` filters CatalogueEntry to the organisations the user may read (access.reach_condition);
    ``tallies`` are (organisation id, year, kind, adopted activities), in the catalogue's organisation
    order; ``organisations`` and ``years`` are the filter's choices; ``generations`` are what cached
    values of this page are filed under."""

    condition: Q
    tallies: tuple[tuple[int, int, str, int], ...]
    organisations: list[tuple[int, str]]
    years: list[tuple[int, str]]
    generations: dict[str, int] | None = None  # as read for this page (see `cached`)

    def counts(self, organisation=None, kind=None, year=None) -> list[tuple[int, int]]:
        """Adopted activities per organisation, in catalogue order, under the structured filters (the
        form's cleaned values: an organisation and a year of the scope's choices, a kind)."""
        organisation = int(organisation) if organisation not in (None, "") else None
        year = int(year) if year not in (None, "") else None
        kind = kind or None
        counts: dict[int, int] = {}
        for organisation_id, row_year, row_kind, activities in self.tallies:
            if (
                (organisation is None or organisation_id == organisation)
                and (year is None or row_year == year)
                and (kind is None or row_kind == kind)
            ):
                counts[organisation_id] = counts.get(organisation_id, 0) + activities
        return list(counts.items())

    def count(self, **filters) -> int:
        return sum(n for _, n in self.counts(**filters))


SCOPE_CACHE_SECONDS = 60 * 60


def scope_for(user) -> Scope:
    """The user's scope: the tally of the organisations where they may read plans.

    Cached in Django's cache (Redis in production, per process otherwise) under the catalogue's
    generation and the user's reach, so users who reach the same organisations share it and a city's
    200 committees are read once per change rather than once per page (see `cached`)."""
    reach = access.reach(user, Perm.VIEW_PLAN)
    generations = read_generations()
    tallies, organisations, years = cached(
        generations, ("catalogue",), f"catalogue-scope:{hash_of(reach)}", lambda: _read_scope(reach)
    )
    return Scope(
        condition=reach.condition(id_field="organisation_id", path_field="organisation_path"),
        tallies=tallies,
        organisations=organisations,
        years=years,
        generations=generations,
    )


def read_generations() -> dict[str, int] | None:
    """The catalogue's generations (CatalogueGeneration), read before what is cached under them; None
    inside a transaction, which may have written what they count: what it sees must neither be missed
    by it nor be shown to anyone before it commits."""
    aliases = {router.db_for_read(CatalogueGeneration), "default"}
    if any(connections[alias].in_atomic_block for alias in aliases):
        return None
    return dict(CatalogueGeneration.objects.values_list("name", "value"))


def cached(generations, names: tuple[str, ...], key: str, compute):
    """`compute()`, shared through Django's cache under the generations `names`: whatever is read after
    the generations is at least as new as the numbers it is filed under, whatever the backend and
    however many processes commit at once. Uncached when `generations` is None."""
    if generations is None:
        return compute()
    full_key = ":".join(["plans", key, *(str(generations.get(name)) for name in names)])
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, SCOPE_CACHE_SECONDS)
    return value


def hash_of(reach: access.Reach) -> str:
    return hashlib.sha256(repr(reach).encode()).hexdigest()[:32]


def _read_scope(reach: access.Reach):
    rows = (
        CatalogueTally.objects.filter(
            reach.condition(id_field="organisation_id", path_field="organisation__path"), activities__gt=0
        )
        .order_by()
        .values_list(
            "organisation__path", "organisation_id", "organisation__name", "year", "kind", "activities"
        )
    )
    # In the entries' order: the path byte by byte (the entries' column compares so on every database,
    # migration 0017), whatever the server's collation does with the organisations' own column.
    tallies, organisations, years = [], {}, set()
    for _, organisation_id, name, year, kind, activities in sorted(
        rows, key=lambda row: (row[0], row[1], -row[3], row[4])
    ):
        tallies.append((organisation_id, year, kind, activities))
        organisations.setdefault(organisation_id, name)
        years.add(year)
    return (
        tuple(tallies),
        list(organisations.items()),
        [(year, str(year)) for year in sorted(years, reverse=True)],
    )


def entries(scope: Scope):
    """Catalogue entries of the adopted revisions in `scope`, in plan order."""
    return CatalogueEntry.objects.filter(scope.condition, adopted=True).order_by(*CatalogueEntry.PLAN_ORDER)


def page_rows(queryset):
    """`entries` with what one page of the table shows, in the same query."""
    return queryset.select_related("activity", "organisation").only(
        "activity_id",
        "year",
        "kind",
        "organisation_path",
        "chapter_order",
        "activity_order",
        "organisation__name",
        "activity__text",
        "activity__responsible",
        "activity__partners",
        "activity__timing",
    )


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the catalogue's table, with what it shows already looked up: the template reads
    one attribute per cell instead of walking activity, entry and organisation for each of 25 rows."""

    url: str
    text: str
    kind: str
    organisation: str
    responsible: str
    partners: str
    timing: str
    year: int


KIND_LABELS = dict(Chapter.Kind.choices)
_PK_MARK = 987654321


def table_rows(entries) -> list[Row]:
    """The table's rows for `entries` (from page_rows). The activity's URL is reversed once per page and
    filled in per row; the text is cut after 30 words, as the page shows it."""
    url = reverse("plans:activity_detail", args=[_PK_MARK])
    found = []
    for entry in entries:
        activity = entry.activity
        found.append(
            Row(
                url=url.replace(str(_PK_MARK), str(activity.pk)),
                text=Truncator(activity.text).words(30, truncate=" …"),
                kind=KIND_LABELS.get(entry.kind, entry.kind),
                organisation=entry.organisation.name,
                responsible=activity.responsible or "–",
                partners=activity.partners or "–",
                timing=activity.timing or "–",
                year=entry.year,
            )
        )
    return found


def export_rows(queryset):
    """The activities of `entries` for the spreadsheet export, with plan and organisation, in order."""
    rows = queryset.select_related("activity__chapter__revision__plan__organisation").defer(
        "activity__search_vector"
    )
    for entry in rows.iterator(chunk_size=2000):
        yield entry.activity


def locate(counts: list[tuple[int, int]], offset: int, size: int) -> tuple[list[int], int]:
    """The organisations that rows offset..offset+size of the catalogue come from, and how many of the
    first one's rows come before them (`counts` as Scope.counts gives them, in catalogue order)."""
    touched, skip, seen = [], 0, 0
    for organisation_id, n in counts:
        if seen + n <= offset:
            seen += n
            continue
        if not touched:
            skip = offset - seen
        touched.append(organisation_id)
        seen += n
        if seen >= offset + size:
            break
    return touched, skip


class CataloguePaginator(Paginator):
    """The catalogue's paginator. With structured filters only, `counts` (Scope.counts) give the exact
    count and place the page in the organisations it comes from; with free text (`counts` None) the
    count stops at COUNT_CAP and the page is a slice of the plan-order walk."""

    def __init__(self, object_list, per_page, *, counts=None):
        super().__init__(object_list, per_page)
        self.counts = counts
        self.capped = counts is None

    @cached_property
    def _capped_count(self) -> int:
        # No ORDER BY: counting the first COUNT_CAP + 1 matches in any order stops as soon as it has them.
        return self.object_list.order_by().values("activity_id")[: COUNT_CAP + 1].count()

    @cached_property
    def count(self):
        # Only the first COUNT_CAP rows are offered; the page asks the user to narrow the search.
        return min(self._capped_count, COUNT_CAP) if self.capped else sum(n for _, n in self.counts)

    @property
    def over_cap(self) -> bool:
        return self.capped and self._capped_count > COUNT_CAP

    def page(self, number):
        if self.capped:
            number = self.validate_number(number)
            bottom = (number - 1) * self.per_page
            rows = self.object_list
            if not self.over_cap:
                # At most COUNT_CAP matches: sort those, found in any order as the count found them,
                # rather than walk the plan-order index to them (for a reader of a few committees that
                # walk passed every other committee's rows first).
                first = self.object_list.order_by().values("activity_id")[: COUNT_CAP + 1]
                rows = rows.filter(activity_id__in=first)
            top = min(bottom + self.per_page, self.count)  # no further than the (capped) count
            return self._get_page(rows[bottom:top], number, self)
        number = self.validate_number(number)
        touched, skip = locate(self.counts, (number - 1) * self.per_page, self.per_page)
        if not touched:
            return self._get_page(self.object_list.none(), number, self)
        rows = self.object_list.filter(organisation_id__in=touched)
        if len(touched) == 1:  # one organisation's rows, in its own order: a walk of its index
            rows = rows.order_by(*CatalogueEntry.PLAN_ORDER[1:])
        return self._get_page(rows[skip : skip + self.per_page], number, self)
