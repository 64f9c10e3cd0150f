"""Admin for the lägesbild and its reference data. A fastställd lägesbild is read-only here too."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Environment, Observation, ObservationKind, Problem, SituationPicture, Source


def _frozen(obj) -> bool:
    picture = obj if isinstance(obj, SituationPicture) else getattr(obj, "picture", None)
    return bool(picture and picture.is_frozen)


class FrozenReadOnlyMixin:
    """No change or delete once the lägesbild is fastställd; the page then shows it read-only."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _frozen(obj)


class FrozenInlineMixin(FrozenReadOnlyMixin):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _frozen(obj)


class SourceInline(FrozenInlineMixin, admin.TabularInline):
    model = Source
    fields = ["order", "kind", "description", "responses"]


class ObservationInline(FrozenInlineMixin, admin.TabularInline):
    model = Observation
    fields = ["environment", "kind", "area", "period", "count", "description"]
    autocomplete_fields = ["environment", "kind"]


class ProblemInline(FrozenInlineMixin, admin.TabularInline):
    model = Problem
    fields = ["priority", "title", "area", "environment", "crime_type", "causes"]


@admin.register(SituationPicture)
class SituationPictureAdmin(FrozenReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["organisation", "year", "status", "made_with", "threat_level"]
    list_filter = ["status", "year"]
    search_fields = ["organisation__name", "made_with"]
    readonly_fields = ["status", "established_at", "established_by", "copied_from", "version", "created_at"]
    inlines = [ProblemInline, SourceInline, ObservationInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        obj._change_reason = "Ändrad i administrationen"
        super().save_model(request, obj, form, change)


class ChildAdmin(FrozenReadOnlyMixin, SimpleHistoryAdmin):
    list_select_related = ["picture__organisation"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # New sources and observations can only be added to a draft.
        if db_field.name == "picture":
            kwargs["queryset"] = SituationPicture.objects.filter(status=SituationPicture.Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        obj._change_reason = "Ändrad i administrationen"
        super().save_model(request, obj, form, change)


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
