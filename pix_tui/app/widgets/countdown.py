"""The countdown of a timed challenge.

It only shows the time: whether an answer came too late is decided by `check_answer` from the
elapsed time the screen measures, so a frozen display can never turn a late answer into a
right one. In low-bandwidth mode it repaints in 10-second steps until the last 20 seconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from textual.message import Message
from textual.widgets import Static

from pix_tui.i18n import Translator

COARSE_STEP_S = 10
COARSE_UNTIL_S = 20


def remaining_text(remaining_s: float, *, coarse: bool) -> str:
    """'1:05', or in coarse mode the value rounded up to the next 10 s above 20 s."""
    seconds = max(0, math.ceil(remaining_s))
    if coarse and seconds > COARSE_UNTIL_S:
        seconds = math.ceil(seconds / COARSE_STEP_S) * COARSE_STEP_S
    return f"{seconds // 60}:{seconds % 60:02d}"


class Countdown(Static):
    class Expired(Message):
        """The time limit has passed; the learner may still answer, late."""

    def __init__(
        self,
        limit_s: int,
        started: datetime,
        now: Callable[[], datetime],
        tr: Translator,
        *,
        coarse: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, markup=False)
        self.limit_s = limit_s
        self.started = started
        self.now = now
        self.tr = tr
        self.coarse = coarse
        self.expired = False
        self._shown = ""

    def on_mount(self) -> None:
        self._timer = self.set_interval(1, self._paint)
        self._paint()

    def remaining(self) -> float:
        return self.limit_s - (self.now() - self.started).total_seconds()

    def _paint(self) -> None:
        remaining = self.remaining()
        if remaining <= 0:
            text = self.tr("challenge.time_up")
            if not self.expired:
                self.expired = True
                self.add_class("-expired")
                self._timer.stop()
                self.post_message(self.Expired())
        else:
            time = remaining_text(remaining, coarse=self.coarse)
            text = self.tr("challenge.time_left", time=time)
        if text != self._shown:
            self._shown = text
            self.update(text)

    def pause(self) -> None:
        self._timer.pause()

    def resume(self) -> None:
        """Shows the time left at once: it may have moved (`started` shifted) while paused."""
        if not self.expired:
            self._paint()
            self._timer.resume()
