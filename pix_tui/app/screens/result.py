"""The result of one positioning: level and pix reached, what changed, every answer corrected.

Reachable right after the positioning and later from the competence: it is rebuilt from the
stored records each time, never from what the positioning screen happened to hold.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from pix_tui.core.evidence import LevelEvidence
from pix_tui.core.history import PositioningState
from pix_tui.core.model import Bank, Result
from pix_tui.core.referential import referential
from pix_tui.i18n import Translator

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
        lines.append(explain(tr, outcome.evidence, self.ctx.bank, outcome.positioning.competence))
        right = sum(1 for r in outcome.answers if r.result is Result.OK)
        lines.append(tr("result.answers", count=len(outcome.answers), right=right))
        if outcome.positioning.state is not PositioningState.FINISHED:
            lines.append(tr("result.in_progress"))
        return lines

    def action_close(self) -> None:
        self.dismiss()


SPELLED_OUT = 2
"""Up to this many topics are named; more are counted (a line a pupil reads at a glance)."""


def topics_text(tr: Translator, bank: Bank | None, competence: str, topics: Sequence[str]) -> str:
    if len(topics) > SPELLED_OUT:
        return tr("result.evidence_topics", count=len(topics))
    names = [
        tr("result.evidence_topic", title=bank.topic_title(competence, t) if bank else t)
        for t in topics
    ]
    if len(names) < 2:
        return "".join(names)
    return tr("result.evidence_and", first=", ".join(names[:-1]), last=names[-1])


def explain(tr: Translator, evidence: LevelEvidence, bank: Bank | None, competence: str) -> str:
    """One or two sentences: where the learner succeeded, and where the next level is not yet."""
    level = evidence.level
    if evidence.reached:
        reached = topics_text(tr, bank, competence, evidence.reached)
        key = "result.evidence_reached" if level else "result.evidence_zero_some"
        text = tr(key, level=level, topics=reached)
    elif level:
        text = tr("result.evidence_kept", level=level)
    else:
        text = tr("result.evidence_zero")
    if evidence.not_yet and evidence.next_level is not None:
        missing = topics_text(tr, bank, competence, evidence.not_yet)
        text += " " + tr("result.evidence_not_yet", level=evidence.next_level, topics=missing)
    return text
