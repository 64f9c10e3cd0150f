"""The refusals of follow-up writes, with the Swedish message shown to the user."""

from organisations.access import Frozen


class FollowUpError(Exception):
    """A rule of the follow-up refused the action; the message is Swedish and meant for the user."""

    @property
    def message(self) -> str:
        return str(self)


class RoundClosed(FollowUpError, Frozen):
    """Every write to a closed round: its entries and its comment are a frozen record."""

    def __init__(self, round_=None):
        FollowUpError.__init__(self, "Uppföljningen är stängd. Inga ändringar kan göras.")
