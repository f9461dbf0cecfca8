"""Every 5 answers: the last 5 results, corrected, as the platform does between questions.

It reads nothing from disk: the positioning screen hands over the records it just wrote.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from pix_tui.app.screens.base import PixScreen
from pix_tui.app.screens.challenge_view import statement_markdown
from pix_tui.app.screens.flow_keys import CONTINUE, install_keys
from pix_tui.app.widgets.correction import CorrectionCard
from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Challenge, Result


class CheckpointScreen(PixScreen[None]):
    CSS_PATH = "checkpoint.tcss"

    def __init__(
        self,
        records: Sequence[AnswerRecord],
        challenges: Sequence[Challenge | None],
        *,
        level_before: int,
        level_now: int,
        first_number: int | None = None,
    ) -> None:
        super().__init__()
        install_keys(self, self.ctx.tr, (CONTINUE,))
        self.records = tuple(records)
        self.challenges = tuple(challenges)
        self.level_before = level_before
        self.level_now = level_now
        self.first_number = first_number or 1

    def compose(self) -> ComposeResult:
        tr = self.ctx.tr
        right = sum(1 for r in self.records if r.result is Result.OK)
        yield Static(tr("checkpoint.title"), id="checkpoint-title", markup=False)
        if self.level_now > self.level_before:
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
                number = self.first_number + offset
                yield CorrectionCard(
                    tr,
                    challenge,
                    record.result,
                    record.given,
                    heading=tr("challenge.question", number=number),
                    statement=statement_markdown(challenge, tr) if challenge else "",
                )
        yield Static(tr("checkpoint.hint"), id="checkpoint-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#checkpoint-list").focus()

    def action_continue(self) -> None:
        self.dismiss()
