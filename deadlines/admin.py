from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PersonalCalendar, SentReminder


@admin.register(PersonalCalendar)
class PersonalCalendarAdmin(SimpleHistoryAdmin):
    list_display = ["user", "reminders_enabled"]
    readonly_fields = ["user", "reminders_enabled"]
    exclude = ["feed_token"]

    def has_add_permission(self, request):
        return False


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["sent_on", "user", "item_key", "due", "sent_at"]
    list_filter = ["sent_on"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
