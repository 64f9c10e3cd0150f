"""Admin for the follow-up. Rounds are opened and closed in the portal; a closed round is read-only here."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .models import ActivityFollowUp, FollowUpRound, FollowUpStatus


def _round_closed(round_id) -> bool:
    # Ask the database, not the object: the history view hands in old versions of an object,
    # and an old version of a closed round still says "open".
    return FollowUpRound.objects.filter(pk=round_id, status=FollowUpRound.Status.CLOSED).exists()


@admin.register(FollowUpStatus)
class FollowUpStatusAdmin(SimpleHistoryAdmin):
    list_display = ["label", "organisation", "order", "tone"]
    list_filter = ["tone", "organisation"]
    search_fields = ["label"]
    raw_id_fields = ["organisation"]


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "period", "deadline", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["period", "revision__plan__organisation__name"]
    list_select_related = ["revision__plan__organisation"]
    readonly_fields = ["revision", "kind", "status", "opened_by", "opened_at", "closed_by", "closed_at"]
    fields = [*readonly_fields[:3], "period", "deadline", "overall_comment", *readonly_fields[3:]]

    def has_add_permission(self, request):
        return False  # opening creates one entry per activity: only through the portal's service

    def has_change_permission(self, request, obj=None):
        if obj is not None and _round_closed(obj.pk):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _round_closed(obj.pk):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if _round_closed(obj.pk):
            raise PermissionDenied
        obj.version += 1
        obj._change_reason = "Ändrad i administrationen"
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        if _round_closed(obj.pk):
            raise PermissionDenied
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        if queryset.filter(status=FollowUpRound.Status.CLOSED).exists():
            raise PermissionDenied
        super().delete_queryset(request, queryset)


@admin.register(ActivityFollowUp)
class ActivityFollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "round", "status", "reported_by", "reported_at"]
    list_filter = ["round__status", "status"]
    search_fields = ["activity__text", "narrative"]
    list_select_related = ["activity", "round__revision__plan__organisation", "status", "reported_by"]
    readonly_fields = ["round", "activity", "reported_by", "reported_at"]
    fields = ["round", "activity", "status", "narrative", "reported_by", "reported_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and _round_closed(obj.round_id):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _round_closed(obj.round_id):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if _round_closed(obj.round_id):
            raise PermissionDenied
        obj.version += 1
        obj._change_reason = "Ändrad i administrationen"
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        if _round_closed(obj.round_id):
            raise PermissionDenied
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        if queryset.filter(round__status=FollowUpRound.Status.CLOSED).exists():
            raise PermissionDenied
        super().delete_queryset(request, queryset)
