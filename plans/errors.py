"""The refusals of plan writes, with the Swedish message shown to the user."""

from organisations.access import Frozen


class PlanError(Exception):
    """A plan rule refused the change; `message` is Swedish and shown to the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class AlreadyDeleted(PlanError):
    """The object was deleted by an earlier (or simultaneous) request; nothing is left to do."""


class RevisionFrozen(PlanError, Frozen):
    """Every write to an adopted or superseded revision, its chapters and its activities."""

    def __init__(self, revision):
        PlanError.__init__(
            self,
            f"Revideringen {revision.year} är {revision.get_status_display().lower()} och kan inte ändras. "
            "Ändringar görs i en ny revidering.",
        )
        self.revision = revision
