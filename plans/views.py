"""Handlingsplaner in the browser: plans, yearly revisions, chapters, activities, adoption, history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from organisations import access
from organisations.access import Perm

from . import services
from .compare import compare_revisions
from .forms import ActivityForm, AdoptionForm, ChapterForm, PlanCreateForm, RevisionMetaForm
from .history import activity_history_rows, build_entries, revision_history_rows
from .models import ActionPlan, Activity, Chapter, PlanRevision

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


def _editable(request, revision):
    """403 unless the user may edit the plan; a redirect with a message if the revision is frozen."""
    access.require(request.user, Perm.EDIT_PLAN, revision.plan.organisation)
    if revision.is_frozen:
        messages.error(request, services.RevisionFrozen(revision).message)
        return redirect(revision)
    return None


def _refused(request, error, revision):
    messages.error(request, error.message)
    return redirect(revision)


def _page(request, items, size=PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


# --- plans -----------------------------------------------------------------------------------------


@login_required
def plan_list(request):
    plans = (
        ActionPlan.objects.visible_to(request.user)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "revisions",
                queryset=PlanRevision.objects.visible_to(request.user).order_by("-year"),
                to_attr="visible_revisions",
            )
        )
    )
    return render(
        request,
        "plans/plan_list.html",
        {"page_obj": _page(request, plans), "can_create": access.has_any(request.user, Perm.EDIT_PLAN)},
    )


@login_required
def plan_create(request):
    if not access.has_any(request.user, Perm.EDIT_PLAN):
        raise PermissionDenied
    form = PlanCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(by=request.user, **form.cleaned_data)
        except services.PlanError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, f"Handlingsplanen är skapad med ett utkast för {form.cleaned_data['year']}."
            )
            return redirect(plan.revisions.get())
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(
        ActionPlan.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    revisions = list(PlanRevision.objects.visible_to(request.user).filter(plan=plan).order_by("-year"))
    can_edit = access.has_perm(request.user, Perm.EDIT_PLAN, plan.organisation)
    adopted = next((r for r in revisions if r.status == PlanRevision.Status.ADOPTED), None)
    has_draft = any(r.status == PlanRevision.Status.DRAFT for r in revisions)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "revisions": revisions,
            "adopted": adopted,
            "can_start_next": can_edit and adopted is not None and not has_draft,
            "can_view_draft": access.has_perm(request.user, Perm.VIEW_DRAFT, plan.organisation),
        },
    )


# --- revisions -------------------------------------------------------------------------------------


@login_required
def revision_detail(request, pk):
    revision = _revision(request, pk)
    organisation = revision.plan.organisation
    chapters = revision.chapters.order_by("order", "pk").prefetch_related(
        Prefetch(
            "activities", queryset=Activity.objects.select_related("responsible_unit").order_by("order", "pk")
        )
    )
    can_edit_plan = access.has_perm(request.user, Perm.EDIT_PLAN, organisation)
    is_adopted = revision.status == PlanRevision.Status.ADOPTED
    picture = revision.situation_picture
    return render(
        request,
        "plans/revision_detail.html",
        {
            "revision": revision,
            "plan": revision.plan,
            "chapters": chapters,
            "can_edit": can_edit_plan and not revision.is_frozen,
            "can_adopt": access.has_perm(request.user, Perm.ADOPT, organisation) and not revision.is_frozen,
            "can_view_draft": access.has_perm(request.user, Perm.VIEW_DRAFT, organisation),
            # The lägesbild is more sensitive than the plan: named only to those who may read it.
            "situation_picture": picture
            if picture and access.has_perm(request.user, Perm.VIEW_SITUATION, picture.organisation)
            else None,
            "can_start_next": can_edit_plan
            and is_adopted
            and not revision.plan.revisions.filter(status=PlanRevision.Status.DRAFT).exists(),
        },
    )


@login_required
def revision_edit(request, pk):
    revision = _revision(request, pk)
    if refused := _editable(request, revision):
        return refused
    form = RevisionMetaForm(request.POST or None, instance=revision, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_revision_meta(
                revision=revision,
                version=form.cleaned_data["version"],
                year=form.cleaned_data["year"],
                decided_by=form.cleaned_data["decided_by"],
                situation_picture=form.cleaned_data["situation_picture"],
                by=request.user,
            )
        except services.EditConflict as error:
            conflict = error
            form = RevisionMetaForm(
                _with_version(request.POST, error), instance=_revision(request, pk), user=request.user
            )
        except services.PlanError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Revideringens uppgifter är sparade.")
            return redirect(revision)
    return render(
        request,
        "plans/revision_form.html",
        {"form": form, "revision": revision, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
def revision_adopt(request, pk):
    revision = _revision(request, pk)
    access.require(request.user, Perm.ADOPT, revision.plan.organisation)
    if revision.is_frozen:
        return _refused(request, services.RevisionFrozen(revision), revision)
    initial = {"decided_by": revision.decided_by or revision.plan.organisation.name}
    form = AdoptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.adopt_revision(revision=revision, by=request.user, **form.cleaned_data)
        except services.PlanError as error:
            return _refused(request, error, revision)
        messages.success(
            request, f"Revideringen {revision.year} är registrerad som antagen och kan inte längre ändras."
        )
        return redirect(revision)
    return render(request, "plans/revision_adopt.html", {"form": form, "revision": revision})


@login_required
@require_POST
def revision_start_next(request, pk):
    revision = _revision(request, pk)
    access.require(request.user, Perm.EDIT_PLAN, revision.plan.organisation)
    try:
        draft = services.start_next_revision(source=revision, by=request.user)
    except services.PlanError as error:
        messages.error(request, error.message)
        return redirect(revision.plan)
    messages.success(request, f"Ett utkast för {draft.year} är skapat som kopia av {revision.year}.")
    return redirect(draft)


@login_required
def revision_history(request, pk):
    revision = _revision(request, pk)
    access.require(request.user, Perm.VIEW_DRAFT, revision.plan.organisation)
    page_obj = _page(request, revision_history_rows(revision), HISTORY_PAGE_SIZE)
    return render(
        request,
        "plans/revision_history.html",
        {"revision": revision, "page_obj": page_obj, "entries": build_entries(list(page_obj.object_list))},
    )


@login_required
def revision_compare(request, pk):
    revision = _revision(request, pk)
    access.require(request.user, Perm.VIEW_DRAFT, revision.plan.organisation)
    others = list(
        PlanRevision.objects.visible_to(request.user)
        .filter(plan_id=revision.plan_id)
        .exclude(pk=revision.pk)
        .order_by("-year")
    )
    other = None
    if request.GET.get("med"):
        other = next((r for r in others if str(r.pk) == request.GET["med"]), None)
        if other is None:
            raise Http404
    else:
        other = next((r for r in others if r.pk == revision.copied_from_id), None)
        other = (
            other
            or next((r for r in others if r.year < revision.year), None)
            or (others[0] if others else None)
        )
    comparison = compare_revisions(revision, other) if other else None
    return render(
        request,
        "plans/revision_compare.html",
        {"revision": revision, "others": others, "other": other, "comparison": comparison},
    )


# --- chapters --------------------------------------------------------------------------------------


def _with_version(data, conflict):
    """The user's input, kept, with the current version: saving again is now a deliberate choice."""
    data = data.copy()
    data["version"] = str(conflict.current_version)
    return data


