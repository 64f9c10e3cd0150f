"""Admin for the follow-up. Rounds are opened and closed in the portal; a closed round is read-only here
(organisations.guarded_admin asks the permission layer about the live row on every write)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from organisations.guarded_admin import GuardedAdmin

from .models import ActivityFollowUp, FollowUpRound, FollowUpStatus


@admin.register(FollowUpStatus)
class FollowUpStatusAdmin(SimpleHistoryAdmin):
    list_display = ["label", "organisation", "order", "tone"]
    list_filter = ["tone", "organisation"]
    search_fields = ["label"]
    raw_id_fields = ["organisation"]


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(GuardedAdmin):
    list_display = ["__str__", "kind", "period", "deadline", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["period", "revision__plan__organisation__name"]
    list_select_related = ["revision__plan__organisation"]
    readonly_fields = ["revision", "kind", "status", "opened_by", "opened_at", "closed_by", "closed_at"]
    fields = [*readonly_fields[:3], "period", "deadline", "overall_comment", *readonly_fields[3:]]

    def has_add_permission(self, request):
        return False  # opening creates one entry per activity: only through the portal's service


@admin.register(ActivityFollowUp)
class ActivityFollowUpAdmin(GuardedAdmin):
    list_display = ["activity", "round", "status", "reported_by", "reported_at"]
    list_filter = ["round__status", "status"]
    search_fields = ["activity__text", "narrative"]
    list_select_related = ["activity", "round__revision__plan__organisation", "status", "reported_by"]
    readonly_fields = ["round", "activity", "reported_by", "reported_at"]
    fields = ["round", "activity", "status", "narrative", "reported_by", "reported_at"]

    def has_add_permission(self, request):
        return False
