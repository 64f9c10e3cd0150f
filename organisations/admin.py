from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .kinds import KindSetting
from .models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "parent", "publishes_publicly"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(KindSetting)
class KindSettingAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "kind", "adopting_body", "plan_cycle_years", "picture_cycle_years"]
    list_filter = ["kind"]
    autocomplete_fields = ["organisation"]
