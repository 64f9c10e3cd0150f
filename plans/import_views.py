"""Importing activities into a draft: upload, preview (duplicates flagged), confirm, and undo.

The upload is read once (plans/exchange.py); the rows wait in the user's session for the confirmation,
so that nothing is written until the user has seen what will be added and left out what they do not
want. An import is one unit: "Ångra importen" removes exactly what it added, while the draft lasts.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from organisations import access, submissions
from organisations.access import Action

from . import exchange
from .catalogue_forms import ImportForm
from .models import PlanRevision

PENDING = "plans:import:{pk}"


def _draft_for_import(request, pk):
    """The revision (404 unless visible), 403 unless the user may change it; None if it is frozen."""
    revision = get_object_or_404(
        PlanRevision.objects.visible_to(request.user).select_related("plan__organisation"), pk=pk
    )
    try:
        access.require_can(request.user, Action.CHANGE, revision)
    except access.Frozen:
        return revision, True
    return revision, False


def _context(revision, **extra):
    return {"revision": revision, "headers": exchange.IMPORT_HEADERS} | extra


@login_required
def revision_import(request, pk):
    revision, frozen = _draft_for_import(request, pk)
    if frozen:
        return render(request, "plans/revision_import.html", _context(revision, frozen=True), status=403)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return render(request, "plans/revision_import.html", _context(revision, form=form))
    if not form.is_valid():
        return render(request, "plans/revision_import.html", _context(revision, form=form), status=400)
    upload = form.cleaned_data["file"]
    try:
        preview = exchange.preview_import(
            revision=revision, data=upload.read(), filename=upload.name, by=request.user
        )
    except exchange.ImportRejected as rejected:
        context = _context(revision, form=form, import_errors=rejected.errors)
        return render(request, "plans/revision_import.html", context, status=400)
    token = form.cleaned_data.get("submission")
    request.session[PENDING.format(pk=revision.pk)] = {
        "submission": str(token) if token else "",
        "filename": upload.name,
        "rows": [[item.line, item.row] for item in preview],
    }
    context = _context(
        revision,
        preview=preview,
        filename=upload.name,
        duplicates=sum(item.duplicate for item in preview),
        new_chapters=sorted({item.row["heading"] for item in preview if item.new_chapter}),
    )
    return render(request, "plans/revision_import_preview.html", context)


@login_required
@require_POST
def revision_import_confirm(request, pk):
    """Write the rows of the previewed file that the user kept (the checked lines)."""
    revision, frozen = _draft_for_import(request, pk)
    if frozen:
        messages.error(request, "Revideringen är inte längre ett utkast. Ingenting har importerats.")
        return redirect(revision)
    pending = request.session.get(PENDING.format(pk=revision.pk))
    if not pending:
        messages.error(request, "Förhandsgranskningen finns inte längre. Ladda upp filen igen.")
        return redirect("plans:revision_import", pk=revision.pk)
    kept = set(request.POST.getlist("include"))
    rows = [row for line, row in pending["rows"] if str(line) in kept]
    if not rows:
        messages.warning(request, "Inga rader var valda. Ingenting har importerats.")
        del request.session[PENDING.format(pk=revision.pk)]
        return redirect(revision)
    try:
        # The upload form's one-time token is claimed with the write: the same import runs once.
        with transaction.atomic():
            submission = submissions.claim(
                uuid.UUID(pending["submission"]) if pending.get("submission") else None, request.user
            )
            result = exchange.import_rows(
                revision=revision, rows=rows, filename=pending["filename"], by=request.user
            )
            submissions.record_result(submission, revision.get_absolute_url())
    except submissions.AlreadySubmitted:
        del request.session[PENDING.format(pk=revision.pk)]
        messages.info(request, "Filen är redan importerad (formuläret skickades två gånger).")
        return redirect(revision)
    except exchange.ImportRejected as rejected:
        context = _context(revision, form=ImportForm(), import_errors=rejected.errors)
        return render(request, "plans/revision_import.html", context, status=400)
    del request.session[PENDING.format(pk=revision.pk)]
    skipped = len(pending["rows"]) - len(rows)
    return render(
        request,
        "plans/revision_import.html",
        _context(revision, form=ImportForm(), result=result, skipped=skipped),
    )


@login_required
@require_POST
def revision_import_undo(request, pk):
    revision, frozen = _draft_for_import(request, pk)
    if frozen:
        messages.error(request, "Revideringen är inte längre ett utkast. Importen kan inte ångras.")
        return redirect(revision)
    try:
        removed = exchange.undo_import(
            revision=revision, import_id=request.POST.get("import_id", ""), by=request.user
        )
    except exchange.ImportRejected as rejected:
        messages.error(request, rejected.errors[0][1])
        return redirect(revision)
    messages.success(
        request, f"Importen är ångrad: {removed} aktivitet{'er' if removed != 1 else ''} har tagits bort."
    )
    return redirect(revision)
