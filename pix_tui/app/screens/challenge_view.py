"""One challenge on screen: heading, statement, attachments, answer widget, hint line.

Used by the positioning and the practice screens. It measures the time the learner took (with
the app's clock, so tests can move time) and reports the answer as a message; recording it and
choosing the next challenge is the screen's business.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from markdown_it import MarkdownIt
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.scalar import Scalar
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownBlock, MarkdownFence

from pix_tui.app.widgets.answer_widgets import (
    AnswerWidget,
    Given,
    SubmitRequested,
    answer_widget,
)
from pix_tui.app.widgets.countdown import Countdown
from pix_tui.core.model import Challenge, ChallengeType, InputKind
from pix_tui.core.safe_text import inert
from pix_tui.i18n import Translator

MIN_STATEMENT_ROWS = 3
BLANK = re.compile(r"\{\{\s*([\w-]+)\s*\}\}")
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")


def statement_markdown(challenge: Challenge, tr: Translator) -> str:
    """Blanks become numbered gaps matching the input labels; images become their alt text."""
    numbers = {name: n for n, name in enumerate(challenge.blank_names, start=1)}

    def gap(match: re.Match[str]) -> str:
        name = match.group(1)
        return f"**[{numbers.get(name, '?')}. {challenge.label(name)}]**"

    def image(match: re.Match[str]) -> str:
        return "*[" + tr("challenge.image", alt=match.group(1).strip()) + "]*"

    return inert(IMAGE.sub(image, BLANK.sub(gap, challenge.statement)))


def _parser() -> MarkdownIt:
    """Raw HTML is shown as text, never interpreted (the challenge format promises it)."""
    return MarkdownIt("gfm-like", {"html": False})


class PlainFence(MarkdownFence):
    """A code block without a language is shown as plain text, as the correction shows it.

    Left to guess, Pygments imports every lexer it has (over 10 MiB per learner, about a
    second of CPU the first time) and colours French prose as if it were Verilog or Commodore BASIC.
    """

    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False, dark: bool = False) -> Content:
        return super().highlight(code, language or "text", ansi=ansi, dark=dark)


class StatementMarkdown(Markdown):
    """A challenge's statement: raw HTML stays text, code blocks never guess their language."""

    BLOCKS: ClassVar[dict[str, type[MarkdownBlock]]] = {
        **Markdown.BLOCKS,
        "fence": PlainFence,
        "code_block": PlainFence,
    }


HINT_KEYS = {
    ChallengeType.QCU: "challenge.hint_qcu",
    ChallengeType.QCM: "challenge.hint_qcm",
    ChallengeType.QROC: "challenge.hint_qroc",
    ChallengeType.QROCM: "challenge.hint_qrocm",
}


