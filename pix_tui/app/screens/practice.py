"""Practice: pick a competence, a topic or a level, answer, read the correction at once.

Practice answers are stored with an empty positioning id, so they count for the error queue
and the history but never for a level.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pix_tui.app.messages import AnswerRecorded
from pix_tui.app.screens.challenge_view import ChallengeView
from pix_tui.app.screens.flow_keys import LEAVE
from pix_tui.app.screens.positioning import FlowScreen, error_text
from pix_tui.core.class_report import name_key
from pix_tui.core.model import Challenge, Result
from pix_tui.core.practice import PracticeFilter, next_practice
from pix_tui.core.referential import referential

if TYPE_CHECKING:
    from pix_tui.app.widgets.answer_widgets import Given
    from pix_tui.core.history import AnswerRecord
    from pix_tui.core.model import Challenge

ANY = "*"
PAIR = "/"
"""Joins a competence and one of its topics in a picker option's id."""


def bank_topic_title(bank: Any, competence: str, topic: str) -> str:
    return bank.topic_title(competence, topic) if bank is not None else topic


STEPS = ("competence", "topic", "level")


class PracticeScreen(FlowScreen):
    CSS_PATH = ["challenge_view.tcss", "practice.tcss", "../widgets/answer_widgets.tcss"]  # noqa: RUF012
    LEAVE_KEY = LEAVE

    def __init__(
        self,
        competence: str | None = None,
        topic: str | None = None,
        level: int | None = None,
        errors_only: bool = False,
    ) -> None:
        self.filter = PracticeFilter(competence, topic, level, errors_only)
        super().__init__()
        self.picking = not errors_only and competence is None and topic is None and level is None
        self.step = 0
        self.seed = secrets.randbelow(2**31)
        self.served: list[str] = []
        self.answers: list[AnswerRecord] | None = None
        self.right = 0

    def _topic_title(self, topic: str) -> str:
        """The title `topics.toml` gives a topic (the one of its first competence), else its
        slug: a learner reads words, not file names."""
        bank = self.ctx.bank
        if bank is None:
            return topic
        competence = self.filter.competence or next(
            (c.competence for c in bank.challenges if c.topic == topic), ""
        )
        return bank_topic_title(bank, competence, topic)

    # -- headings ---------------------------------------------------------------------

    def scope_text(self) -> str:
        tr = self.ctx.tr
        parts: list[str] = []
        if self.filter.competence:
            code = self.filter.competence
            try:
                parts.append(f"{code} {referential().competence(code).title(self.ctx.lang)}")
            except KeyError:
                parts.append(code)
        else:
            parts.append(tr("practice.all_competences"))
        if self.filter.topic:
            parts.append(tr("practice.topic", topic=self._topic_title(self.filter.topic)))
        if self.filter.level:
            parts.append(tr("practice.level", level=self.filter.level))
        return " · ".join(parts)

    def title_text(self) -> str:
        if self.picking:
            return self.tr("practice.title")
        key = "practice.heading_errors" if self.filter.errors_only else "practice.heading"
        return self.tr(key, scope=self.scope_text())

    def _retitle(self) -> None:
        self.query_one("#flow-title", Static).update(self.title_text())

    # -- picking what to practise -----------------------------------------------------

    async def on_mount(self) -> None:
        if self.ctx.bank is None or self.ctx.store is None:
            await self.show_status(self.tr("challenge.no_bank"), error=True)
        elif self.picking:
            await self._show_step()
        else:
            self.load_next()

    def _choices(self) -> list[Option]:
        tr, bank = self.ctx.tr, self.ctx.bank
        assert bank is not None
        step = STEPS[self.step]
        if step == "competence":
            options = [Option(tr("practice.all_competences"), id=ANY)]
            for code in bank.competences():
                try:
                    title = referential().competence(code).title(self.ctx.lang)
                except KeyError:
                    title = ""
                options.append(Option(f"{code} {title}", id=code))
            return options
        pool = [c for c in bank.challenges if self.filter.accepts(c)]
        if step == "topic":
            return [Option(tr("practice.all_topics"), id=ANY), *self._topic_options(pool)]
        levels = sorted({c.level for c in pool})
        return [Option(tr("practice.all_levels"), id=ANY)] + [
            Option(tr("practice.level", level=level), id=str(level)) for level in levels
        ]

    def _topic_options(self, pool: list[Challenge]) -> list[Option]:
        """A topic belongs to its competence: over every competence each one is offered with
        its code, and two competences that use the same slug give two topics, not one."""
        if self.filter.competence:
            topics = sorted({c.topic for c in pool})
            return [Option(self._topic_title(topic), id=topic) for topic in topics]
        bank = self.ctx.bank
        titled = sorted(
            (
                (code, bank_topic_title(bank, code, topic), topic)
                for code, topic in {(c.competence, c.topic) for c in pool}
            ),
            key=lambda entry: (entry[0], name_key(entry[1])),
        )
        return [
            Option(f"{code} · {title}", id=f"{code}{PAIR}{topic}") for code, title, topic in titled
        ]

    async def _show_step(self) -> None:
        slot = self.query_one("#challenge-slot")
        prompt = self.tr(f"practice.pick_{STEPS[self.step]}")
        picker = OptionList(*self._choices(), id="practice-picker", markup=False)
        with self.app.batch_update():
            await slot.remove_children()
            await slot.mount_all(
                [
                    Static(prompt, id="picker-prompt", markup=False),
                    picker,
                    Static(self.tr("practice.pick_hint"), id="picker-hint", markup=False),
                ]
            )
        picker.focus()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#practice-picker")
    async def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id
        value = None if choice in (None, ANY) else choice
        step = STEPS[self.step]
        if step == "competence":
            self.filter = PracticeFilter(competence=value)
        elif step == "topic":
            code, _, topic = (value or "").rpartition(PAIR)
            self.filter = PracticeFilter(code or self.filter.competence, topic or None)
        else:
            level = int(value) if value is not None else None
            self.filter = PracticeFilter(self.filter.competence, self.filter.topic, level)
        if self.step + 1 < len(STEPS):
            self.step += 1
            await self._show_step()
            return
        self.picking = False
        self._retitle()
        self.load_next()

    async def action_leave(self) -> None:
        if self.busy:
            return
        if self.picking and self.step > 0:
            self.step -= 1
            await self._show_step()
            return
        self.dismiss()

    # -- practising -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="practice")
    def load_next(self) -> None:
        ctx = self.ctx
        try:
            if self.answers is None:
                self.answers = list(ctx.store.answers())
            challenge = next_practice(
                ctx.bank,  # type: ignore[arg-type]
                self.filter,
                self.answers,
                self.served,
                self.seed,
            )
        except Exception as error:
            message = self.tr("challenge.open_failed", error=error_text(self.tr, error))
            self.app.call_from_thread(self._failed, message)
            return
        self.app.call_from_thread(self._show_next, challenge)

    async def _failed(self, message: str) -> None:
        self.busy = False
        await self.show_status(message, error=True)

    async def _show_next(self, challenge: Challenge | None) -> None:
        self.busy = False
        if challenge is None:
            await self.show_status(self._done_text())
            return
        self.served.append(challenge.id)
        heading = self.tr(
            "practice.question",
            number=len(self.served),
            topic=bank_topic_title(self.ctx.bank, challenge.competence, challenge.topic),
            level=challenge.level,
        )
        await self.show_challenge(challenge, heading, self.seed)

    def _done_text(self) -> str:
        total = len(self.served)
        if self.filter.errors_only:
            key = "practice.errors_done" if total else "practice.errors_empty"
        else:
            key = "practice.done" if total else "practice.done_empty"
        return self.tr(key, right=self.right, total=total)

    @on(ChallengeView.Answered)
    def _answered(self, event: ChallengeView.Answered) -> None:
        event.stop()
        if self.busy:
            return
        self.busy = True
        self.saving_started()
        self.save_answer(event.challenge, event.given, event.elapsed_s)

    @work(thread=True, exclusive=True, group="practice")
    def save_answer(self, challenge: Challenge, given: Given | None, elapsed_s: float) -> None:
        from pix_tui.app.positioning_session import make_answer

        record = make_answer(challenge, given, elapsed_s, self.ctx.now())
        try:
            self.ctx.store.record_answer(record)
        except Exception as error:
            self.app.call_from_thread(self._save_failed, error)
            return
        self.app.call_from_thread(self._saved, challenge, record)

    def _save_failed(self, error: Exception) -> None:
        self.busy = False
        self.saving_done()
        view = self.view
        if view is not None:
            view.answer_again(self.tr("challenge.save_failed", error=error_text(self.tr, error)))

    def _saved(self, challenge: Challenge, record: AnswerRecord) -> None:
        self.busy = False
        self.saving_done()
        if self.answers is not None:
            self.answers.append(record)
        if record.result is Result.OK:
            self.right += 1
        self.app.post_message(AnswerRecorded(record))
        view = self.view
        if view is not None:
            view.set_busy(False)
            view.show_correction(self.correction_card(challenge, record))

    @on(ChallengeView.Continue)
    def _continue(self, event: ChallengeView.Continue) -> None:
        event.stop()
        if not self.busy:
            self.busy = True
            self.load_next()
