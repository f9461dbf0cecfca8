"""Every 5 answers: the last 5 results, corrected, as the platform does between questions.

It reads nothing from disk: the positioning screen hands over the records it just wrote, and
shows this view in place of the challenge (a screen of its own would repaint the terminal
several times over; in place, only the challenge area changes).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from pix_tui.app.screens.challenge_view import statement_markdown
from pix_tui.app.widgets.correction import CorrectionCard
from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Challenge, Result
from pix_tui.i18n import Translator


class CheckpointView(Vertical):
    def __init__(
        self,
        tr: Translator,
        records: Sequence[AnswerRecord],
        challenges: Sequence[Challenge | None],
        *,
        level_before: int,
        level_now: int,
        confident: bool,
        first_number: int = 1,
    ) -> None:
        super().__init__(id="checkpoint")
        self.tr = tr
        self.records = tuple(records)
        self.challenges = tuple(challenges)
        self.level_before = level_before
        self.level_now = level_now
        self.confident = confident
        self.first_number = first_number

    @property
    def level_up(self) -> bool:
        """Announced only when the engine is sure of the new level: a "Bravo" taken back at the
        result costs the learner's trust."""
        return self.confident and self.level_now > self.level_before

    def compose(self) -> ComposeResult:
        tr = self.tr
        right = sum(1 for r in self.records if r.result is Result.OK)
        yield Static(tr("checkpoint.title"), id="checkpoint-title", markup=False)
        if self.level_up:
            yield Static(
                tr("checkpoint.level_up", level=self.level_now), id="level-up", markup=False
            )
        yield Static(
            tr("checkpoint.summary", right=right, total=len(self.records)),
            id="checkpoint-summary",
            markup=False,
        )
        with VerticalScroll(id="checkpoint-list"):
            for offset, (record, challenge) in enumerate(
                zip(self.records, self.challenges, strict=True)
            ):
                yield CorrectionCard(
                    tr,
                    challenge,
                    record.result,
                    record.given,
                    heading=tr("challenge.question", number=self.first_number + offset),
                    statement=statement_markdown(challenge, tr) if challenge else "",
                )
        yield Static(tr("checkpoint.hint"), id="checkpoint-hint", markup=False)

    def start(self) -> None:
        self.query_one("#checkpoint-list").focus()
