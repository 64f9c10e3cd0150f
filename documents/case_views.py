"""The one page that writes an ärende and later edits it, whatever it is written on.

Each app's view finds the object the user may see (404 otherwise) and calls `case_edit`, as the
meeting placement does (meetings.placement): this app never imports the apps that own the objects.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from organisations import access, editing
from organisations.access import Action

from . import cases, registry
from .forms import CaseMemoForm


def case_edit(request, *, owner, crumbs: list[tuple[str, str]], heading: str, purpose: str):
    """403 for a role that may not edit `owner`; once it is decided, back to it with the reason.

    crumbs: (label, url) of the breadcrumbs above the page; heading: its h1; purpose: what the
    ärende asks of the nämnd ("anta planen")."""
    try:
        access.require_can(request.user, Action.CHANGE, owner)
    except access.Frozen as frozen:
        messages.error(request, frozen.message)
        return redirect(owner)
    officials = cases.officials_for(registry.case_subject(owner).organisation(owner))
    memo = cases.saved_memo(owner)
    # Unsaved: prefilled from the object, with its writer as handläggare until someone else is chosen.
    instance = memo if memo is not None else cases.prefilled(owner, official=request.user)
    form = CaseMemoForm(request.POST or None, instance=instance, officials=officials)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            cases.save_case_memo(
                owner=owner,
                data=form.edited_values(),
                version=form.cleaned_data.get("version"),
                by=request.user,
            )
        except editing.EditConflict as error:
            conflict = error
            form = CaseMemoForm.after_conflict(form, error, officials=officials)
        except cases.CaseError as error:
            form.add_error(None, error.message)
        except ValidationError as error:  # the owner's rules on text (a personnummer in a lägesbild's)
            form.add_error(None, error)
        else:
            messages.success(request, "Ärendet är sparat.")
            return redirect(owner)
    return render(
        request,
        "documents/case_form.html",
        {
            "form": form,
            "owner": owner,
            "memo": memo,
            "conflict": conflict,
            "crumbs": crumbs,
            "heading": heading,
            "purpose": purpose,
        },
        status=editing.CONFLICT_STATUS if conflict else 200,
    )
