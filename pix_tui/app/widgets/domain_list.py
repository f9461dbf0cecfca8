"""The 16 competences grouped by domain, for the home screen: one widget, one line per row.

Each domain is named in text and marked by its colour (from the theme, through component
classes). Moving the cursor repaints the two lines that changed, which keeps a keypress cheap
over SSH and the start-up light (one widget instead of one per row).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from pix_tui.app.widgets.gauge import level_gauge
from pix_tui.core.referential import Competence, Domain, referential
from pix_tui.i18n import Translator


@dataclass(frozen=True, slots=True)
class RowState:
    """What a row shows; the list shows "loading" while the bank or the profile is coming."""

    level: int
    pix: int
    status: str
    live_level: int | None = None
    """The running estimate of a positioning in progress: it moves with every answer."""


@dataclass(frozen=True, slots=True)
class Line:
    domain: Domain
    competence: Competence | None = None
    heading: str = ""
    """A heading of its own (the class's campaign) instead of the domain's title."""


def row_text(
    competence: Competence, state: RowState | None, tr: Translator, max_level: int, width: int
) -> Text:
    """`1.1 Mener une recherche…   en cours ≈ niv. 3 ███░░░ niv. 3 24 pix`, fitted to `width`."""
    if state is None:
        right, status = tr("common.loading"), ""
    else:
        gauge = level_gauge(state.level, max_level)
        level = tr("common.level_short", level=state.level)
        right = f"{gauge} {level:<6}{tr('common.pix', pix=state.pix):>7}"
        status = ""
        if state.status == "in_progress":
            status = (
                tr("common.in_progress_live", level=state.live_level)
                if state.live_level is not None
                else tr("common.in_progress")
            )
    code = f"{competence.code} "
    status = f" {status}" if status else ""
    title_width = max(width - len(code) - len(status) - len(right) - 1, 1)
    title = competence.title(tr.lang)
    if len(title) > title_width:
        title = title[: max(title_width - 1, 1)] + "…"
    line = Text(code, style="bold")
    line.append(title.ljust(title_width))
    line.append(status, style="italic")
    line.append(" " + right)
    return line


class DomainList(ScrollView, can_focus=True):
    """Domain headings and competence rows; the cursor only ever rests on a competence."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "domain-list--cursor",
        *(f"domain-list--domain-{n}" for n in range(1, 6)),
    }
    cursor: reactive[int] = reactive(0)
    """Index of the highlighted competence in the referential's order."""

    def __init__(
        self,
        tr: Translator,
        max_level: int,
        *,
        campaign: tuple[str, ...] = (),
        campaign_title: str = "",
        id: str | None = None,
    ) -> None:
        """`campaign`: the competences the class works on this term, listed first under
        `campaign_title` (and not again in their domain)."""
        super().__init__(id=id)
        self.tr = tr
        self.max_level = max_level
        ref = referential()
        self.lines: list[Line] = []
        chosen = [ref.competence(code) for code in campaign if code in ref.codes()]
        if chosen:
            self.lines.append(Line(ref.domain(chosen[0].domain), heading=campaign_title))
            self.lines.extend(Line(ref.domain(c.domain), c) for c in chosen)
        for domain in ref.domains:
            rest = [c for c in ref.of_domain(domain.code) if c not in chosen]
            if rest:
                self.lines.append(Line(domain))
                self.lines.extend(Line(domain, c) for c in rest)
        self.rows = [n for n, line in enumerate(self.lines) if line.competence is not None]
        self.states: dict[str, RowState] | None = None
        self.virtual_size = Size(0, len(self.lines))

    @property
    def code(self) -> str:
        competence = self.lines[self.rows[self.cursor]].competence
        assert competence is not None
        return competence.code

    def show(self, states: dict[str, RowState] | None) -> None:
        self.states = states
        self.refresh()

    def focus_row(self, code: str | None = None) -> None:
        codes = [self.lines[n].competence.code for n in self.rows]  # type: ignore[union-attr]
        self.cursor = codes.index(code) if code in codes else 0
        self.focus()

    def plain_lines(self) -> list[str]:
        """Every line as drawn at the current width, without styles."""
        return [self._text(line).plain for line in self.lines]

    def row_of(self, code: str) -> str:
        for line in self.lines:
            if line.competence is not None and line.competence.code == code:
                return self._text(line).plain
        raise KeyError(code)

    def action_move(self, step: int) -> None:
        self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_move_to(self, index: int) -> None:
        self.cursor = index % len(self.rows)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(self.rows[old])
        self.refresh_line(self.rows[new])
        line = self.rows[new]
        # Show the domain heading above the first competence of a domain too.
        top = line - 1 if self.lines[line - 1].competence is None else line
        self.scroll_to_region(Region(0, top, 1, line - top + 1), animate=False)

    def _text(self, line: Line) -> Text:
        width = max(self.scrollable_content_region.width - 2, 40)
        if line.competence is None and line.heading:
            return Text(line.heading, style="bold")
        if line.competence is None:
            return Text(f"{line.domain.code} · {line.domain.title(self.tr.lang)}", style="bold")
        state = self.states.get(line.competence.code) if self.states is not None else None
        return row_text(line.competence, state, self.tr, self.max_level, width)

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[index]
        colour = self.get_component_rich_style(f"domain-list--domain-{line.domain.code}")
        style = base
        if index == self.rows[self.cursor] and self.has_focus:
            style = base + self.get_component_rich_style("domain-list--cursor")
        text = self._text(line)
        if line.competence is None:
            text.stylize(colour)
            segments = [Segment(" ", style)]
        else:
            segments = [Segment("▌", base + Style(color=colour.color)), Segment(" ", style)]
        segments += [Segment(s.text, style + s.style) for s in text.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, style)

    def on_focus(self) -> None:
        self.refresh_line(self.rows[self.cursor])

    def on_blur(self) -> None:
        self.refresh_line(self.rows[self.cursor])
