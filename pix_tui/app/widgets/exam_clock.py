"""The global countdown of a certification blanche.

It asks the session how much time is left (a monotonic clock, so a change of the machine's
time cannot move it) once a second, but repaints only when the text changes: in low-bandwidth
mode the text moves once a minute and every second in the last minute, so an idle test sends
next to nothing to the terminal.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from textual.message import Message
from textual.widgets import Static

from pix_tui.i18n import Translator

LAST_MINUTE_S = 60


def clock_text(tr: Translator, remaining_s: float, *, coarse: bool) -> str:
    """`il reste 1 h 12`, `il reste 12 min`, `il reste 42 s`; `1:12:05` when not coarse."""
    seconds = max(0, math.ceil(remaining_s))
    if seconds <= LAST_MINUTE_S:
        return tr("certification.left_seconds", seconds=seconds)
    if not coarse:
        hours, rest = divmod(seconds, 3600)
        clock = f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
        return tr("certification.left_clock", clock=clock)
    minutes = math.ceil(seconds / 60)
    if minutes >= 60:
        return tr("certification.left_minutes", hours=minutes // 60, minutes=minutes % 60)
    return tr("certification.left_only_minutes", minutes=minutes)


class ExamClock(Static):
    class Expired(Message):
        """The test's time is up."""

    def __init__(
        self,
        remaining: Callable[[], float],
        tr: Translator,
        *,
        coarse: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, markup=False)
        self.remaining = remaining
        self.tr = tr
        self.coarse = coarse
        self.expired = False
        self._shown = ""

    def on_mount(self) -> None:
        self._timer = self.set_interval(1, self.tick)
        self.tick()

    def tick(self) -> None:
        left = self.remaining()
        if left <= 0 and not self.expired:
            self.expired = True
            self._timer.stop()
            self.post_message(self.Expired())
        text = clock_text(self.tr, left, coarse=self.coarse)
        if text != self._shown:
            self._shown = text
            self.update(text)
