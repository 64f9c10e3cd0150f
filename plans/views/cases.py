"""Ärendet (tjänsteutlåtande) of a draft revision: one page that writes it and later edits it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from organisations import editing

from .. import cases
from ..errors import PlanError
from ..forms import CaseMemoForm
from ..models import CaseMemo
from .lookups import _editable, _revision


@login_required
def revision_case_edit(request, pk):
    revision = _revision(request, pk)
    if refused := _editable(request, revision):
        return refused
    memo = CaseMemo.objects.filter(revision=revision).select_related("official").first()
    officials = cases.officials_for(revision.plan.organisation)
    if memo is None:
        # Prefilled from the plan, with the one who writes it as handläggare until someone else is chosen.
        initial_memo = cases.prefilled(revision, official=request.user)
        form = CaseMemoForm(request.POST or None, instance=initial_memo, officials=officials)
    else:
        form = CaseMemoForm(request.POST or None, instance=memo, officials=officials)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            cases.save_case_memo(
                revision=revision,
                data=form.edited_values(),
                version=form.cleaned_data.get("version"),
                by=request.user,
            )
        except editing.EditConflict as error:
            conflict = error
            form = CaseMemoForm.after_conflict(form, error, officials=officials)
        except PlanError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Ärendet är sparat.")
            return redirect(revision)
    return render(
        request,
        "plans/case_form.html",
        {"form": form, "revision": revision, "memo": memo, "conflict": conflict},
        status=editing.CONFLICT_STATUS if conflict else 200,
    )
