"""An activity's indicators: added, changed and removed while its revision is a draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from organisations import editing
from organisations.access import Action

from .. import indicator_services
from ..errors import PlanError
from ..indicator_forms import IndicatorForm
from ..indicator_models import Indicator
from ..models import Activity
from .lookups import _activity, _editable, _refused

TARGET_YEARS = 3  # the revision's year and the two after it


def _indicator(request, pk):
    return get_object_or_404(
        Indicator.objects.filter(activity__in=Activity.objects.visible_to(request.user))
        .select_related("activity__chapter__revision__plan__organisation")
        .prefetch_related("targets"),
        pk=pk,
    )


def _years(activity):
    year = activity.chapter.revision.year
    return range(year, year + TARGET_YEARS)


def _render(request, form, activity, indicator=None, conflict=None):
    context = {
        "form": form,
        "activity": activity,
        "indicator": indicator,
        "revision": activity.chapter.revision,
        "chapter": activity.chapter,
        "conflict": conflict,
    }
    status = editing.CONFLICT_STATUS if conflict else 400 if form.errors else 200
    return render(request, "plans/indicator_form.html", context, status=status)


@login_required
def indicator_create(request, activity_pk):
    activity = _activity(request, activity_pk)
    if refused := _editable(request, activity):
        return refused
    form = IndicatorForm(request.POST or None, instance=Indicator(activity=activity), years=_years(activity))
    if request.method == "POST" and form.is_valid():
        try:
            indicator_services.add_indicator(
                activity=activity, by=request.user, targets=form.targets(), **form.edited_values()
            )
        except PlanError as error:
            return _refused(request, error, activity.chapter.revision)
        messages.success(request, "Indikatorn är tillagd.")
        return redirect(activity)
    return _render(request, form, activity)


@login_required
def indicator_edit(request, pk):
    indicator = _indicator(request, pk)
    activity = indicator.activity
    if refused := _editable(request, activity):
        return refused
    form = IndicatorForm(request.POST or None, instance=indicator, years=_years(activity))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            indicator_services.update_indicator(
                indicator=indicator,
                version=form.cleaned_data.get("version"),
                by=request.user,
                targets=form.targets(),
                **form.edited_values(),
            )
        except editing.EditConflict as error:
            conflict = error
            form = IndicatorForm.after_conflict(form, error, years=_years(activity))
        except PlanError as error:
            return _refused(request, error, activity.chapter.revision)
        else:
            messages.success(request, "Indikatorn är sparad.")
            return redirect(activity)
    return _render(request, form, activity, indicator, conflict)


@login_required
def indicator_delete(request, pk):
    indicator = _indicator(request, pk)
    activity = indicator.activity
    if refused := _editable(request, activity, Action.DELETE):
        return refused
    if request.method == "POST":
        try:
            indicator_services.delete_indicator(indicator=indicator, by=request.user)
        except PlanError as error:
            messages.error(request, error.message)
            return redirect(activity)
        messages.success(request, "Indikatorn är borttagen.")
        return redirect(activity)
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "revision": activity.chapter.revision,
            "object": indicator,
            "what": "indikatorn",
            "action": reverse("plans:indicator_delete", args=[indicator.pk]),
        },
    )
