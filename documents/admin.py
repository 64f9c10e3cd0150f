from django.contrib import admin

from organisations.guarded_admin import GuardedAdmin

from .models import CaseMemo, StoredDocument


@admin.register(StoredDocument)
class StoredDocumentAdmin(admin.ModelAdmin):
    """Read-only: a stored document is the archived form of a decision and is never edited."""

    list_display = ["filename", "key", "size", "sha256", "created_at", "created_by"]
    search_fields = ["key", "filename", "sha256"]
    readonly_fields = ["key", "filename", "sha256", "size", "created_at", "created_by"]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CaseMemo)
class CaseMemoAdmin(GuardedAdmin):
    """Read-only: the ärende is written in the portal (documents.cases.save_case_memo, with its version
    check and its rule on who may be handläggare) and frozen with its object's decision, so the admin
    is no second door to it, draft or not."""

    list_display = ["__str__", "owner_type", "official", "prepared_on", "diary_number", "version"]
    list_filter = ["owner_type"]
    search_fields = ["diary_number", "proposal"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
