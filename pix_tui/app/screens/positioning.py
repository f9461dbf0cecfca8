"""A positioning on one competence: one challenge after another until the engine is done.

The screen only shows things and forwards keys. The session (engine + store) runs in a thread
worker; each answer is on disk before the next challenge appears, and the app is told so with
`AnswerRecorded`, which keeps every visible view (the side panel, home) live. The message goes
once the next challenge is drawn: re-deriving the profile then does not slow that drawing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Self

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Static

from pix_tui.app.messages import AnswerRecorded, PositioningFinished
from pix_tui.app.screens import flow_keys
from pix_tui.app.screens.challenge_view import ChallengeView
from pix_tui.app.screens.checkpoint import CheckpointView
from pix_tui.app.screens.flow_keys import CHALLENGE_KEYS, LEAVE_POSITIONING, Key, install_keys
from pix_tui.app.screens.quiet_screen import QuietScreen
from pix_tui.app.widgets.correction import CorrectionCard
from pix_tui.app.widgets.progress_panel import ProgressPanel
from pix_tui.app.widgets.quiet_footer import QuietFooter
from pix_tui.core.referential import referential

if TYPE_CHECKING:
    from pix_tui.app.commands import PaletteEntry
    from pix_tui.app.positioning_session import LevelClaim, PositioningOutcome, PositioningSession
    from pix_tui.app.widgets.answer_widgets import Given
    from pix_tui.core.history import AnswerRecord
    from pix_tui.core.model import Challenge

WIDE = 120


class ChallengeSlot(Vertical):
    """Where challenges come and go.

    Textual repaints a container whole when a child is mounted or removed, or when the height
    of its content changes. This one has nothing of its own to draw, and the layout already
    repaints what children take or vacate, so a new challenge costs its own lines only.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=True, repaint=False)

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if layout and not regions:
            repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


def error_text(tr: Any, error: Exception) -> str:
    """Store errors carry a catalogue key; anything else is shown as it is."""
    key = getattr(error, "key", "")
    values = getattr(error, "values", {})
    if key and tr(key) != key:
        try:
            return str(tr(key, **values))
        except (KeyError, IndexError):
            pass
    return str(error) or type(error).__name__


