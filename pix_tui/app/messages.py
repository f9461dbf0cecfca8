"""Messages posted to the app so every visible view refreshes without being reopened."""

from __future__ import annotations

from textual.message import Message

from pix_tui.core.history import AnswerRecord


class AnswerRecorded(Message):
    """An answer is on disk (or in the demo store): levels and pix may have moved."""

    def __init__(self, record: AnswerRecord) -> None:
        super().__init__()
        self.record = record


class PositioningFinished(Message):
    def __init__(self, positioning_id: str, competence: str) -> None:
        super().__init__()
        self.positioning_id = positioning_id
        self.competence = competence


class ProfileLoaded(Message):
    """`app.ctx.store` is open and readable."""


class BankLoaded(Message):
    """`app.ctx.bank` and `app.ctx.load_report` are set."""


class ProfileChanged(Message):
    """A record other than an answer changed the profile (a reset, a finished positioning)."""
