"""The certification blanche itself: the challenge view, a global countdown, "question n / N".

No correction and no going back: each answer is stored (before the next question) and the
next question of the stored order comes. The time spent is saved after each answer and when
it has run unsaved for a while (`certification_session.TIME_SAVE_GAP_S`). Escape leaves and
keeps the time spent; the time running out ends the test, the questions left counting as wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from pix_tui.app.messages import AnswerRecorded, ProfileChanged
from pix_tui.app.screens.challenge_view import ChallengeView
from pix_tui.app.screens.flow_keys import LEAVE_CERTIFICATION
from pix_tui.app.screens.positioning import ChallengeSlot, FlowScreen, error_text
from pix_tui.app.widgets.exam_clock import ExamClock
from pix_tui.app.widgets.quiet_footer import QuietFooter
from pix_tui.core.history import CertificationEnd
from pix_tui.core.model import Challenge

if TYPE_CHECKING:
    from pix_tui.app.certification_session import CertificationSession
    from pix_tui.app.widgets.answer_widgets import Given
    from pix_tui.core.certification import CertificationResult


class CertificationScreen(FlowScreen):
    CSS_PATH = [  # noqa: RUF012
        "challenge_view.tcss",
        "../widgets/answer_widgets.tcss",
        "certification.tcss",
    ]
    LEAVE_KEY = LEAVE_CERTIFICATION

    def __init__(self, *, abandon: bool = False) -> None:
        super().__init__()
        self.abandon = abandon
        self.session: CertificationSession | None = None
        self.ended = False
        self._finish_when_saved = False
        self._saving_time = False

    def title_text(self) -> str:
        return self.tr("certification.title")

    def compose(self) -> ComposeResult:
        with Horizontal(id="cert-head"):
            yield Static(self.title_text(), id="flow-title", markup=False)
        with Horizontal(id="flow-body"), ChallengeSlot(id="challenge-slot"):
            yield Static(self.tr("challenge.loading"), id="flow-status", markup=False)
        yield QuietFooter(compact=True)

    async def on_mount(self) -> None:
        if self.ctx.bank is None or self.ctx.store is None:
            await self.show_status(self.tr("challenge.no_bank"), error=True)
            return
        self.busy = True
        self.open_session()

    @work(thread=True, exclusive=True, group="certification")
    def open_session(self) -> None:
        from pix_tui.app.certification_session import CertificationSession

        ctx = self.ctx
        try:
            session = CertificationSession.open(
                ctx.store,
                ctx.bank,  # type: ignore[arg-type]
                rules=ctx.rules,
                now=ctx.now,
                clock=ctx.clock,
            )
            current = session.current()
        except Exception as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._opened, session, current)

    async def _failed(self, error: Exception) -> None:
        self.busy = False
        message = self.tr("certification.open_failed", error=error_text(self.tr, error))
        await self.show_status(message, error=True)

    async def _opened(
        self, session: CertificationSession, current: tuple[int, Challenge] | None
    ) -> None:
        self.session = session
        self.busy = False
        self.app.post_message(ProfileChanged())
        if self.abandon:
            self._end(CertificationEnd.ABANDONED)
            return
        clock = ExamClock(
            session.remaining, self.ctx.tr, coarse=self.ctx.low_bandwidth, id="exam-clock"
        )
        await self.query_one("#cert-head", Horizontal).mount(clock)
        from pix_tui.app.certification_session import TIME_CHECK_S

        self.set_interval(TIME_CHECK_S, self._time_check)
        if session.answered():
            self.notify(self.tr("certification.resumed", count=session.answered()))
        if session.time_up:
            self._end(CertificationEnd.TIME_UP)
            return
        await self._show(current)

    async def _show(self, current: tuple[int, Challenge] | None) -> None:
        session = self.session
        assert session is not None
        if current is None:
            self._end(CertificationEnd.COMPLETED)
            return
        index, challenge = current
        number, total = index + 1, session.total
        heading = self.tr("certification.question", number=number, total=total)
        await self.show_challenge(challenge, heading, session.record.seed + index)

    @on(ChallengeView.Answered)
    def _answered(self, event: ChallengeView.Answered) -> None:
        event.stop()
        if self.session is None or self.busy or self.ended:
            return
        self.busy = True
        self.saving_started()
        self.save_answer(event.challenge, event.given, event.elapsed_s)

    @work(thread=True, exclusive=True, group="certification")
    def save_answer(self, challenge: Challenge, given: Given | None, elapsed_s: float) -> None:
        session = self.session
        assert session is not None
        try:
            record = session.answer(challenge, given, elapsed_s)
            following = session.current()
        except Exception as error:
            self.app.call_from_thread(self._save_failed, error)
            return
        self.app.call_from_thread(self._saved, record, following)
        self._keep_time(session)

    def _save_failed(self, error: Exception) -> None:
        self.busy = False
        self.saving_done()
        view = self.view
        if view is not None:
            message = self.tr("certification.saving_failed", error=error_text(self.tr, error))
            view.answer_again(message)

    async def _saved(self, record: object, following: tuple[int, Challenge] | None) -> None:
        self.busy = False
        self.saving_done()
        self.app.post_message(AnswerRecorded(record))  # type: ignore[arg-type]
        if self._finish_when_saved:
            self._end(CertificationEnd.TIME_UP)
            return
        await self._show(following)

    @on(ExamClock.Expired)
    def _time_up(self, event: ExamClock.Expired) -> None:
        event.stop()
        if self.busy:
            self._finish_when_saved = True
        else:
            self.notify(self.tr("certification.time_up"), severity="warning")
            self._end(CertificationEnd.TIME_UP)

    def _time_check(self) -> None:
        session = self.session
        if session is None or self.ended or self._saving_time or not session.time_save_due():
            return
        self._saving_time = True
        self.save_time()

    @work(thread=True, group="certification-time")
    def save_time(self) -> None:
        session = self.session
        assert session is not None
        try:
            self._keep_time(session)
        finally:
            self._saving_time = False

    def _keep_time(self, session: CertificationSession) -> None:
        """A failed save loses only the time since the last one: the answers' own times
        remain."""
        try:
            session.save_time()
        except Exception as error:
            self.app.call_from_thread(self.log.warning, f"time not saved: {error}")

    def _end(self, end: CertificationEnd) -> None:
        if self.ended:
            return
        self.ended = True
        self.busy = True
        for clock in self.query(ExamClock):
            clock.remove()
        self.finish(end)

    @work(thread=True, exclusive=True, group="certification")
    def finish(self, end: CertificationEnd) -> None:
        session = self.session
        assert session is not None
        try:
            result = session.finish(end)
        except Exception as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._finished, result)

    def _finished(self, result: CertificationResult) -> None:
        from pix_tui.app.screens.certification_result import CertificationResultScreen

        self.busy = False
        self.app.post_message(ProfileChanged())
        self.app.push_screen(CertificationResultScreen(result), lambda _: self.dismiss())

    def action_leave(self) -> None:
        """Answers are stored; the time spent is saved before leaving."""
        if self.busy or self.ended:
            return
        if self.session is None:
            self.dismiss()
            return
        self.busy = True
        self.leave()

    @work(thread=True, exclusive=True, group="certification")
    def leave(self) -> None:
        session = self.session
        assert session is not None
        try:
            session.save_time()
        except Exception as error:
            self.app.call_from_thread(self.log.warning, f"time not saved: {error}")
        self.app.call_from_thread(self._left)

    def _left(self) -> None:
        self.app.post_message(ProfileChanged())
        self.dismiss()
