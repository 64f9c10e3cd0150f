"""Writes to an activity's indicators and their targets: permission and freezing through the activity's
revision (organisations.access), saves through the shared edit kernel (organisations.editing)."""

from django.db import transaction
from django.db.models import Max

from organisations import access, editing
from organisations.access import Action

from .errors import PlanError
from .indicator_models import Indicator, IndicatorTarget

INDICATOR_FIELDS = ("name", "unit", "direction", "baseline_year", "baseline_value", "baseline_source")


def _set_targets(indicator, targets, *, by, reason):
    """`targets` maps year -> value; None removes that year's target. Other years are left alone."""
    existing = {t.year: t for t in indicator.targets.all()}
    for year, value in targets.items():
        target = existing.get(year)
        if value is None:
            if target is not None:
                editing.delete_tracked(target, by=by, reason=reason)
        elif target is None:
            editing.save_tracked(
                IndicatorTarget(indicator=indicator, year=year, value=value), by=by, reason=reason
            )
        elif target.value != value:
            target.value = value
            editing.save_tracked(target, by=by, reason=reason)


@transaction.atomic
def add_indicator(*, activity, by, targets=None, **values):
    activity = editing.lock(activity, "chapter__revision__plan__organisation")
    access.require_can(by, Action.CHANGE, activity)
    order = (activity.indicators.aggregate(m=Max("order"))["m"] or 0) + 1
    indicator = Indicator(
        activity=activity, order=order, **{k: values[k] for k in INDICATOR_FIELDS if k in values}
    )
    indicator.full_clean()
    editing.save_tracked(indicator, by=by, reason="Indikator tillagd")
    _set_targets(indicator, targets or {}, by=by, reason="Målvärde satt")
    return indicator


@transaction.atomic
def update_indicator(*, indicator, version, by, targets=None, **values):
    """Change an indicator and its targets; a stale `version` raises editing.EditConflict."""
    locked = editing.lock(indicator, "activity__chapter__revision__plan__organisation")
    access.require_can(by, Action.CHANGE, locked)
    locked = editing.update(
        locked,
        data={k: v for k, v in values.items() if k in INDICATOR_FIELDS},
        version=version,
        by=by,
        reason="Indikator ändrad",
        what="Indikatorn",
        fields=INDICATOR_FIELDS,
    )
    _set_targets(locked, targets or {}, by=by, reason="Målvärde ändrat")
    return locked


@transaction.atomic
def delete_indicator(*, indicator, by):
    locked = editing.lock(indicator, "activity__chapter__revision__plan__organisation")
    access.require_can(by, Action.DELETE, locked)
    if locked.values.exists():
        raise PlanError("Indikatorn har värden i en uppföljning och kan inte tas bort.")
    for target in locked.targets.all():
        editing.delete_tracked(target, by=by, reason="Borttagen med indikatorn")
    editing.delete_tracked(locked, by=by, reason="Indikator borttagen")


def copy_indicators(old_activity, new_activity, *, by, reason):
    """Next year's draft: indicators and their targets carry over, each remembering its origin."""
    for old in old_activity.indicators.all():
        values = {name: getattr(old, name) for name in INDICATOR_FIELDS}
        new = editing.save_tracked(
            Indicator(activity=new_activity, order=old.order, copied_from=old, **values), by=by, reason=reason
        )
        for target in old.targets.all():
            editing.save_tracked(
                IndicatorTarget(indicator=new, year=target.year, value=target.value), by=by, reason=reason
            )