class FlowScreen(QuietScreen):
    """What the positioning and practice screens share: layout, keys, side panel."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012
    LEAVE_KEY: ClassVar[Key] = LEAVE_POSITIONING
    SAVING_NOTICE_AFTER_S = 0.5

    def __init__(self) -> None:
        super().__init__()
        install_keys(self, self.ctx.tr, (*CHALLENGE_KEYS, self.LEAVE_KEY))
        self.busy = False
        self._slot_content: Widget | None = None

    def title_text(self) -> str:
        raise NotImplementedError

    def palette_entries(self) -> Iterator[PaletteEntry]:
        """Skip, progress and attachments in the palette too: F-keys are not everywhere."""
        return flow_keys.palette_entries(self.ctx.tr, flow_keys.PALETTE_KEYS)

    def compose(self) -> ComposeResult:
        yield Static(self.title_text(), id="flow-title", markup=False)
        if self.ctx.demo:
            yield Static(self.tr("challenge.demo_badge"), id="demo-badge", markup=False)
        with Horizontal(id="flow-body"):
            with ChallengeSlot(id="challenge-slot"):
                yield Static(self.tr("challenge.loading"), id="flow-status", markup=False)
            yield ProgressPanel(id="side-panel")
        yield QuietFooter(compact=True)

    @property
    def view(self) -> ChallengeView | None:
        """Asked for every key shown in the footer: the slot is searched only when it changed."""
        found = self._shown(ChallengeView)
        return found if isinstance(found, ChallengeView) else None

    def _shown(self, kind: type[Widget]) -> Widget | None:
        cached = self._slot_content
        if cached is None or not cached.is_attached:
            cached = self._slot_content = None
            for widget in self.query("#challenge-slot > *"):
                if isinstance(widget, (ChallengeView, CheckpointView)):
                    cached = self._slot_content = widget
                    break
        return cached if isinstance(cached, kind) else None

    async def show_status(self, text: str, *, error: bool = False) -> None:
        slot = self.query_one("#challenge-slot", Vertical)
        status = Static(text, id="flow-status", markup=False)
        status.set_class(error, "-error")
        with self.app.batch_update():
            await slot.remove_children()
            await slot.mount(status)
        self.refresh_bindings()

    async def swap_in(self, widget: ChallengeView | CheckpointView) -> None:
        """The old content goes and the new one comes in one batch: one paint, not four."""
        slot = self.query_one("#challenge-slot", Vertical)
        with self.app.batch_update():
            await slot.remove_children()
            await slot.mount(widget)
            widget.start()
        self.refresh_bindings()

    async def show_challenge(self, challenge: Challenge, heading: str, seed: int) -> None:
        view = ChallengeView(
            challenge,
            heading=heading,
            seed=seed,
            tr=self.ctx.tr,
            now=self.ctx.now,
            low_bandwidth=self.ctx.low_bandwidth,
        )
        await self.swap_in(view)

    @property
    def checkpoint(self) -> CheckpointView | None:
        found = self._shown(CheckpointView)
        return found if isinstance(found, CheckpointView) else None

    def saving_started(self) -> None:
        """Say so only if the disk is slow: a quick save should not cost a repaint."""
        view = self.view
        if view is not None:
            view.set_busy(True)
            self._saving_timer = self.set_timer(self.SAVING_NOTICE_AFTER_S, view.show_saving)

    def saving_done(self) -> None:
        timer = getattr(self, "_saving_timer", None)
        if timer is not None:
            timer.stop()
            self._saving_timer = None

    def correction_card(self, challenge: Challenge, record: AnswerRecord) -> CorrectionCard:
        return CorrectionCard(self.ctx.tr, challenge, record.result, record.given)

    # -- keys -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """False hides a key from the footer: F4 only with attachments, F3 only when needed."""
        if action == "attachments":
            view = self.view
            return bool(view and view.challenge.attachments)
        if action == "skip":
            view = self.view
            return view is not None and not view.corrected
        if action == "toggle_panel":
            return bool(list(self.query("#side-panel"))) and not self.has_class("-wide")
        return True

    async def action_validate(self) -> None:
        if self.checkpoint is not None:
            await self.leave_checkpoint()
        elif self.view is not None and not self.busy:
            self.view.submit()

    async def leave_checkpoint(self) -> None:
        """Enter on a checkpoint: on to the question that was waiting behind it."""

    def action_skip(self) -> None:
        if self.view is not None and not self.busy:
            self.view.skip()

    def action_leave(self) -> None:
        """The answers are already stored: leaving loses nothing."""
        if not self.busy:
            self.dismiss()

    def on_resize(self) -> None:
        self.refresh_bindings()

    def on_screen_suspend(self) -> None:
        """Covered by the too-small notice, the question cannot be read: its clock stops (help,
        progress or an attachment opened on purpose do not stop it)."""
        from pix_tui.app.screens.too_small import TooSmallScreen

        if isinstance(self.app.screen, TooSmallScreen) and self.view is not None:
            self.view.hold_clock()

    def on_screen_resume(self) -> None:
        if self.view is not None:
            self.view.release_clock()

    def action_toggle_panel(self) -> None:
        self.toggle_class("-panel")

    def action_scroll_statement(self, direction: int) -> None:
        for scroll in self.query(".statement-scroll"):
            if direction > 0:
                scroll.scroll_page_down(animate=False)
            else:
                scroll.scroll_page_up(animate=False)

    def action_attachments(self) -> None:
        from pix_tui.app.screens.attachment_viewer import AttachmentViewer

        view = self.view
        if view is not None and view.challenge.attachments:
            self.app.push_screen(
                AttachmentViewer(view.challenge.attachments), lambda _: view.focus_answer()
            )


class PositioningScreen(FlowScreen):
    """Starts a new positioning on `competence`, or resumes its unfinished one."""

    CSS_PATH = ["challenge_view.tcss", "checkpoint.tcss", "../widgets/answer_widgets.tcss"]  # noqa: RUF012

    def __init__(self, competence: str, retry: bool = False) -> None:
        self.competence = competence
        self.retry = retry
        super().__init__()
        self.session: PositioningSession | None = None
        self._pending: Challenge | None = None
        self._block_level = 0

    def title_text(self) -> str:
        try:
            title = referential().competence(self.competence).title(self.ctx.lang)
        except KeyError:
            title = ""
        return self.tr("challenge.positioning_heading", code=self.competence, title=title)

    async def on_mount(self) -> None:
        if self.ctx.bank is None or self.ctx.store is None:
            await self.show_status(self.tr("challenge.no_bank"), error=True)
            return
        if not self.ctx.bank.of_competence(self.competence):
            message = self.tr("challenge.no_challenge", code=self.competence)
            await self.show_status(message, error=True)
            return
        self.busy = True
        self.open_session()

    @work(thread=True, exclusive=True, group="positioning")
    def open_session(self) -> None:
        ctx = self.ctx
        try:
            from pix_tui.app.positioning_session import CHECKPOINT_EVERY, PositioningSession

            session = PositioningSession.open(
                ctx.store,
                ctx.bank,  # type: ignore[arg-type]
                self.competence,
                engine=str(ctx.engine_kind),
                rules=ctx.rules,
                now=ctx.now,
                retry=self.retry,
            )
            done = len(session.answers)
            block_level = session.level_after(done - done % CHECKPOINT_EVERY)
            challenge = session.current()
        except Exception as error:
            self.app.call_from_thread(self._open_failed, error)
            return
        self.app.call_from_thread(self._opened, session, block_level, challenge)

    async def _open_failed(self, error: Exception) -> None:
        self.busy = False
        await self.show_status(
            self.tr("challenge.open_failed", error=error_text(self.tr, error)), error=True
        )

    async def _opened(
        self, session: PositioningSession, block_level: int, challenge: Challenge | None
    ) -> None:
        self.session = session
        self._block_level = block_level
        self.busy = False
        if session.answers:
            self.notify(self.tr("challenge.resumed", count=len(session.answers)))
        await self._next(challenge)

    async def _next(self, challenge: Challenge | None) -> None:
        session = self.session
        assert session is not None
        if challenge is None:
            self.busy = True
            await self.show_status(self.tr("challenge.finishing"))
            self.finish()
            return
        heading = self.tr("challenge.question", number=session.number)
        await self.show_challenge(challenge, heading, session.positioning.seed)

    @on(ChallengeView.Answered)
    def _answered(self, event: ChallengeView.Answered) -> None:
        event.stop()
        if self.session is None or self.busy:
            return
        self.busy = True
        self.saving_started()
        self.save_answer(event.challenge, event.given, event.elapsed_s)

    @work(thread=True, exclusive=True, group="positioning")
    def save_answer(self, challenge: Challenge, given: Given | None, elapsed_s: float) -> None:
        session = self.session
        assert session is not None
        try:
            record = session.answer(challenge, given, elapsed_s)
        except Exception as error:
            self.app.call_from_thread(self._save_failed, error)
            return
        try:
            level = session.claim()
            following = session.current()
        except Exception as error:
            self.app.call_from_thread(self._open_failed, error)
            return
        self.app.call_from_thread(self._saved, challenge, record, level, following)

    def _save_failed(self, error: Exception) -> None:
        self.busy = False
        self.saving_done()
        view = self.view
        if view is not None:
            view.answer_again(self.tr("challenge.save_failed", error=error_text(self.tr, error)))

    async def _saved(
        self,
        challenge: Challenge,
        record: AnswerRecord,
        level: LevelClaim,
        following: Challenge | None,
    ) -> None:
        self.busy = False
        self.saving_done()
        self._pending = following
        view = self.view
        if self.ctx.demo and view is not None:
            view.set_busy(False)
            view.show_correction(self.correction_card(challenge, record))
        else:
            await self._after_answer(level)
        # The app re-derives the profile once the next question is drawn, not while it is.
        self.app.call_after_refresh(self.app.post_message, AnswerRecorded(record))

    @on(ChallengeView.Continue)
    async def _continue(self, event: ChallengeView.Continue) -> None:
        event.stop()
        if self.session is not None and not self.busy:
            await self._after_answer(self.session.claim())

    async def _after_answer(self, level: LevelClaim) -> None:
        session = self.session
        assert session is not None
        following = self._pending
        if following is not None and session.at_checkpoint():
            before, self._block_level = self._block_level, level.level
            block = session.last_block()
            challenges = [self.ctx.bank.get(r.challenge_id) for r in block]  # type: ignore[union-attr]
            checkpoint = CheckpointView(
                self.ctx.tr,
                block,
                challenges,
                level_before=before,
                level_now=level.level,
                confident=level.confident,
                first_number=len(session.answers) - len(block) + 1,
            )
            await self.swap_in(checkpoint)
            return
        await self._next(following)

    async def leave_checkpoint(self) -> None:
        await self._next(self._pending)

    @work(thread=True, exclusive=True, group="positioning")
    def finish(self) -> None:
        """Stored as finished, then the result is worked out before the screen changes (if that
        fails, the result screen tries again on its own and says what went wrong)."""
        from pix_tui.app.positioning_session import positioning_outcome

        session = self.session
        assert session is not None
        ctx = self.ctx
        try:
            session.finish()
        except Exception as error:
            self.app.call_from_thread(self._open_failed, error)
            return
        try:
            outcome = positioning_outcome(ctx.store, ctx.bank, session.id, ctx.rules)
        except Exception:
            outcome = None
        self.app.call_from_thread(self._finished, outcome)

    def _finished(self, outcome: PositioningOutcome | None) -> None:
        from pix_tui.app.screens.result import ResultScreen

        session = self.session
        assert session is not None
        self.busy = False
        self.app.post_message(PositioningFinished(session.id, session.competence))
        self.app.push_screen(ResultScreen(session.id, outcome), self._result_closed)

    def _result_closed(self, _: object) -> None:
        """Closing the result closes the finished positioning under it.

        The result is pushed rather than switched to: a switch repaints the terminal once more.
        """
        self.dismiss()
