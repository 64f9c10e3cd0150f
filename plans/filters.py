"""FilterSets of the staff catalogue (activities) and the routine list. Every filter works as a GET form."""

from html import escape

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.safestring import mark_safe

from organisations import access
from organisations.access import Perm
from organisations.kinds import PlanKind
from situation.models import Problem

from . import catalogue, search
from .models import Activity, CatalogueEntry, Chapter, PlanRevision, Routine

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
    problem = django_filters.ChoiceFilter(
        label="Svarar mot problem i lägesbilden",
        field_name="activity__problems",
        choices=[],
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
        self.user = request.user if request else None
        # Problems are lägesbild text: offered only to those who may read the lägesbild they belong to.
        if not access.has_any(self.user, Perm.VIEW_SITUATION):
            del self.filters["problem"]

    @property
    def form(self):
        """The form, with the choices that depend on the user set on its fields once it is built: a
        Django form deep-copies every field's choices when it is made, which for a city's 200
        organisations cost more than the page's queries."""
        if not hasattr(self, "_form"):
            form = super().form
            # Only organisations (and years) with adopted activities the user can read (catalogue.scope_for).
            form.fields["organisation"].choices = self.scope.organisations
            form.fields["year"].choices = self.scope.years
            if "problem" in form.fields:
                form.fields["problem"].choices = self._answered_problems()
        return self._form

    @property
    def has_text_filter(self) -> bool:
        """Whether the selection needs the activities' text (search, ansvarig, samverkan)."""
        if not self.is_bound:
            return False
        self.form.is_valid()  # fills cleaned_data with the valid fields, which are the ones applied
        return any(self.form.cleaned_data.get(name) for name in self.TEXT_FILTERS)

    def structured(self) -> dict:
        """The applied organisation, kind and year (for catalogue.Scope.counts)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {name: self.form.cleaned_data.get(name) for name in ("organisation", "kind", "year")}

    SELECTS = ("organisation", "kind", "plan_kind", "problem", "year")

    def select_options(self) -> dict[str, str]:
        """The <option> elements of every select, escaped here in one pass, for the hand-written form in
        plans/partials/_catalogue_filters.html: a city's 200 organisations rendered through Django's
        widget templates (one template per option), or even format_html per option, cost more than the
        rest of the page. `html.escape` is what Django's own escaping calls."""
        options = {}
        for name in self.SELECTS:
            if name not in self.form.fields:  # the problem filter is offered to lägesbild readers only
                continue
            field = self.form.fields[name]
            current = str(self.form[name].value() or "")
            # The field's own list, with the empty choice first, as the field's iterator would give it
            # (which normalises every choice again on each pass).
            choices = [("", field.empty_label), *field.choices.choices]
            options[name] = mark_safe(  # noqa: S308 - every value and label is escaped just below
                "".join(
                    f'<option value="{escape(str(value))}"{" selected" if str(value) == current else ""}>'
                    f"{escape(str(label))}</option>"
                    for value, label in choices
                )
            )
        return options

    def _answered_problems(self) -> list[tuple[int, str]]:
        """Problems some adopted activity answers, in lägesbilder the user may read, as (id, label):
        cached under the catalogue's generations (adoptions decide what is answered; migration 0016
        counts every change to problems and answers) and the user's reach in the lägesbilder."""
        reach = access.reach(self.user, Perm.VIEW_SITUATION)
        return catalogue.cached(
            self.scope.generations,
            ("catalogue", "problems"),
            f"answered-problems:{catalogue.hash_of(reach)}",
            lambda: self._read_answered_problems(reach),
        )

    @staticmethod
    def _read_answered_problems(reach) -> list[tuple[int, str]]:
        # An EXISTS, and only the columns the option shows: the join through activity, chapter and
        # revision with DISTINCT over every lägesbild column took PostgreSQL longer to plan than the
        # page's queries took to run. (Not through CatalogueEntry: the catalogue's tables are read from
        # the replica, this query from the primary.)
        answered = Activity.problems.through.objects.filter(
            problem_id=OuterRef("pk"), activity__chapter__revision__status=PlanRevision.Status.ADOPTED
        )
        rows = (
            Problem.objects.filter(
                Exists(answered),
                reach.condition(
                    id_field="picture__organisation_id", path_field="picture__organisation__path"
                ),
            )
            .order_by("-picture__year", "priority", "pk")
            .values_list("pk", "priority", "title")
        )
        return [(pk, f"{priority}. {title}") for pk, priority, title in rows]

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