@login_required
def chapter_create(request, revision_pk):
    revision = _revision(request, revision_pk)
    if refused := _editable(request, revision):
        return refused
    form = ChapterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            chapter = services.add_chapter(revision=revision, by=request.user, **fields)
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
    form = ChapterForm(request.POST or None, instance=chapter)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.update_chapter(
                chapter=chapter, version=form.cleaned_data["version"], by=request.user, **fields
            )
        except services.EditConflict as error:
            conflict = error
            form = ChapterForm(_with_version(request.POST, error), instance=_chapter(request, pk))
        except services.PlanError as error:
            return _refused(request, error, revision)
        else:
            messages.success(request, "Kapitlet är sparat.")
            return redirect(chapter)
    return render(
        request,
        "plans/chapter_form.html",
        {"form": form, "revision": revision, "chapter": chapter, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
def chapter_delete(request, pk):
    chapter = _chapter(request, pk)
    revision = chapter.revision
    if refused := _editable(request, revision):
        return refused
    if request.method == "POST":
        try:
            services.delete_chapter(
                chapter=chapter, version=request.POST.get("version") or None, by=request.user
            )
        except services.PlanError as error:
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
        services.move_chapter(chapter=chapter, direction=request.POST.get("direction", ""), by=request.user)
    except services.PlanError as error:
        return _refused(request, error, chapter.revision)
    return redirect(chapter)


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
            "can_edit": access.has_perm(request.user, Perm.EDIT_PLAN, organisation)
            and not revision.is_frozen,
            "can_view_draft": access.has_perm(request.user, Perm.VIEW_DRAFT, organisation),
        },
    )


def _activity_fields(form):
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


@login_required
def activity_create(request, chapter_pk):
    chapter = _chapter(request, chapter_pk)
    revision = chapter.revision
    if refused := _editable(request, revision):
        return refused
    form = ActivityForm(request.POST or None, organisation=revision.plan.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_activity(chapter=chapter, by=request.user, **_activity_fields(form))
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
    form = ActivityForm(request.POST or None, instance=activity, organisation=organisation)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_activity(
                activity=activity,
                version=form.cleaned_data["version"],
                by=request.user,
                **_activity_fields(form),
            )
        except services.EditConflict as error:
            conflict = error
            form = ActivityForm(
                _with_version(request.POST, error), instance=_activity(request, pk), organisation=organisation
            )
        except services.PlanError as error:
            return _refused(request, error, revision)
        else:
            messages.success(request, "Aktiviteten är sparad.")
            return redirect(chapter)
    return render(
        request,
        "plans/activity_form.html",
        {"form": form, "revision": revision, "chapter": chapter, "activity": activity, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
def activity_delete(request, pk):
    activity = _activity(request, pk)
    revision = activity.chapter.revision
    if refused := _editable(request, revision):
        return refused
    if request.method == "POST":
        try:
            services.delete_activity(
                activity=activity, version=request.POST.get("version") or None, by=request.user
            )
        except services.PlanError as error:
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
        services.move_activity(
            activity=activity, direction=request.POST.get("direction", ""), by=request.user
        )
    except services.PlanError as error:
        return _refused(request, error, activity.chapter.revision)
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
