"""My profile: the 16 competences by domain with level and pix, and where certification stands."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from pix_tui.app import view
from pix_tui.app.commands import Scope
from pix_tui.app.profile_follower import ProfileFollower
from pix_tui.app.screens.base import PixScreen
from pix_tui.app.widgets.domain_list import DomainList
from pix_tui.app.widgets.quiet_footer import QuietFooter
from pix_tui.core.safe_text import inert

WIDE = 120
"""From this width the live progress panel stays beside the list (not built below it)."""


class HomeScreen(ProfileFollower, PixScreen[None]):
    SCOPE = Scope.HOME
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__()
        self._painted_complete = False

    def compose(self) -> ComposeResult:
        yield Static(self._headline(None), id="home-headline", markup=False)
        yield Static(self.tr("common.loading_bank"), id="home-status")
        with Horizontal(id="home-body"):
            options = self.pix_app.options
            yield DomainList(
                self.ctx.tr,
                self.ctx.rules.max_level,
                campaign=options.campaign,
                campaign_title=self.tr("home.campaign", name=options.campaign_name)
                if options.campaign_name
                else self.tr("home.campaign_unnamed"),
                id="domains",
            )
            if self.app.size.width >= WIDE:
                yield self._panel()
        yield QuietFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(DomainList).focus_row()
        self.follow_profile(self._show_view)
        self.call_after_refresh(self._first_paint)

    def _first_paint(self) -> None:
        if not self.pix_app.home_painted(complete=False):
            self.pix_app.start_loading_bank()

    def _headline(self, profile: Any) -> str:
        name = inert(self.ctx.store.name) if self.ctx.store is not None else ""
        parts = [name]
        if profile is not None:
            parts.append(
                self.tr("common.pix_of", pix=view.total_pix(profile), max=view.max_pix(profile))
            )
        if self.ctx.demo:
            parts.append(self.tr("common.demo_badge"))
        return " · ".join(p for p in parts if p)

    def _show_view(self, profile: Any) -> None:
        self.query_one("#home-headline", Static).update(self._headline(profile))
        status = self.query_one("#home-status", Static)
        if profile is None:
            status.update(self.tr("common.loading_bank"))
            self.query_one(DomainList).show(None)
            return
        line = view.certification_line(self.ctx.tr, self.pix_app.certification_status)
        if self.ctx.demo and not profile.certifiable:
            line = self.tr("certification.demo_hint")
        sentence = view.certification_sentence(self.ctx.tr, profile)
        status.update(f"{sentence}\n{line}" if line else sentence)
        status.set_class(view.is_certifiable(profile), "-certifiable")
        self.query_one(DomainList).show(view.row_states(profile))
        if not self._painted_complete:
            self._painted_complete = True
            self.call_after_refresh(self.pix_app.home_painted, complete=True)

    def _panel(self) -> Widget:
        """Imported on demand: most lab terminals are 80 columns wide and never need it."""
        from pix_tui.app.widgets.progress_panel import ProgressPanel

        return ProgressPanel(id="home-panel")

    def on_resize(self, event: events.Resize) -> None:
        panels = self.query("#home-panel")
        if event.size.width >= WIDE and not panels:
            self.query_one("#home-body").mount(self._panel())
        elif event.size.width < WIDE and panels:
            panels.remove()

    def action_open_competence(self) -> None:
        self.pix_app.action_browse(self.query_one(DomainList).code)

    def action_move(self, step: int) -> None:
        self.query_one(DomainList).action_move(step)
