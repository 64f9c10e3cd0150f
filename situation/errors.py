"""The refusals of lägesbild writes, with the Swedish message shown to the user."""

from organisations.access import Frozen

FROZEN_MESSAGE = "Lägesbilden är fastställd och kan inte längre ändras."


class SituationError(Exception):
    """A write refused for a reason the user should read (shown as a Swedish message)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AlreadyDeleted(SituationError):
    """The source or observation was deleted by an earlier (or simultaneous) request."""


class PictureFrozen(SituationError, Frozen):
    """Every write to a fastställd lägesbild, its sources and its observations (403 with the reason)."""

    def __init__(self):
        SituationError.__init__(self, FROZEN_MESSAGE)
