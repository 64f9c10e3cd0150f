"""Admin for the meeting calendar: read-only, with history. Meetings are written through the portal's
services (which check the role and the version), never past them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Meeting, MeetingRule


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "date", "starts_at", "place", "papers_due_override"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    date_hierarchy = "date"


@admin.register(MeetingRule)
class MeetingRuleAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "papers_days_before", "followup_days_before_papers"]
    list_select_related = ["organisation"]
