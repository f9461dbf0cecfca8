"""Shown instead of a broken layout when the terminal is smaller than 80×24."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from pix_tui.app.screens.base import PixScreen


class TooSmallScreen(PixScreen[None]):
    CSS_PATH = "too_small.tcss"

    def compose(self) -> ComposeResult:
        with Vertical(id="too-small-box"):
            yield Static(id="too-small-title")
            yield Static(id="too-small-body")

    def on_mount(self) -> None:
        self._describe(self.app.size.width, self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._describe(event.size.width, event.size.height)

    def _describe(self, width: int, height: int) -> None:
        from pix_tui.app.app import MIN_HEIGHT, MIN_WIDTH

        tr = self.tr
        self.query_one("#too-small-title", Static).update(tr("common.too_small_title"))
        self.query_one("#too-small-body", Static).update(
            tr(
                "common.too_small_body",
                width=width,
                height=height,
                min_width=MIN_WIDTH,
                min_height=MIN_HEIGHT,
            )
        )
