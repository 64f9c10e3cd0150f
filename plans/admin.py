"""Admin for plans. Adopted and superseded revisions, with their chapters and activities, are read-only
(organisations.guarded_admin asks the permission layer about the live row on every write)."""

from django.contrib import admin

from organisations.guarded_admin import GuardedAdmin, GuardedInline

from .models import ActionPlan, Activity, Chapter, PlanRevision, Routine


class ChapterInline(GuardedInline, admin.TabularInline):
    model = Chapter
    extra = 0
    fields = ["order", "heading", "kind"]
    show_change_link = True


class ActivityInline(GuardedInline, admin.StackedInline):
    model = Activity
    extra = 0
    fields = ["order", "text", "responsible", "responsible_unit", "partners", "timing", "follow_up_method"]
    autocomplete_fields = ["responsible_unit"]
    show_change_link = True


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
class ActionPlanAdmin(GuardedAdmin):
    list_display = ["title", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    inlines = [PlanRevisionInline]


@admin.register(PlanRevision)
class PlanRevisionAdmin(GuardedAdmin):
    list_display = ["plan", "year", "status", "decided_on", "paragraph", "diary_number"]
    list_filter = ["status", "year", "plan__organisation"]
    search_fields = ["plan__title", "plan__organisation__name", "diary_number"]
    list_select_related = ["plan__organisation"]
    # Status and the decision only change through adoption (plans.services.adopt_revision).
    readonly_fields = ["status", "decided_on", "paragraph", "diary_number", "copied_from", "created_at"]
    autocomplete_fields = ["plan"]
    inlines = [ChapterInline]


@admin.register(Chapter)
class ChapterAdmin(GuardedAdmin):
    list_display = ["heading", "kind", "revision", "order"]
    list_filter = ["kind", "revision__status", "revision__year"]
    search_fields = ["heading", "body"]
    list_select_related = ["revision__plan__organisation"]
    readonly_fields = ["copied_from"]
    inlines = [ActivityInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "revision":
            kwargs["queryset"] = PlanRevision.objects.filter(status=PlanRevision.Status.DRAFT).select_related(
                "plan__organisation"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Activity)
class ActivityAdmin(GuardedAdmin):
    list_display = ["__str__", "responsible", "timing", "chapter"]
    list_filter = ["chapter__kind", "chapter__revision__status", "chapter__revision__year"]
    search_fields = ["text", "purpose", "responsible", "partners"]
    list_select_related = ["chapter"]
    readonly_fields = ["copied_from"]
    autocomplete_fields = ["responsible_unit"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "chapter":
            kwargs["queryset"] = Chapter.objects.filter(
                revision__status=PlanRevision.Status.DRAFT
            ).select_related("revision__plan__organisation")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Routine)
class RoutineAdmin(GuardedAdmin):
    list_display = ["title", "kind", "organisation"]
    list_filter = ["kind", "organisation"]
    search_fields = ["title", "body"]
    autocomplete_fields = ["organisation"]
