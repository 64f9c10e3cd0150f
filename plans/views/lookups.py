"""Shared by the plan views: an object the user may see or 404, the draft check, paging."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from organisations import access
from organisations.access import Action

from ..models import Activity, Chapter, PlanRevision

PAGE_SIZE = 20
HISTORY_PAGE_SIZE = 25


# --- lookups: visible or 404, then the action or 403 --------------------------------------------------


def _revision(request, pk):
    return get_object_or_404(
        PlanRevision.objects.visible_to(request.user).select_related(
            "plan__organisation", "copied_from", "situation_picture__organisation"
        ),
        pk=pk,
    )


def _chapter(request, pk):
    return get_object_or_404(
        Chapter.objects.visible_to(request.user).select_related("revision__plan__organisation"), pk=pk
    )


def _activity(request, pk):
    return get_object_or_404(
        Activity.objects.visible_to(request.user).select_related(
            "chapter__revision__plan__organisation", "responsible_unit"
        ),
        pk=pk,
    )


# A deleted object -> (its parent's id in the history record, the parent's model, what the user is told).
_DELETED = {
    Activity: ("chapter_id", Chapter, "Aktiviteten är redan borttagen."),
    Chapter: ("revision_id", PlanRevision, "Kapitlet är redan borttaget."),
}


def _already_deleted(request, model, pk):
    """A second delete (double click, a colleague was quicker): back to where the object was, with a
    message, if the user may see that place; otherwise the usual 404.

    Called when the lookup of the object has failed, not before it: a check before the lookup left a
    window in which a simultaneous delete committed between the two and the request answered 404."""
    if request.method != "POST":
        raise Http404
    field, parent_model, message = _DELETED[model]
    record = model.history.filter(id=pk, history_type="-").order_by("-history_date").first()
    visible = parent_model.objects.visible_to(request.user)
    parent = record and visible.filter(pk=getattr(record, field)).first()
    if parent is None:
        raise Http404
    messages.info(request, message)
    return redirect(parent)


def _editable(request, obj, action=Action.CHANGE):
    """403 unless the user's role allows `action` on `obj`; a redirect with the reason if it is frozen."""
    try:
        access.require_can(request.user, action, obj)
    except access.Frozen as frozen:
        messages.error(request, frozen.message)
        return redirect(obj)
    return None


def _refused(request, error, revision):
    messages.error(request, error.message)
    return redirect(revision)


def _page(request, items, size=PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))
