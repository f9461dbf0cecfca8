"""The result of one positioning: level and pix reached, what changed, every answer corrected.

Reachable right after the positioning and later from the competence: it is rebuilt from the
stored records each time, never from what the positioning screen happened to hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from pix_tui.app.screens.challenge_view import statement_markdown
from pix_tui.app.screens.flow_keys import CLOSE, install_keys
from pix_tui.app.screens.positioning import error_text
from pix_tui.app.screens.quiet_screen import QuietScreen
from pix_tui.app.widgets.correction import CorrectionCard
from pix_tui.app.widgets.gauge import level_gauge
from pix_tui.app.widgets.quiet_footer import QuietFooter
from pix_tui.core.history import PositioningState
from pix_tui.core.model import Result
from pix_tui.core.referential import referential

if TYPE_CHECKING:
    from pix_tui.app.positioning_session import PositioningOutcome


class ResultScreen(QuietScreen):
    CSS_PATH = "result.tcss"

    def __init__(self, positioning_id: str, outcome: PositioningOutcome | None = None) -> None:
        """`outcome` when the caller already has it (the end of a positioning): no reload."""
        super().__init__()
        install_keys(self, self.ctx.tr, (CLOSE,))
        self.positioning_id = positioning_id
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        outcome = self.outcome
        title = self.title_text(outcome) if outcome else self.tr("result.loading")
        yield Static(title, id="result-title", markup=False)
        summary = "\n".join(self.summary_lines(outcome)) if outcome else ""
        yield Static(summary, id="result-summary", markup=False)
        with VerticalScroll(id="result-review"):
            if outcome:
                yield from self.cards(outcome)
        yield Static(self.tr("result.hint"), id="result-hint", markup=False)
        yield QuietFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#result-review").focus()
        if self.outcome is None:
            self.load()

    @work(thread=True, exclusive=True, group="result")
    def load(self) -> None:
        ctx = self.ctx
        try:
            from pix_tui.app.positioning_session import positioning_outcome

            outcome = positioning_outcome(ctx.store, ctx.bank, self.positioning_id, ctx.rules)
        except Exception as error:
            message = self.tr("result.failed", error=error_text(self.tr, error))
            self.app.call_from_thread(self._failed, message)
            return
        self.app.call_from_thread(self._show, outcome)

    def _failed(self, message: str) -> None:
        summary = self.query_one("#result-summary", Static)
        summary.add_class("-error")
        summary.update(message)

    async def _show(self, outcome: PositioningOutcome | None) -> None:
        if outcome is None:
            self._failed(self.tr("result.not_found"))
            return
        self.outcome = outcome
        with self.app.batch_update():
            self.query_one("#result-title", Static).update(self.title_text(outcome))
            self.query_one("#result-summary", Static).update("\n".join(self.summary_lines(outcome)))
            await self.query_one("#result-review", VerticalScroll).mount_all(self.cards(outcome))

    def title_text(self, outcome: PositioningOutcome) -> str:
        code = outcome.positioning.competence
        try:
            title = referential().competence(code).title(self.ctx.lang)
        except KeyError:
            title = ""
        return self.tr("result.title", code=code, title=title)

    def cards(self, outcome: PositioningOutcome) -> list[CorrectionCard]:
        tr, bank = self.ctx.tr, self.ctx.bank
        cards = []
        for number, record in enumerate(outcome.answers, start=1):
            challenge = bank.get(record.challenge_id) if bank is not None else None
            cards.append(
                CorrectionCard(
                    tr,
                    challenge,
                    record.result,
                    record.given,
                    heading=tr("challenge.question", number=number),
                    statement=statement_markdown(challenge, tr) if challenge else "",
                )
            )
        return cards

    def summary_lines(self, outcome: PositioningOutcome) -> list[str]:
        tr = self.ctx.tr
        lines = [
            tr("result.level_pix", level=outcome.level_after, pix=outcome.pix_after)
            + "   "
            + level_gauge(outcome.level_after, self.ctx.rules.max_level)
        ]
        gained = outcome.pix_after - outcome.pix_before
        if gained > 0:
            pix = tr("result.pix_gain", pix=gained)
        elif gained < 0:
            pix = tr("result.pix_loss", pix=-gained)
        else:
            pix = tr("result.pix_same")
        before, after = outcome.level_before, outcome.level_after
        if after > before:
            level = tr("result.level_up", before=before, after=after)
        elif after < before:
            level = tr("result.level_down", before=before, after=after)
        else:
            level = tr("result.level_same", level=after)
        lines.append(tr("result.changes", pix=pix, level=level))
        right = sum(1 for r in outcome.answers if r.result is Result.OK)
        lines.append(tr("result.answers", count=len(outcome.answers), right=right))
        if outcome.positioning.state is not PositioningState.FINISHED:
            lines.append(tr("result.in_progress"))
        return lines

    def action_close(self) -> None:
        self.dismiss()
