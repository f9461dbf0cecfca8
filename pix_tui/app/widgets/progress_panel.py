"""The compact, live certification progress: beside a challenge on wide terminals.

It watches the app's derived profile, which the app re-derives after every recorded answer,
so it moves while the learner answers without being reopened.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from pix_tui.app import view
from pix_tui.app.profile_follower import ProfileFollower
from pix_tui.app.widgets.gauge import bar
from pix_tui.core.rules import CERTIFIABLE_COMPETENCES

STEPS_SHOWN = 3


class ProgressPanel(ProfileFollower, Vertical):
    DEFAULT_CLASSES = "progress-panel"

    def compose(self) -> ComposeResult:
        tr = self.app.ctx.tr  # type: ignore[attr-defined]
        yield Static(tr("progress.panel_title"), classes="panel-title")
        yield Static(tr("common.loading"), classes="panel-certification")
        yield Static("", classes="panel-pix")
        yield Static("", classes="panel-live")
        yield Sparkline([], classes="panel-sparkline")
        yield Static("", classes="panel-steps")

    def on_mount(self) -> None:
        self.follow_profile(self.show)
        # A positioning may have begun since the last derivation: the panel shows it at once.
        self.app.refresh_profile()  # type: ignore[attr-defined]

    def show(self, profile: Any) -> None:
        tr = self.app.ctx.tr  # type: ignore[attr-defined]
        if profile is None:
            self.query_one(".panel-certification", Static).update(tr("common.loading"))
            return
        reached = view.at_level_one(profile)
        gauge = bar(min(reached, CERTIFIABLE_COMPETENCES), CERTIFIABLE_COMPETENCES, 5)
        self.query_one(".panel-certification", Static).update(
            f"{gauge} {view.certification_short(tr, profile)}"
        )
        self.query_one(".panel-pix", Static).update(
            tr("common.pix_of", pix=view.total_pix(profile), max=view.max_pix(profile))
        )
        self.query_one(".panel-live", Static).update("\n".join(view.live_lines(tr, profile)))
        series = view.pix_series(profile)
        sparkline = self.query_one(".panel-sparkline", Sparkline)
        sparkline.data = series
        sparkline.display = len(series) > 1
        steps = view.next_steps(tr, profile)[:STEPS_SHOWN]
        text = "\n".join([tr("progress.next_steps"), *(f"· {s}" for s in steps)]) if steps else ""
        self.query_one(".panel-steps", Static).update(text)
