"""Writes of routines (rutiner): created and edited by the organisation's samordnare, with history."""

from django.db import transaction

from organisations import access
from organisations.access import Perm

from .models import Routine

ROUTINE_FIELDS = ("kind", "title", "body", "contact")


class RoutineConflict(Exception):
    """Someone else saved the routine since this user opened it; `changes` says what they changed."""

    def __init__(self, routine, changes):
        self.routine = routine
        self.changes = changes  # [(label, value now saved)]
        labels = ", ".join(label for label, _value in changes) or "rutinen"
        super().__init__(
            f"Någon annan har ändrat {labels} sedan du öppnade rutinen. "
            "Din ändring är inte sparad: läs den nya versionen och gör om din ändring."
        )


@transaction.atomic
def create_routine(*, organisation, kind, title, body, contact="", by) -> Routine:
    """Create a routine for `organisation`; the user must be allowed to edit its plan."""
    access.require(by, Perm.EDIT_PLAN, organisation)
    routine = Routine(organisation=organisation, kind=kind, title=title, body=body, contact=contact)
    routine._change_reason = "Rutin skapad"
    routine.save()
    return routine


@transaction.atomic
def update_routine(*, routine, expected_version: int, by, **changes) -> Routine:
    """Save `changes` unless someone else saved the routine after `expected_version` (no silent overwrite)."""
    routine = Routine.objects.select_for_update().get(pk=routine.pk)
    access.require(by, Perm.EDIT_PLAN, routine.organisation)
    if routine.version != expected_version:
        raise RoutineConflict(routine, _changed_since(routine, expected_version))
    unknown = set(changes) - set(ROUTINE_FIELDS)
    if unknown:
        raise TypeError(f"Okända fält: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(routine, name, value)
    routine.version += 1
    routine._change_reason = "Rutin ändrad"
    routine.save()
    return routine


def _changed_since(routine, version):
    """Fields that differ between the version the user started from and the one saved now."""
    old = routine.history.filter(version=version).order_by("-history_date").first()
    if old is None:
        return []
    return [
        (Routine._meta.get_field(name).verbose_name.capitalize(), getattr(routine, name))
        for name in ROUTINE_FIELDS
        if getattr(old, name) != getattr(routine, name)
    ]
