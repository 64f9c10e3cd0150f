"""The Django admin is not a second door: every write asks the permission layer about the live row.

`GuardedAdmin` is the base of every admin whose model has an access policy (plans, lägesbild,
follow-up). A frozen object (adopted revision, fastställd lägesbild, closed round) is read-only for
everyone, superuser included, on every admin path: the change form, delete, bulk delete, inlines and
django-simple-history's history pages, whose revert form is refused outright (it hands in an old
version of the object, which would say "draft"). The live database row decides, never the object
the admin happens to hold.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from . import access, editing

ADMIN_REASON = "Ändrad i administrationen"
ADMIN_DELETE_REASON = "Borttagen i administrationen"


def live(obj):
    """The row as it is in the database now (None if it is gone); an unsaved object as it is."""
    if obj is None or obj.pk is None:
        return obj
    return type(obj)._default_manager.filter(pk=obj.pk).first()


def frozen(obj) -> bool:
    current = live(obj)
    return current is not None and access.is_frozen(current)


def _refuse_if_frozen(obj):
    if frozen(obj):
        raise PermissionDenied


class GuardedAdmin(SimpleHistoryAdmin):
    """Admin of a model with `access_policy()`: writes refused on frozen live rows, revert disabled."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not frozen(obj)

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting writes an old version over the live row, past every rule of the services.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        if change:
            current = editing.lock(obj)
            _refuse_if_frozen(current)
            if hasattr(obj, "version"):
                obj.version = current.version + 1  # open portal forms notice the admin's save
        else:
            _refuse_if_frozen(obj)  # a new part of a frozen parent
        editing.save_tracked(obj, by=request.user, reason=ADMIN_REASON)

    @transaction.atomic
    def delete_model(self, request, obj):
        _refuse_if_frozen(editing.lock(obj))
        editing.delete_tracked(obj, by=request.user, reason=ADMIN_DELETE_REASON)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        objects = list(queryset.select_for_update())
        if any(access.is_frozen(obj) for obj in objects):
            raise PermissionDenied
        for obj in objects:
            editing.delete_tracked(obj, by=request.user, reason=ADMIN_DELETE_REASON)

    @transaction.atomic
    def save_formset(self, request, form, formset, change):
        _refuse_if_frozen(form.instance)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            _refuse_if_frozen(obj)
            editing.delete_tracked(obj, by=request.user, reason=ADMIN_DELETE_REASON)
        for obj in instances:
            _refuse_if_frozen(obj)
            if obj.pk and hasattr(obj, "version"):
                obj.version += 1
            editing.save_tracked(obj, by=request.user, reason=ADMIN_REASON)
        formset.save_m2m()


class GuardedInline:
    """Inline of the parts of a frozen parent (`obj` is the parent): no adding, changing or deleting."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not frozen(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not frozen(obj)
