"""The 16 competences grouped by domain, one focusable row each, for the home screen.

Each domain is named in text and marked by its colour; a row repaints only itself when its
numbers change or when the focus moves, which keeps keypresses cheap over SSH.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from pix_tui.app.widgets.gauge import level_gauge
from pix_tui.core.referential import Competence, Domain, referential
from pix_tui.i18n import Translator


@dataclass(frozen=True, slots=True)
class RowState:
    """What a row shows; None while the bank or the profile is still loading."""

    level: int
    pix: int
    status: str
    live_level: int | None = None
    """The running estimate of a positioning in progress: it moves with every answer."""


class DomainHeading(Static):
    def __init__(self, domain: Domain, tr: Translator) -> None:
        super().__init__(
            f"{domain.code} · {domain.title(tr.lang)}",
            classes=f"domain-heading domain-{domain.code}",
        )


class CompetenceRow(Static, can_focus=True):
    """`1.1  Mener une recherche…   en cours  ███░░░ niv. 3   24 pix`."""

    state: reactive[RowState | None] = reactive(None, layout=False)

    def __init__(self, competence: Competence, tr: Translator, max_level: int) -> None:
        super().__init__(classes=f"competence-row domain-{competence.domain}")
        self.competence = competence
        self.tr = tr
        self.max_level = max_level

    def render(self) -> Text:
        tr, width = self.tr, max(self.content_region.width, 40)
        state = self.state
        if state is None:
            right = tr("common.loading")
            status = ""
        else:
            gauge = level_gauge(state.level, self.max_level)
            level = tr("common.level_short", level=state.level)
            right = f"{gauge} {level:<6}{tr('common.pix', pix=state.pix):>7}"
            status = ""
            if state.status == "in_progress":
                status = (
                    tr("common.in_progress_live", level=state.live_level)
                    if state.live_level is not None
                    else tr("common.in_progress")
                )
        code = f"{self.competence.code} "
        status = f" {status}" if status else ""
        title_width = width - len(code) - len(status) - len(right) - 1
        title = self.competence.title(tr.lang)
        if len(title) > title_width:
            title = title[: max(title_width - 1, 1)] + "…"
        line = Text(code, style="bold")
        line.append(title.ljust(max(title_width, 0)))
        line.append(status, style="italic")
        line.append(" " + right)
        return line


class DomainList(VerticalScroll, can_focus=False):
    """Headings and rows for the 16 competences, in the referential's order."""

    def __init__(self, tr: Translator, max_level: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tr = tr
        self.max_level = max_level

    def compose(self) -> ComposeResult:
        ref = referential()
        for domain in ref.domains:
            yield DomainHeading(domain, self.tr)
            for competence in ref.of_domain(domain.code):
                yield CompetenceRow(competence, self.tr, self.max_level)

    def rows(self) -> list[CompetenceRow]:
        return list(self.query(CompetenceRow))

    def show(self, states: dict[str, RowState] | None) -> None:
        for row in self.rows():
            row.state = None if states is None else states.get(row.competence.code)

    def focus_row(self, code: str | None = None) -> None:
        rows = self.rows()
        target = next((r for r in rows if r.competence.code == code), rows[0] if rows else None)
        if target is not None:
            target.focus()
