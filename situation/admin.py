"""Admin for the lägesbild and its reference data. A fastställd lägesbild is read-only here too."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from organisations.guarded_admin import GuardedAdmin, GuardedInline

from .models import Environment, Observation, ObservationKind, Problem, SituationPicture, Source


class SourceInline(GuardedInline, admin.TabularInline):
    extra = 0
    model = Source
    fields = ["order", "kind", "description", "responses"]


class ObservationInline(GuardedInline, admin.TabularInline):
    extra = 0
    model = Observation
    fields = ["environment", "kind", "area", "period", "count", "description"]
    autocomplete_fields = ["environment", "kind"]


class ProblemInline(GuardedInline, admin.TabularInline):
    extra = 0
    model = Problem
    fields = ["priority", "title", "area", "environment", "crime_type", "causes"]


@admin.register(SituationPicture)
class SituationPictureAdmin(GuardedAdmin):
    list_display = ["organisation", "year", "status", "made_with", "threat_level"]
    list_filter = ["status", "year"]
    search_fields = ["organisation__name", "made_with"]
    readonly_fields = ["status", "established_at", "established_by", "copied_from", "version", "created_at"]
    inlines = [ProblemInline, SourceInline, ObservationInline]


class ChildAdmin(GuardedAdmin):
    list_select_related = ["picture__organisation"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # New sources and observations can only be added to a draft.
        if db_field.name == "picture":
            kwargs["queryset"] = SituationPicture.objects.filter(status=SituationPicture.Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Source)
class SourceAdmin(ChildAdmin):
    list_display = ["picture", "kind", "responses"]
    list_filter = ["kind"]


@admin.register(Observation)
class ObservationAdmin(ChildAdmin):
    list_display = ["picture", "environment", "kind", "area", "period", "count"]
    list_filter = ["environment", "kind"]
    autocomplete_fields = ["environment", "kind"]


@admin.register(Problem)
class ProblemAdmin(ChildAdmin):
    list_display = ["picture", "priority", "title", "environment", "crime_type"]
    readonly_fields = ["copied_from"]


@admin.register(Environment, ObservationKind)
class ReferenceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name"]
