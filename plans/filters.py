"""FilterSets of the staff catalogue (activities) and the routine list. Every filter works as a GET form."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from organisations import access
from organisations.access import Perm
from organisations.kinds import PlanKind
from situation.models import Problem

from . import catalogue, search
from .models import Activity, CatalogueEntry, Chapter, Routine

ACTIVITY_KINDS = [(value, label) for value, label in Chapter.Kind.choices if value != Chapter.Kind.PROSE]


class ActivityFilter(django_filters.FilterSet):
    """Filters over `CatalogueEntry` (plans/catalogue.py): the structured ones are columns of the entry,
    search and the text filters reach the activity."""

    q = django_filters.CharFilter(
        label="Sök",
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Till exempel föräldrastöd"}),
    )
    organisation = django_filters.ChoiceFilter(
        label="Organisation", field_name="organisation_id", choices=[], empty_label="Alla organisationer"
    )
    kind = django_filters.ChoiceFilter(
        label="Typ av arbete", field_name="kind", choices=ACTIVITY_KINDS, empty_label="Alla typer"
    )
    plan_kind = django_filters.ChoiceFilter(
        label="Plantyp",
        field_name="activity__chapter__revision__plan__kind",
        choices=PlanKind.choices,
        empty_label="Alla plantyper",
    )
    problem = django_filters.ModelChoiceFilter(
        label="Svarar mot problem i lägesbilden",
        field_name="activity__problems",
        queryset=Problem.objects.none(),
        empty_label="Alla problem",
    )
    responsible = django_filters.CharFilter(label="Ansvarig", method="filter_contains")
    partners = django_filters.CharFilter(label="Samverkan", method="filter_contains")
    year = django_filters.ChoiceFilter(label="År", field_name="year", choices=[], empty_label="Alla år")

    # Filters the tally cannot count: the activities' text, and what only the activity knows (its plan's
    # kind, the problems it answers). With one of them applied the count is a query, not the tally.
    TEXT_FILTERS = ("q", "responsible", "partners", "plan_kind", "problem")

    class Meta:
        model = CatalogueEntry
        fields = ["q", "organisation", "plan_kind", "kind", "problem", "responsible", "partners", "year"]

    def __init__(self, data=None, queryset=None, *, request=None, scope: catalogue.Scope, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.scope = scope
        # Only organisations (and years) with an adopted plan the user can read (catalogue.scope_for).
        self.filters["organisation"].extra["choices"] = scope.organisations
        self.filters["year"].extra["choices"] = scope.years
        self._offer_problems(request.user if request else None)

    @property
    def has_text_filter(self) -> bool:
        """Whether the selection needs the activities' text (search, ansvarig, samverkan)."""
        if not self.is_bound:
            return False
        self.form.is_valid()  # fills cleaned_data with the valid fields, which are the ones applied
        return any(self.form.cleaned_data.get(name) for name in self.TEXT_FILTERS)

    def structured(self) -> dict:
        """The applied organisation, kind and year (for catalogue.tally_count)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {name: self.form.cleaned_data.get(name) for name in ("organisation", "kind", "year")}

    SELECTS = ("organisation", "kind", "plan_kind", "problem", "year")

    def select_options(self) -> dict[str, str]:
        """The <option> elements of every select, escaped here in one pass, for the hand-written form in
        plans/partials/_catalogue_filters.html: a city's 200 organisations rendered through Django's
        widget templates (one template per option), or even a template loop (three variable lookups per
        option), cost more than the rest of the page."""
        options = {}
        for name in self.SELECTS:
            if name not in self.form.fields:  # the problem filter is offered to lägesbild readers only
                continue
            current = str(self.form[name].value() or "")
            options[name] = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, mark_safe(" selected") if str(value) == current else "", label)  # noqa: S308
                    for value, label in self.form.fields[name].choices
                ),
            )
        return options

    def _offer_problems(self, user):
        # Problems are lägesbild text: offered only to those who may read the lägesbild they belong to.
        if not access.has_any(user, Perm.VIEW_SITUATION):
            del self.filters["problem"]
            return
        # Only problems some adopted activity answers. An EXISTS over the catalogue's adopted flag, and
        # only the columns the option shows: the join through activity, chapter and revision with
        # DISTINCT over every lägesbild column took PostgreSQL longer to plan than the page's queries
        # took to run.
        answered = Activity.problems.through.objects.filter(
            problem_id=OuterRef("pk"), activity__catalogue_entry__adopted=True
        )
        self.filters["problem"].queryset = (
            Problem.objects.filter(
                Exists(answered),
                picture__organisation__in=access.organisations_for(user, Perm.VIEW_SITUATION),
            )
            .only("pk", "priority", "title")
            .order_by("-picture__year", "priority", "pk")
        )

    def filter_search(self, queryset, name, value):
        return search.search_activities(queryset, value, activity="activity__")

    def filter_contains(self, queryset, name, value):
        return search.contains_ignoring_case(queryset, f"activity__{name}", value)


class RoutineFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Sök",
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Till exempel oro"}),
    )
    kind = django_filters.ChoiceFilter(label="Typ", choices=Routine.Kind.choices, empty_label="Alla typer")

    class Meta:
        model = Routine
        fields = ["q", "kind"]

    def filter_search(self, queryset, name, value):
        return search.search_routines(queryset, value)
