"""Admin for plans. Adopted and superseded revisions, with their chapters and activities, are read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionPlan, Activity, CaseMemo, Chapter, PlanRevision, Routine

ADMIN_REASON = "Ändrad i administrationen"


def _frozen(revision) -> bool:
    return revision is not None and revision.is_frozen


class FrozenRevisionMixin:
    """Refuse change and delete when the object's revision is frozen; `revision_of(obj)` finds it."""

    def revision_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and _frozen(self.revision_of(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _frozen(self.revision_of(obj)):
            return False
        return super().has_delete_permission(request, obj)


class TrackedSaveMixin:
    """Admin saves bump `version` (so open browser forms notice) and leave a change reason."""

    def save_model(self, request, obj, form, change):
        if change and hasattr(obj, "version"):
            obj.version += 1
        obj._change_reason = ADMIN_REASON
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj._change_reason = "Borttagen i administrationen"
            obj.delete()
        for obj in instances:
            if obj.pk and hasattr(obj, "version"):
                obj.version += 1
            obj._change_reason = ADMIN_REASON
            obj.save()
        formset.save_m2m()

    def delete_model(self, request, obj):
        obj._change_reason = "Borttagen i administrationen"
        super().delete_model(request, obj)


class FrozenInlineMixin:
    """Inlines under a frozen parent: no adding, changing or deleting (the parent is `obj`)."""

    def parent_revision(self, obj):
        raise NotImplementedError

    def has_add_permission(self, request, obj=None):
        return not (obj is not None and _frozen(self.parent_revision(obj))) and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and _frozen(self.parent_revision(obj))) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and _frozen(self.parent_revision(obj))) and super().has_delete_permission(
            request, obj
        )


class ChapterInline(FrozenInlineMixin, admin.TabularInline):
    model = Chapter
    extra = 0
    fields = ["order", "heading", "kind"]
    show_change_link = True

    def parent_revision(self, obj):
        return obj


class ActivityInline(FrozenInlineMixin, admin.StackedInline):
    model = Activity
    extra = 0
    fields = ["order", "text", "responsible", "responsible_unit", "partners", "timing", "follow_up_method"]
    autocomplete_fields = ["responsible_unit"]
    show_change_link = True

    def parent_revision(self, obj):
        return obj.revision


class PlanRevisionInline(admin.TabularInline):
    model = PlanRevision
    extra = 0
    fields = ["year", "status", "decided_on", "paragraph", "diary_number"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ActionPlan)
class ActionPlanAdmin(TrackedSaveMixin, SimpleHistoryAdmin):
    list_display = ["title", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    inlines = [PlanRevisionInline]


@admin.register(PlanRevision)
class PlanRevisionAdmin(FrozenRevisionMixin, TrackedSaveMixin, SimpleHistoryAdmin):
    list_display = ["plan", "year", "status", "decided_on", "paragraph", "diary_number"]
    list_filter = ["status", "year", "plan__organisation"]
    search_fields = ["plan__title", "plan__organisation__name", "diary_number"]
    list_select_related = ["plan__organisation"]
    # Status and the decision only change through adoption (plans.services.adopt_revision).
    readonly_fields = ["status", "decided_on", "paragraph", "diary_number", "copied_from", "created_at"]
    autocomplete_fields = ["plan"]
    inlines = [ChapterInline]

    def revision_of(self, obj):
        return obj


@admin.register(Chapter)
class ChapterAdmin(FrozenRevisionMixin, TrackedSaveMixin, SimpleHistoryAdmin):
    list_display = ["heading", "kind", "revision", "order"]
    list_filter = ["kind", "revision__status", "revision__year"]
    search_fields = ["heading", "body"]
    list_select_related = ["revision__plan__organisation"]
    readonly_fields = ["copied_from"]
    inlines = [ActivityInline]

    def revision_of(self, obj):
        return obj.revision

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "revision":
            kwargs["queryset"] = PlanRevision.objects.filter(status=PlanRevision.Status.DRAFT).select_related(
                "plan__organisation"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Activity)
class ActivityAdmin(FrozenRevisionMixin, TrackedSaveMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "responsible", "timing", "chapter"]
    list_filter = ["chapter__kind", "chapter__revision__status", "chapter__revision__year"]
    search_fields = ["text", "purpose", "responsible", "partners"]
    list_select_related = ["chapter"]
    readonly_fields = ["copied_from"]
    autocomplete_fields = ["responsible_unit"]

    def revision_of(self, obj):
        return obj.chapter.revision

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "chapter":
            kwargs["queryset"] = Chapter.objects.filter(
                revision__status=PlanRevision.Status.DRAFT
            ).select_related("revision__plan__organisation")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Routine)
class RoutineAdmin(TrackedSaveMixin, SimpleHistoryAdmin):
    list_display = ["title", "kind", "organisation"]
    list_filter = ["kind", "organisation"]
    search_fields = ["title", "body"]
    autocomplete_fields = ["organisation"]


@admin.register(CaseMemo)
class CaseMemoAdmin(SimpleHistoryAdmin):
    """Read-only: the ärende is written in the portal (plans.cases.save_case_memo) and frozen with the
    decision, so the admin is no second door to it."""

    list_display = ["revision", "official", "prepared_on", "diary_number", "version"]
    search_fields = ["diary_number", "revision__plan__organisation__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
