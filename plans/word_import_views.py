"""Importing a handlingsplan from Word into a new draft: upload, preview, confirm, undo.

The same two steps as the spreadsheet import (plans/import_views.py): the file is read once, what it
gave waits in the session, nothing is written until the user has seen the chapters and rows and
confirmed; the upload form's one-time token makes a double submit import once.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from organisations import access, submissions
from organisations.access import Action

from . import word_import
from .catalogue_forms import WordImportForm
from .exchange import ImportRejected, RevisionNotDraft
from .models import ActionPlan, Chapter, PlanRevision
from .responsible_units import unit_matcher
from .word_reader import read_word_plan

PENDING = "plans:word-import:{pk}"
TEMPLATE = "plans/plan_word_import.html"


def _plan(request, pk):
    """The plan (404 unless visible), 403 unless the user may write its revisions."""
    plan = get_object_or_404(
        ActionPlan.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    access.require_can(request.user, Action.CHANGE, plan)
    return plan


def _page(request, plan, status=200, **context):
    return render(request, TEMPLATE, {"plan": plan} | context, status=status)


def _blocked(request, plan, rejected):
    draft = plan.revisions.filter(status=PlanRevision.Status.DRAFT).first()
    return _page(request, plan, status=409, blocked=rejected.errors[0][1], draft=draft)


@login_required
def plan_word_import(request, pk):
    plan = _plan(request, pk)
    try:
        draft = word_import.target_draft(plan)
    except ImportRejected as rejected:
        return _blocked(request, plan, rejected)
    form = WordImportForm(request.POST or None, request.FILES or None, plan=plan, draft=draft)
    if request.method != "POST":
        return _page(request, plan, form=form, draft=draft)
    if not form.is_valid():
        return _page(request, plan, status=400, form=form, draft=draft)
    upload = form.cleaned_data["file"]
    try:
        word_plan = read_word_plan(upload.read(), plan_kind=plan.kind)
    except ImportRejected as rejected:
        return _page(request, plan, status=400, form=form, draft=draft, import_errors=rejected.errors)
    year = draft.year if draft else form.cleaned_data["year"]
    token = form.cleaned_data.get("submission")
    request.session[PENDING.format(pk=plan.pk)] = {
        "submission": str(token) if token else "",
        "filename": upload.name,
        "year": year,
        "draft": draft.pk if draft else None,
        "chapters": [chapter.as_dict() for chapter in word_plan.chapters],
    }
    unit_for = unit_matcher(plan.organisation)
    chapters = [
        {
            "index": index,
            "chapter": chapter,
            "kind_label": Chapter.Kind(chapter.kind).label,
            "rows": [(row, unit_for(row["responsible"])) for row in chapter.rows],
        }
        for index, chapter in enumerate(word_plan.chapters)
    ]
    context = {"plan": plan, "draft": draft, "year": year, "filename": upload.name}
    context |= {"chapters": chapters, "notes": word_plan.notes, "activity_count": word_plan.activity_count}
    return render(request, "plans/plan_word_import_preview.html", context)


@login_required
@require_POST
def plan_word_import_confirm(request, pk):
    """Write the chapters of the previewed file that the user kept (the checked ones)."""
    plan = _plan(request, pk)
    key = PENDING.format(pk=plan.pk)
    pending = request.session.get(key)
    if not pending:
        messages.error(request, "Förhandsgranskningen finns inte längre. Ladda upp filen igen.")
        return redirect("plans:plan_word_import", pk=plan.pk)
    kept = set(request.POST.getlist("chapter"))
    chapters = [chapter for index, chapter in enumerate(pending["chapters"]) if str(index) in kept]
    if not chapters:
        del request.session[key]
        messages.warning(request, "Inga kapitel var valda. Ingenting har importerats.")
        return redirect(plan)
    try:
        with transaction.atomic():
            token = uuid.UUID(pending["submission"]) if pending.get("submission") else None
            submission = submissions.claim(token, request.user)
            result = word_import.import_word_plan(
                plan=plan,
                year=pending["year"],
                chapters=chapters,
                filename=pending["filename"],
                by=request.user,
                expected_draft_id=pending["draft"],
            )
            submissions.record_result(submission, result.revision.get_absolute_url())
    except submissions.AlreadySubmitted as done:
        del request.session[key]
        messages.info(request, "Filen är redan importerad (formuläret skickades två gånger).")
        return redirect(done.result_url or plan.get_absolute_url())
    except ImportRejected as rejected:
        del request.session[key]
        return _page(request, plan, status=400, form=None, import_errors=rejected.errors)
    del request.session[key]
    skipped = len(pending["chapters"]) - len(chapters)
    return _page(request, plan, result=result, skipped=skipped)


@login_required
@require_POST
def plan_word_import_undo(request, pk):
    plan = _plan(request, pk)
    try:
        draft = word_import.undo_word_import(
            plan=plan, import_id=request.POST.get("import_id", ""), by=request.user
        )
    except ImportRejected as rejected:
        messages.error(request, rejected.errors[0][1])
        return redirect(plan)
    except RevisionNotDraft as frozen:
        messages.error(request, str(frozen))
        return redirect(plan)
    if draft is None:
        messages.success(request, "Importen är ångrad: utkastet den skapade och allt i det är borttaget.")
        return redirect(plan)
    messages.success(request, "Importen är ångrad: kapitlen och aktiviteterna den lade till är borttagna.")
    return redirect(draft)
