"""Writes of routines (rutiner): created and edited by the organisation's samordnare, with history."""

from django.db import transaction

from organisations import access, editing
from organisations.access import Action, Perm

from .models import Routine

ROUTINE_FIELDS = (
    "kind",
    "title",
    "body",
    "contact_name",
    "contact_role",
    "contact_phone",
    "contact_email",
    "contact",
)


@transaction.atomic
def create_routine(*, organisation, kind, title, body, by, **contact) -> Routine:
    """Create a routine for `organisation`; the user must be allowed to edit its plan.

    `contact` holds the contact fields (contact_name, contact_role, contact_phone, contact_email, contact).
    """
    access.require(by, Perm.EDIT_PLAN, organisation)
    values = {name: contact[name] for name in ROUTINE_FIELDS[3:] if name in contact}
    routine = Routine(organisation=organisation, kind=kind, title=title, body=body, **values)
    routine.full_clean()
    return editing.save_tracked(routine, by=by, reason="Rutin skapad")


@transaction.atomic
def update_routine(*, routine, version, by, **changes) -> Routine:
    """Save `changes` unless someone else saved the routine after `version` (EditConflict)."""
    locked = editing.lock(routine, "organisation")
    access.require_can(by, Action.CHANGE, locked)
    return editing.update(
        locked,
        data=changes,
        version=version,
        by=by,
        reason="Rutin ändrad",
        what="Rutinen",
        fields=ROUTINE_FIELDS,
    )
