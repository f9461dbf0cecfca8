"""Progress toward a certifiable profile: live, re-rendered on every recorded answer."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Sparkline, Static

from pix_tui.app import view
from pix_tui.app.commands import Scope
from pix_tui.app.profile_follower import ProfileFollower
from pix_tui.app.screens.base import PixScreen
from pix_tui.app.widgets.gauge import bar, level_gauge
from pix_tui.app.widgets.quiet_footer import QuietFooter
from pix_tui.core.referential import referential
from pix_tui.core.rules import CERTIFIABLE_COMPETENCES

BAR_WIDTH = 12
WIDE = 120


class ProgressScreen(ProfileFollower, PixScreen[None]):
    SCOPE = Scope.PROGRESS
    CSS_PATH = "progress.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield Static(self.tr("progress.title"), id="progress-title")
        with VerticalScroll(id="progress-scroll"), Horizontal(id="progress-columns"):
            with Vertical(id="progress-main"):
                yield Static(self.tr("common.loading"), id="certification", markup=False)
                yield Static("", id="pix-total", markup=False)
                yield Static("", id="live", markup=False)
                yield Static(self.tr("progress.by_domain"), classes="section")
                for domain in referential().domains:
                    yield Static(
                        "",
                        id=f"by-domain-{domain.code}",
                        classes=f"domain-line domain-{domain.code}",
                    )
                yield Static(self.tr("progress.by_competence"), classes="section")
                yield Static("", id="by-competence", markup=False)
            with Vertical(id="progress-side"):
                yield Static(self.tr("progress.history"), classes="section")
                yield Sparkline([], id="history")
                yield Static("", id="history-text")
                yield Static(self.tr("progress.next_steps"), classes="section")
                yield Static("", id="next-steps", markup=False)
                yield Static(self.tr("certification.history_title"), classes="section")
                yield Static("", id="certification-history", markup=False)
        yield QuietFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#progress-scroll").focus()
        self.follow_profile(self._show)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show, self.pix_app.profile_view)

    def _show(self, profile: Any) -> None:
        if profile is None:
            return
        tr = self.ctx.tr
        reached = view.at_level_one(profile)
        gauge = bar(min(reached, CERTIFIABLE_COMPETENCES), CERTIFIABLE_COMPETENCES, 5)
        certification = self.query_one("#certification", Static)
        status = self.pix_app.certification_status
        line = view.certification_line(tr, status)
        sentence = f"{gauge}  {view.certification_sentence(tr, profile)}"
        certification.update(f"{sentence}\n{line}" if line else sentence)
        certification.set_class(view.is_certifiable(profile), "-certifiable")
        pix, most = view.total_pix(profile), view.max_pix(profile)
        self.query_one("#pix-total", Static).update(
            f"{bar(pix, most, BAR_WIDTH * 2)}  {tr('common.pix_of', pix=pix, max=most)}"
        )
        for domain, line in self._domains(profile):
            self.query_one(f"#by-domain-{domain}", Static).update(line)
        self.query_one("#by-competence", Static).update(self._competences(profile))
        live = self.query_one("#live", Static)
        live.update("\n".join(view.live_lines(tr, profile)))
        live.display = bool(view.live_lines(tr, profile))
        series = view.pix_series(profile)
        sparkline = self.query_one("#history", Sparkline)
        sparkline.data = series
        sparkline.display = len(series) > 1
        self.query_one("#history-text", Static).update(view.series_sentence(tr, series))
        steps = view.next_steps(tr, profile)
        self.query_one("#next-steps", Static).update(
            "\n".join(f"· {step}" for step in steps) or tr("progress.no_step")
        )
        self.query_one("#certification-history", Static).update(
            "\n".join(view.history_lines(tr, status))
        )

    def _domains(self, profile: Any) -> list[tuple[str, str]]:
        lang = self.ctx.lang
        lines = []
        for domain, pix, most in view.domain_totals(profile, self.ctx.rules):
            title = f"{domain.code} {domain.title(lang)}"
            line = f"{title:<34.34} {bar(pix, most, BAR_WIDTH)} {pix:>3}/{most} pix"
            lines.append((domain.code, line))
        return lines

    def _competences(self, profile: Any) -> str:
        tr, lang, rules = self.ctx.tr, self.ctx.lang, self.ctx.rules
        states = view.row_states(profile)
        available = self.query_one("#progress-main").content_region.width
        width = max(available - rules.max_level - 15, 24) if available else 40
        lines = []
        for competence in referential().competences:
            state = states.get(competence.code)
            level, pix = (state.level, state.pix) if state else (0, 0)
            title = f"{competence.code} {competence.title(lang)}"
            if len(title) > width:
                title = title[: width - 1] + "…"
            gauge = level_gauge(level, rules.max_level)
            level_text = tr("common.level_short", level=level)
            pix_text = tr("common.pix", pix=pix)
            lines.append(f"{title:<{width}} {gauge} {level_text:<6}{pix_text:>7}")
        return "\n".join(lines)
