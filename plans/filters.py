"""FilterSets of the staff catalogue (activities) and the routine list. Every filter works as a GET form."""

import django_filters
from django import forms

from organisations import access
from organisations.access import Perm
from organisations.kinds import PlanKind
from organisations.models import Organisation
from situation.models import Problem

from . import search
from .models import Activity, Chapter, PlanRevision, Routine

ACTIVITY_KINDS = [(value, label) for value, label in Chapter.Kind.choices if value != Chapter.Kind.PROSE]


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Sök",
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Till exempel föräldrastöd"}),
    )
    organisation = django_filters.ModelChoiceFilter(
        label="Organisation",
        field_name="chapter__revision__plan__organisation",
        queryset=Organisation.objects.none(),
        empty_label="Alla organisationer",
    )
    kind = django_filters.ChoiceFilter(
        label="Typ av arbete",
        field_name="chapter__kind",
        choices=ACTIVITY_KINDS,
        empty_label="Alla typer",
    )
    plan_kind = django_filters.ChoiceFilter(
        label="Plantyp",
        field_name="chapter__revision__plan__kind",
        choices=PlanKind.choices,
        empty_label="Alla plantyper",
    )
    problem = django_filters.ModelChoiceFilter(
        label="Svarar mot problem i lägesbilden",
        field_name="problems",
        queryset=Problem.objects.none(),
        empty_label="Alla problem",
    )
    responsible = django_filters.CharFilter(label="Ansvarig", method="filter_contains")
    partners = django_filters.CharFilter(label="Samverkan", method="filter_contains")
    year = django_filters.ChoiceFilter(
        label="År",
        field_name="chapter__revision__year",
        choices=[],
        empty_label="Alla år",
    )

    class Meta:
        model = Activity
        fields = ["q", "organisation", "plan_kind", "kind", "problem", "responsible", "partners", "year"]

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        user = request.user if request else None
        # Only organisations (and years) the user can see are offered; the options cost two small queries.
        self.filters["organisation"].queryset = (
            access.organisations_for(user, Perm.VIEW_PLAN)
            .filter(action_plans__revisions__status=PlanRevision.Status.ADOPTED)
            .distinct()
        )
        years = (
            PlanRevision.objects.visible_to(user)
            .adopted()
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.filters["year"].extra["choices"] = [(year, str(year)) for year in years]
        # Problems are lägesbild text: offered only to those who may read the lägesbild they belong to.
        if access.has_any(user, Perm.VIEW_SITUATION):
            self.filters["problem"].queryset = (
                Problem.objects.filter(
                    picture__organisation__in=access.organisations_for(user, Perm.VIEW_SITUATION),
                    activities__chapter__revision__status=PlanRevision.Status.ADOPTED,
                )
                .select_related("picture")
                .distinct()
                .order_by("-picture__year", "priority", "pk")
            )
        else:
            del self.filters["problem"]

    def filter_search(self, queryset, name, value):
        return search.search_activities(queryset, value)

    def filter_contains(self, queryset, name, value):
        return search.contains_ignoring_case(queryset, name, value)


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