class ChallengeView(Vertical):
    class Answered(Message):
        """The learner validated (or skipped, `given` None) after `elapsed_s` seconds."""

        def __init__(self, challenge: Challenge, given: Given | None, elapsed_s: float) -> None:
            super().__init__()
            self.challenge = challenge
            self.given = given
            self.elapsed_s = elapsed_s

    class Continue(Message):
        """Enter after a correction: on to the next challenge."""

    def __init__(
        self,
        challenge: Challenge,
        *,
        heading: str,
        seed: int,
        tr: Translator,
        now: Callable[[], datetime],
        low_bandwidth: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="challenge-view")
        self.challenge = challenge
        self.heading = heading
        self.seed = seed
        self.tr = tr
        self.now = now
        self.low_bandwidth = low_bandwidth
        self.shown_at = now()
        self.busy = False
        self.corrected = False
        self.clock_stopped = False
        self.held_at: datetime | None = None

    def compose(self) -> ComposeResult:
        tr = self.tr
        heading = self.heading
        if self.challenge.time_limit is not None:
            notice = tr("challenge.timed_notice", seconds=self.challenge.time_limit)
            heading = f"{heading} · {notice}"
        with Horizontal(classes="challenge-head"):
            yield Static(heading, classes="challenge-heading", markup=False)
            if self.challenge.time_limit is not None:
                yield Countdown(
                    self.challenge.time_limit,
                    self.shown_at,
                    self.now,
                    tr,
                    coarse=self.low_bandwidth,
                    id="countdown",
                )
        with VerticalScroll(classes="statement-scroll", can_focus=False):
            yield StatementMarkdown(
                statement_markdown(self.challenge, tr),
                parser_factory=_parser,
                open_links=False,
                classes="statement",
            )
        more = Static(tr("challenge.statement_more"), classes="statement-more", markup=False)
        more.display = False
        yield more
        if self.challenge.attachments:
            names = inert(", ".join(path.name for path in self.challenge.attachments))
            yield Static(
                tr("challenge.attachments", names=names),
                classes="attachments-line",
                markup=False,
            )
        yield answer_widget(
            self.challenge,
            seed=self.seed,
            placeholders={
                InputKind.TEXT: tr("challenge.placeholder_text"),
                InputKind.NUMBER: tr("challenge.placeholder_number"),
            },
            blink=not self.low_bandwidth,
        )
        yield Static(tr(HINT_KEYS[self.challenge.type]), classes="challenge-hint", markup=False)

    def start(self) -> None:
        """Called once the view is on screen: the clock starts now, the answer has focus."""
        self.shown_at = self.now()
        for countdown in self.query(Countdown):
            countdown.started = self.shown_at
        self.focus_answer()
        self.call_after_refresh(self.fit_statement)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_statement)

    def fit_statement(self) -> None:
        """Give the statement the rows the rest leaves, and no more.

        The answer area and the key hint are always on screen; when the statement needs more
        rows than that leaves, it scrolls and a line under it says which keys scroll it.
        """
        parent = self.parent
        scrolls = self.query_children(".statement-scroll").results(VerticalScroll)
        mores = self.query_children(".statement-more").results(Static)
        scroll, more = next(scrolls, None), next(mores, None)
        if not isinstance(parent, Widget) or scroll is None or more is None:
            return
        used = self.styles.padding.top + self.styles.padding.bottom
        for child in self.children:
            if child is scroll or child is more or not child.display:
                continue
            used += child.outer_size.height + child.styles.margin.top + child.styles.margin.bottom
        room = max(MIN_STATEMENT_ROWS, parent.content_size.height - used)
        overflows = scroll.virtual_size.height > room
        height = room - 1 if overflows else room
        if more.display != overflows:
            more.display = overflows
        if scroll.styles.max_height != Scalar.from_number(height):
            scroll.styles.max_height = height

    @property
    def statement_hidden_rows(self) -> int:
        """How many rows of the statement are out of sight (0 when it fits)."""
        scroll = self.query_one(".statement-scroll", VerticalScroll)
        return max(0, scroll.virtual_size.height - scroll.scrollable_content_region.height)

    @property
    def answer(self) -> AnswerWidget:
        return self.query_one(".answer-widget", Widget)  # type: ignore[return-value]

    def focus_answer(self) -> None:
        if not self.corrected:
            self.answer.focus_answer()

    def elapsed(self) -> float:
        return (self.now() - self.shown_at).total_seconds()

    def set_hint(self, text: str, *, error: bool = False) -> None:
        hint = self.query_one(".challenge-hint", Static)
        hint.set_class(error, "-error")
        hint.update(text)
        self.call_after_refresh(self.fit_statement)

    def set_busy(self, busy: bool) -> None:
        """While the answer is being written, a second Enter must not send it twice."""
        self.busy = busy

    def show_saving(self) -> None:
        if self.busy:
            self.set_hint(self.tr("challenge.saving"))

    def submit(self) -> None:
        if self.busy:
            return
        if self.corrected:
            self.post_message(self.Continue())
            return
        given = self.answer.value()
        if given is None:
            self.set_hint(self.tr(f"{HINT_KEYS[self.challenge.type]}_empty"), error=True)
            return
        self._stop_clock()
        self.post_message(self.Answered(self.challenge, given, self.elapsed()))

    def skip(self) -> None:
        if self.busy or self.corrected:
            return
        self._stop_clock()
        self.post_message(self.Answered(self.challenge, None, self.elapsed()))

    def _stop_clock(self) -> None:
        self.clock_stopped = True
        for countdown in self.query(Countdown):
            countdown.pause()

    def hold_clock(self) -> None:
        """The question is out of sight (a terminal too small to draw it): its time stops."""
        if self.held_at is None and not self.clock_stopped and not self.corrected:
            self.held_at = self.now()
            for countdown in self.query(Countdown):
                countdown.pause()

    def release_clock(self) -> None:
        """Back in sight: the time it was hidden is not counted, for the answer nor the clock."""
        if self.held_at is None:
            return
        hidden = self.now() - self.held_at
        self.held_at = None
        self.shown_at += hidden
        for countdown in self.query(Countdown):
            countdown.started += hidden
            countdown.resume()

    def answer_again(self, message: str) -> None:
        """After a failed write the answer is still there; the time keeps counting."""
        self.busy = False
        self.clock_stopped = False
        for countdown in self.query(Countdown):
            countdown.resume()
        self.set_hint(message, error=True)
        self.focus_answer()

    def show_correction(self, card: Widget) -> None:
        """Demo and practice: the correction replaces the answer widget, Enter goes on."""
        self.corrected = True
        self.answer.remove()
        hint = self.query_one(".challenge-hint", Static)
        self.mount(card, before=hint)
        self.set_hint(self.tr("challenge.hint_next"))
        self.call_after_refresh(self.fit_statement)
        self.screen.set_focus(None)
        self.screen.refresh_bindings()

    @on(SubmitRequested)
    def _submit_requested(self, event: SubmitRequested) -> None:
        event.stop()
        self.submit()

    @on(Countdown.Expired)
    def _expired(self, event: Countdown.Expired) -> None:
        event.stop()
        self.set_hint(self.tr("challenge.time_up_hint"), error=True)
