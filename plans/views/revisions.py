"""Plans and their yearly revisions: list, create, detail, metadata, adoption, history, comparison."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from organisations import access, editing
from organisations.access import Action, Perm

from .. import services
from ..compare import compare_revisions
from ..forms import AdoptionForm, PlanCreateForm, RevisionMetaForm
from ..history import build_entries, revision_history_rows
from ..models import ActionPlan, Activity, PlanRevision
from .lookups import HISTORY_PAGE_SIZE, _editable, _page, _refused, _revision

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
    adopted = next((r for r in revisions if r.status == PlanRevision.Status.ADOPTED), None)
    draft = plan.revisions.filter(status=PlanRevision.Status.DRAFT).first()
    has_draft = draft is not None
    can_change = access.can(request.user, Action.CHANGE, plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "revisions": revisions,
            "adopted": adopted,
            "can_start_next": access.can(request.user, Action.CONTINUE, plan)
            and adopted is not None
            and not has_draft,
            "can_view_draft": access.has_perm(request.user, Perm.VIEW_DRAFT, plan.organisation),
            # A Word plan fills an empty draft, or a new one when the plan has none (plans.word_import).
            "can_import_word": can_change and (draft is None or not draft.chapters.exists()),
            "word_draft": draft,
        },
    )


# --- revisions -------------------------------------------------------------------------------------


@login_required
def revision_detail(request, pk):
    revision = _revision(request, pk)
    organisation = revision.plan.organisation
    picture = revision.situation_picture
    # The lägesbild is more sensitive than the plan: named only to those who may read it, and only
    # they see which of its problems each activity answers.
    if picture and not access.has_perm(request.user, Perm.VIEW_SITUATION, picture.organisation):
        picture = None
    activities = Activity.objects.select_related("responsible_unit").order_by("order", "pk")
    if picture is not None:
        activities = activities.prefetch_related("problems")
    chapters = revision.chapters.order_by("order", "pk").prefetch_related(Prefetch("activities", activities))
    return render(
        request,
        "plans/revision_detail.html",
        {
            "revision": revision,
            "plan": revision.plan,
            "chapters": chapters,
            "can_edit": access.can(request.user, Action.CHANGE, revision),
            "can_adopt": access.can(request.user, Action.DECIDE, revision),
            "can_view_draft": access.has_perm(request.user, Perm.VIEW_DRAFT, organisation),
            "situation_picture": picture,
            "can_start_next": access.can(request.user, Action.CONTINUE, revision)
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
                measures_position=form.cleaned_data.get("measures_position"),
                by=request.user,
            )
        except services.EditConflict as error:
            conflict = error
            form = RevisionMetaForm.after_conflict(form, error, user=request.user)
        except services.PlanError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Revideringens uppgifter är sparade.")
            return redirect(revision)
    return render(
        request,
        "plans/revision_form.html",
        {"form": form, "revision": revision, "conflict": conflict},
        status=editing.CONFLICT_STATUS if conflict else 200,
    )


@login_required
def revision_adopt(request, pk):
    revision = _revision(request, pk)
    if refused := _editable(request, revision, Action.DECIDE):
        return refused
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
    context = {
        "form": form,
        "revision": revision,
        "can_edit": access.can(request.user, Action.CHANGE, revision),
    }
    return render(request, "plans/revision_adopt.html", context | _freezes(revision))


def _freezes(revision):
    """What the decision locks, named on the confirmation page, and the lägesbild it rests on."""
    picture = revision.situation_picture
    # Recorded all the same (the nämnd has decided), but the follow-up cannot ask anyone about these.
    without_unit = Activity.objects.filter(chapter__revision=revision, responsible_unit=None)
    return {
        "without_unit": list(without_unit.select_related("chapter").order_by("chapter__order", "order")),
        "chapter_count": revision.chapters.count(),
        "activity_count": Activity.objects.filter(chapter__revision=revision).count(),
        "superseded": revision.plan.revisions.filter(status=PlanRevision.Status.ADOPTED).first(),
        "picture": picture,
        "picture_is_draft": picture is not None and picture.status == picture.Status.DRAFT,
    }


@login_required
@require_POST
def revision_start_next(request, pk):
    revision = _revision(request, pk)
    access.require_can(request.user, Action.CONTINUE, revision.plan)
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


def compared_revisions(request, pk):
    """The revision, the other revisions the user may compare it with, and the chosen one (`?med=`,
    else the one it was copied from, else the nearest earlier one)."""
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
    return revision, others, other


@login_required
def revision_compare(request, pk):
    revision, others, other = compared_revisions(request, pk)
    comparison = compare_revisions(revision, other) if other else None
    return render(
        request,
        "plans/revision_compare.html",
        {"revision": revision, "others": others, "other": other, "comparison": comparison},
    )
