"""The editing core of a draft revision: its chapters and their activities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from organisations import access, editing
from organisations.access import Action, Perm

from .. import indicator_selectors, services
from ..forms import ActivityForm, ChapterForm
from ..history import activity_history_rows, build_entries
from ..models import Activity, Chapter
from .lookups import (
    HISTORY_PAGE_SIZE,
    _activity,
    _already_deleted,
    _chapter,
    _editable,
    _page,
    _refused,
    _revision,
)

# --- chapters --------------------------------------------------------------------------------------


@login_required
def chapter_create(request, revision_pk):
    revision = _revision(request, revision_pk)
    if refused := _editable(request, revision):
        return refused
    form = ChapterForm(request.POST or None, plan_kind=revision.plan.kind)
    if request.method == "POST" and form.is_valid():
        try:
            chapter = services.add_chapter(revision=revision, by=request.user, **form.edited_values())
        except services.PlanError as error:
            return _refused(request, error, revision)
        messages.success(request, f"Kapitlet ”{chapter.heading}” är tillagt.")
        return redirect(chapter)
    return render(request, "plans/chapter_form.html", {"form": form, "revision": revision})


@login_required
def chapter_edit(request, pk):
    chapter = _chapter(request, pk)
    revision = chapter.revision
    if refused := _editable(request, revision):
        return refused
    form = ChapterForm(request.POST or None, instance=chapter, plan_kind=revision.plan.kind)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_chapter(
                chapter=chapter, version=form.cleaned_data["version"], by=request.user, **form.edited_values()
            )
        except services.EditConflict as error:
            conflict = error
            form = ChapterForm.after_conflict(form, error, plan_kind=revision.plan.kind)
        except services.PlanError as error:
            return _refused(request, error, revision)
        else:
            messages.success(request, "Kapitlet är sparat.")
            return redirect(chapter)
    return render(
        request,
        "plans/chapter_form.html",
        {"form": form, "revision": revision, "chapter": chapter, "conflict": conflict},
        status=editing.CONFLICT_STATUS if conflict else 200,
    )


@login_required
def chapter_delete(request, pk):
    try:
        chapter = _chapter(request, pk)
    except Http404:
        return _already_deleted(request, Chapter, pk)
    revision = chapter.revision
    if refused := _editable(request, revision):
        return refused
    if request.method == "POST":
        try:
            services.delete_chapter(
                chapter=chapter, version=request.POST.get("version") or None, by=request.user
            )
        except (services.PlanError, services.EditConflict) as error:
            return _refused(request, error, revision)
        messages.success(request, f"Kapitlet ”{chapter.heading}” är borttaget.")
        return redirect(revision)
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "revision": revision,
            "object": chapter,
            "what": "kapitlet",
            "count": chapter.activities.count(),
            "action": reverse("plans:chapter_delete", args=[chapter.pk]),
        },
    )


@login_required
@require_POST
def chapter_move(request, pk):
    chapter = _chapter(request, pk)
    try:
        services.move_chapter(chapter=chapter, by=request.user, **_move_target(request))
    except services.PlanError as error:
        return _refused(request, error, chapter.revision)
    return redirect(chapter)


def _move_target(request):
    """A move form sends either `position` (Flytta till plats …) or `direction` (up/down)."""
    position = request.POST.get("position", "").strip()
    if position:
        return {"position": position}
    return {"direction": request.POST.get("direction", "")}


# --- activities ------------------------------------------------------------------------------------


@login_required
def activity_detail(request, pk):
    activity = _activity(request, pk)
    revision = activity.chapter.revision
    visible = Activity.objects.visible_to(request.user).select_related("chapter__revision")
    origin = visible.filter(pk=activity.copied_from_id).first() if activity.copied_from_id else None
    copies = list(visible.filter(copied_from=activity).order_by("chapter__revision__year"))
    organisation = revision.plan.organisation
    return render(
        request,
        "plans/activity_detail.html",
        {
            "activity": activity,
            "chapter": activity.chapter,
            "revision": revision,
            "origin": origin,
            "copies": copies,
            "can_edit": access.can(request.user, Action.CHANGE, activity),
            "can_view_draft": access.has_perm(request.user, Perm.VIEW_DRAFT, organisation),
            "indicators": indicator_selectors.for_activity(activity),
        },
    )


@login_required
def activity_create(request, chapter_pk):
    chapter = _chapter(request, chapter_pk)
    revision = chapter.revision
    if refused := _editable(request, revision):
        return refused
    form = ActivityForm(request.POST or None, organisation=revision.plan.organisation, revision=revision)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_activity(chapter=chapter, by=request.user, **form.edited_values())
        except services.PlanError as error:
            return _refused(request, error, revision)
        messages.success(request, "Aktiviteten är tillagd.")
        return redirect(chapter)
    return render(
        request, "plans/activity_form.html", {"form": form, "revision": revision, "chapter": chapter}
    )


@login_required
def activity_edit(request, pk):
    activity = _activity(request, pk)
    chapter, revision = activity.chapter, activity.chapter.revision
    if refused := _editable(request, revision):
        return refused
    organisation = revision.plan.organisation
    form = ActivityForm(request.POST or None, instance=activity, organisation=organisation, revision=revision)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_activity(
                activity=activity,
                version=form.cleaned_data["version"],
                by=request.user,
                **form.edited_values(),
            )
        except services.EditConflict as error:
            conflict = error
            form = ActivityForm.after_conflict(form, error, organisation=organisation, revision=revision)
        except services.PlanError as error:
            return _refused(request, error, revision)
        else:
            messages.success(request, "Aktiviteten är sparad.")
            return redirect(chapter)
    return render(
        request,
        "plans/activity_form.html",
        {"form": form, "revision": revision, "chapter": chapter, "activity": activity, "conflict": conflict},
        status=editing.CONFLICT_STATUS if conflict else 200,
    )


@login_required
def activity_delete(request, pk):
    try:
        activity = _activity(request, pk)
    except Http404:
        return _already_deleted(request, Activity, pk)
    revision = activity.chapter.revision
    if refused := _editable(request, revision):
        return refused
    if request.method == "POST":
        try:
            services.delete_activity(
                activity=activity, version=request.POST.get("version") or None, by=request.user
            )
        except (services.PlanError, services.EditConflict) as error:
            return _refused(request, error, revision)
        messages.success(request, "Aktiviteten är borttagen.")
        return redirect(activity.chapter)
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "revision": revision,
            "object": activity,
            "what": "aktiviteten",
            "action": reverse("plans:activity_delete", args=[activity.pk]),
        },
    )


@login_required
@require_POST
def activity_move(request, pk):
    activity = _activity(request, pk)
    try:
        moved = services.move_activity(activity=activity, by=request.user, **_move_target(request))
    except services.PlanError as error:
        return _refused(request, error, activity.chapter.revision)
    if moved:
        activity.refresh_from_db(fields=["order"])
        messages.success(request, f"Aktiviteten är flyttad till plats {activity.order}.")
    return redirect(
        reverse("plans:revision_detail", args=[activity.chapter.revision_id]) + f"#aktivitet-{pk}"
    )


@login_required
def activity_history(request, pk):
    activity = _activity(request, pk)
    access.require(request.user, Perm.VIEW_DRAFT, activity.chapter.revision.plan.organisation)
    page_obj = _page(request, activity_history_rows(activity), HISTORY_PAGE_SIZE)
    return render(
        request,
        "plans/activity_history.html",
        {
            "activity": activity,
            "revision": activity.chapter.revision,
            "page_obj": page_obj,
            "entries": build_entries(list(page_obj.object_list)),
        },
    )
