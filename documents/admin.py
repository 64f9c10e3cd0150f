from django.contrib import admin

from .models import StoredDocument


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
