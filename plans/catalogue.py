"""Reads of the staff catalogue (/aktiviteter/): the page, its count, the filter choices, the export rows.

Everything sorts and filters on `CatalogueEntry`, the denormalised sort key that triggers keep current:
"adopted activities under these organisations in plan order, page N" is a walk of the partial index
`catalogue_plan_order` that stops after the page, and the count of an unfiltered or structured
(organisation, typ, år) selection is a sum over `CatalogueTally`, kept exact by triggers. A free-text
search or a text filter is counted only up to COUNT_CAP: beyond that the user is asked to narrow it,
and for common words the page still comes from the index walk (see plans/search.py on how PostgreSQL
is told which words are common), so its cost does not grow with the number of matches.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Sum

from organisations import access
from organisations.access import Perm

from .models import CatalogueEntry, CatalogueTally, PlanRevision

PAGE_SIZE = 25
COUNT_CAP = 500


@dataclass(frozen=True)
class Scope:
    """What one user's catalogue spans: organisations with an adopted plan they may read, and the years.

    ``organisation_ids`` None means every organisation (superuser)."""

    organisation_ids: list[int] | None
    organisations: list[tuple[int, str]]
    years: list[tuple[int, str]]


def scope_for(user) -> Scope:
    """One small query over adopted revisions: it serves both the filter choices and the page's filter."""
    revisions = PlanRevision.objects.adopted()
    everything = getattr(user, "is_superuser", False) and user.is_active
    if not everything:
        revisions = revisions.filter(plan__organisation__in=access.organisations_for(user, Perm.VIEW_PLAN))
    rows = revisions.order_by("plan__organisation__path").values_list(
        "year", "plan__organisation_id", "plan__organisation__name"
    )
    organisations, years = {}, set()
    for year, organisation_id, name in rows:
        organisations.setdefault(organisation_id, name)
        years.add(year)
    return Scope(
        organisation_ids=None if everything else list(organisations),
        organisations=list(organisations.items()),
        years=[(year, str(year)) for year in sorted(years, reverse=True)],
    )


def entries(scope: Scope):
    """Catalogue entries of the adopted revisions in `scope`, in plan order."""
    queryset = CatalogueEntry.objects.filter(adopted=True)
    if scope.organisation_ids is not None:
        queryset = queryset.filter(organisation_id__in=scope.organisation_ids)
    return queryset.order_by(*CatalogueEntry.PLAN_ORDER)


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


def export_rows(queryset):
    """The activities of `entries` for the spreadsheet export, with plan and organisation, in order."""
    rows = queryset.select_related("activity__chapter__revision__plan__organisation").defer(
        "activity__search_vector"
    )
    for entry in rows.iterator(chunk_size=2000):
        yield entry.activity


def tally_count(scope: Scope, organisation=None, kind=None, year=None) -> int:
    """The exact number of adopted activities in `scope` under the structured filters: a sum over the
    trigger-kept tally (one row per organisation, year and kind), whatever the number of activities."""
    tallies = CatalogueTally.objects.all()
    if scope.organisation_ids is not None:
        tallies = tallies.filter(organisation_id__in=scope.organisation_ids)
    for field, value in (("organisation_id", organisation), ("kind", kind), ("year", year)):
        if value not in (None, ""):
            tallies = tallies.filter(**{field: value})
    return tallies.aggregate(total=Sum("activities"))["total"] or 0


class CataloguePaginator(Paginator):
    """The catalogue's paginator: an exact count from the tally (`exact_count`), or, with free text
    (`exact_count` None), a count that stops at COUNT_CAP."""

    def __init__(self, object_list, per_page, *, exact_count=None):
        super().__init__(object_list, per_page)
        self.exact_count = exact_count
        self.capped = exact_count is None

    @cached_property
    def _capped_count(self) -> int:
        return self.object_list.values("activity_id")[: COUNT_CAP + 1].count()

    @cached_property
    def count(self):
        # Only the first COUNT_CAP rows are offered; the page asks the user to narrow the search.
        return min(self._capped_count, COUNT_CAP) if self.capped else self.exact_count()

    @property
    def over_cap(self) -> bool:
        return self.capped and self._capped_count > COUNT_CAP
