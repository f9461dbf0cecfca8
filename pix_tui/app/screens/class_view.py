"""The class view: one row per learner, a 16-digit heat map of levels, live while they work.

Read-only on profiles: rows come from `classroom.Classroom` (no lock, no write), re-read every
few seconds so a learner's answer in another pix-tui shows up without a restart. Profiles it
cannot read are named under the table, never touched. Changes (rename, delete, code) go
through `store.management`, which takes the profile's lock like any writer.
Names are shown as plain text, never parsed as markup.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Static

from pix_tui.app.commands import Scope
from pix_tui.app.screens.base import PixScreen
from pix_tui.app.screens.class_dialogs import AskText, Confirm, LearnerDetail, TrashList
from pix_tui.core.class_report import (
    SORT_CYCLE,
    ClassRow,
    RowFilter,
    SortKey,
    class_totals,
    filter_rows,
    ordered_codes,
    sort_rows,
)
from pix_tui.core.referential import referential

REFRESH_S = 2.0
INACTIVE_CYCLE = (None, 7, 14, 30)
LEVEL_STYLES = ("dim", "red", "dark_orange", "yellow", "green", "cyan", "bold magenta")
NAME_WIDTH = 18
WIDE_MAP_FROM = 120
"""From this width the map spaces its digits under each competence's code."""
CODE_WIDTH = 4
"""A code and a space in the wide map ("1.1 "): the digit sits under the dot."""


def heat_map(row: ClassRow, codes: tuple[str, ...], *, wide: bool = False) -> Text:
    """One digit per competence, coloured by level: 16 columns for the whole referential."""
    text = Text()
    for code in codes:
        level = row.levels.get(code, 0)
        if wide:
            text.append(" ")
        text.append(str(level) if level else "·", style=LEVEL_STYLES[min(level, 6)])
        if wide:
            text.append(" " * (CODE_WIDTH - 2))
    return text


def map_header(codes: tuple[str, ...], *, wide: bool) -> str:
    return " ".join(codes) if wide else " ".join(codes[:1]) + "…"


class ClassScreen(PixScreen[None]):
    SCOPE = Scope.CLASS
    CSS_PATH = "class_view.tcss"

    def __init__(self) -> None:
        super().__init__()
        self.room: Any = None
        self.data: Any = None
        self.sort_key = SortKey.NAME
        self.descending = False
        self.wanted = RowFilter()
        self.shown: list[ClassRow] = []
        self._reading = False
        self.wide = False

    @property
    def codes(self) -> tuple[str, ...]:
        return ordered_codes(referential().codes(), self.pix_app.options.campaign)

    def compose(self) -> ComposeResult:
        yield Static(self.tr("teacher.title_loading"), id="class-title", markup=False)
        yield Static("", id="class-status", markup=False)
        yield DataTable(id="class-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="class-totals", markup=False)
        yield Static("", id="class-problems", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.wide = self.app.size.width >= WIDE_MAP_FROM
        self._add_columns()
        table = self.query_one(DataTable)
        table.focus()
        self.pix_app.start_loading_bank()
        self.set_interval(REFRESH_S, self.refresh_class)
        self.call_after_refresh(self.refresh_class)

    def _add_columns(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(self.tr("teacher.col_name"), key="name", width=NAME_WIDTH)
        table.add_column("pix", key="pix", width=4)
        table.add_column("≥1", key="n", width=2)
        table.add_column("C", key="c", width=1)
        table.add_column(self.tr("teacher.col_last"), key="last", width=5)
        table.add_column(self.tr("teacher.col_blanche"), key="cert", width=4)
        width = len(self.codes) * CODE_WIDTH - 1 if self.wide else len(self.codes)
        table.add_column(map_header(self.codes, wide=self.wide), key="map", width=width)

    def on_resize(self, event: events.Resize) -> None:
        """Wide enough, the map names every competence above its digit."""
        wide = event.size.width >= WIDE_MAP_FROM
        if wide == self.wide:
            return
        self.wide = wide
        self.query_one(DataTable).clear(columns=True)
        self._add_columns()
        self._show()

    # -- reading --------------------------------------------------------------------

    def refresh_class(self) -> None:
        if self.ctx.bank is None or self._reading:
            return
        self._reading = True
        self.read_class()

    @work(thread=True, group="class-read")
    def read_class(self) -> None:
        from pix_tui.classroom import Classroom
        from pix_tui.store import ProfileError

        app = self.pix_app
        try:
            if self.room is None:
                self.room = Classroom(
                    app.class_data_dir(),
                    self.ctx.bank,
                    self.ctx.rules,
                    self.ctx.now,
                    app.cache_dir(),
                )
            data = self.room.read(
                on_progress=lambda partial: app.call_from_thread(self._partial, partial)
            )
        except ProfileError as error:
            app.call_from_thread(self._failed, error)
            return
        app.call_from_thread(self._loaded, data)

    def _failed(self, error: Exception) -> None:
        from pix_tui.app.text import error_text

        self._reading = False
        self.query_one("#class-problems", Static).update(
            self.tr("teacher.class_unreadable", details=error_text(self.ctx.tr, error))
        )

    def _partial(self, data: Any) -> None:
        """The rows read so far, on a first look at a class whose levels are not cached."""
        self.data = data
        self._show()

    def _loaded(self, data: Any) -> None:
        self._reading = False
        if self.data is not None and not data.changed and not self.data.pending:
            return
        self.data = data
        self._show()

    # -- showing --------------------------------------------------------------------

    def _show(self) -> None:
        data = self.data
        if data is None:
            return
        now = self.ctx.now()
        rows = sort_rows(filter_rows(data.rows, self.wanted, now), self.sort_key, self.descending)
        self.shown = rows
        table = self.query_one(DataTable)
        keep = self.selected_name()
        table.clear()
        codes = self.codes
        for row in rows:
            table.add_row(
                Text(row.name[:NAME_WIDTH]),
                Text(str(row.pix), justify="right"),
                Text(str(row.at_level_one), justify="right"),
                Text("✓" if row.certifiable else "·", style="green" if row.certifiable else "dim"),
                Text(_day(row.last_activity, now)),
                Text(f"{row.certification.rate}%" if row.certification else "—"),
                heat_map(row, codes, wide=self.wide),
                key=row.name,
            )
        if keep is not None and keep in {row.name for row in rows}:
            table.move_cursor(row=[row.name for row in rows].index(keep))
        self._show_header(len(rows))
        self._show_totals(rows)
        self._show_problems()

    def _show_header(self, count: int) -> None:
        data = self.data
        options = self.pix_app.options
        title = self.tr(
            "teacher.title",
            name=self.pix_app.class_data_dir().name,
            learners=len(data.rows),
            certifiable=sum(1 for row in data.rows if row.certifiable),
        )
        if options.campaign_name:
            title += " · " + options.campaign_name
        if data.pending:
            title += " · " + self.tr(
                "teacher.still_reading", pending=data.pending, total=data.pending + len(data.rows)
            )
        self.query_one("#class-title", Static).update(title)
        parts = [self.tr("teacher.sorted_by", key=self.tr(f"teacher.sort_{self.sort_key}"))]
        if self.descending:
            parts.append(self.tr("teacher.descending"))
        if self.wanted.not_certifiable:
            parts.append(self.tr("teacher.filter_not_certifiable"))
        if self.wanted.inactive_days is not None:
            parts.append(self.tr("teacher.filter_inactive", days=self.wanted.inactive_days))
        if self.wanted.below is not None:
            code, level = self.wanted.below
            parts.append(self.tr("teacher.filter_below", code=code, level=level))
        if self.wanted.active:
            parts.append(self.tr("teacher.shown", count=count))
        parts.append(self.tr("teacher.map_order", codes=" ".join(self.codes[:4]) + " …"))
        self.query_one("#class-status", Static).update(" · ".join(parts))

    def _show_totals(self, rows: list[ClassRow]) -> None:
        codes = self.codes
        campaign = self.pix_app.options.campaign
        totals = class_totals(rows, codes, self.ctx.rules.max_level)
        reported = campaign or codes[:0]
        lines = [
            self.tr("teacher.totals", learners=totals.learners, certifiable=totals.certifiable)
        ]
        for code in reported[:3]:
            t = totals.competences[code]
            spread = " ".join(f"N{level}:{n}" for level, n in enumerate(t.distribution) if n)
            lines.append(
                self.tr(
                    "teacher.campaign_line", code=code, mean=f"{t.mean_level:.1f}", spread=spread
                )
            )
        self.query_one("#class-totals", Static).update("\n".join(lines))

    def _show_problems(self) -> None:
        from pix_tui.app.text import error_text

        problems = self.data.problems
        text = ""
        if problems:
            names = ", ".join(p.folder.name for p in problems[:3])
            first = error_text(self.ctx.tr, problems[0].error)
            text = self.tr("teacher.skipped_count", count=len(problems), names=names, first=first)
        self.query_one("#class-problems", Static).update(text)

    def selected_name(self) -> str | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row].name

    def _selected_row(self) -> ClassRow | None:
        name = self.selected_name()
        return next((row for row in self.shown if row.name == name), None)

    # -- sorting and filtering ------------------------------------------------------

    def action_sort(self) -> None:
        self.sort_key = SORT_CYCLE[(SORT_CYCLE.index(self.sort_key) + 1) % len(SORT_CYCLE)]
        self.descending = self.sort_key is not SortKey.NAME
        self._show()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._show()

    def action_not_certifiable(self) -> None:
        self.wanted = replace(self.wanted, not_certifiable=not self.wanted.not_certifiable)
        self._show()

    def action_inactive(self) -> None:
        at = INACTIVE_CYCLE.index(self.wanted.inactive_days)
        self.wanted = replace(
            self.wanted, inactive_days=INACTIVE_CYCLE[(at + 1) % len(INACTIVE_CYCLE)]
        )
        self._show()

    def action_below(self) -> None:
        def chosen(text: str | None) -> None:
            if text is None:
                return
            below = parse_below(text)
            if below is None:
                self.notify(self.tr("teacher.below_bad", text=text), severity="error")
                return
            self.wanted = replace(self.wanted, below=below)
            self._show()

        self.app.push_screen(
            AskText(self.tr("teacher.below_prompt"), self.tr("teacher.below_placeholder")), chosen
        )

    def action_clear(self) -> None:
        self.wanted = RowFilter()
        self._show()

    # -- details, analysis, export ------------------------------------------------

    def action_details(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.app.push_screen(LearnerDetail(row, self.codes))

    def action_analysis(self) -> None:
        from pix_tui.app.screens.analysis import AnalysisScreen

        if self.room is not None and self.data is not None:
            self.app.push_screen(AnalysisScreen(self.room, self.data))

    def action_export(self) -> None:
        default = str(Path.cwd() / f"{self.pix_app.class_data_dir().name}.csv")

        def chosen(text: str | None) -> None:
            if text:
                self.export_csv(Path(text).expanduser())

        self.app.push_screen(
            AskText(self.tr("teacher.export_prompt"), default, value=default), chosen
        )

    @work(thread=True, group="class-export")
    def export_csv(self, path: Path) -> None:
        from pix_tui.classroom import class_name
        from pix_tui.core.class_export import ExportContext, export_csv

        data_dir = self.pix_app.class_data_dir()
        options = self.pix_app.options
        context = ExportContext(class_name(data_dir), options.campaign_name, self.ctx.lang)
        text = export_csv(self.data.rows, context, self.ctx.tr)
        try:
            path.write_bytes(("\ufeff" + text).encode("utf-8"))
        except OSError as error:
            message = self.tr("export.cannot_write", path=path, reason=error.strerror or error)
            self.app.call_from_thread(self.notify, message, severity="error", timeout=15)
            return
        message = self.tr("export.written", count=len(self.data.rows), path=path)
        self.app.call_from_thread(self.notify, message)

    # -- managing profiles ------------------------------------------------------------

    def action_rename(self) -> None:
        name = self.selected_name()
        if name is None:
            return

        def chosen(new: str | None) -> None:
            if new and new.strip() and new.strip() != name:
                self.manage("rename", name, new.strip())

        self.app.push_screen(
            AskText(self.tr("teacher.rename_prompt", name=name), name, value=name), chosen
        )

    def action_delete(self) -> None:
        name = self.selected_name()
        if name is not None:
            self._confirm("teacher.delete_confirm", name, "delete")

    def action_reset_code(self) -> None:
        name = self.selected_name()
        if name is not None:
            self._confirm("teacher.reset_code_confirm", name, "reset_code")

    def _confirm(self, key: str, name: str, what: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.manage(what, name)

        self.app.push_screen(Confirm(self.tr(key, name=name)), answered)

    def action_trash(self) -> None:
        def restored(name: str | None) -> None:
            if name:
                self.notify(self.tr("teacher.restored", name=name))
                self.refresh_class()

        self.app.push_screen(TrashList(self.pix_app.class_data_dir()), restored)

    def action_neutralise(self) -> None:
        """The questions of the learner's last certification blanche, to set some aside."""
        from pix_tui.app.screens.neutralisation import NeutralisationScreen

        row = self._selected_row()
        if row is None:
            return
        if row.certification is None:
            self.notify(self.tr("neutralise.none", name=row.name), severity="warning")
            return
        screen = NeutralisationScreen(self.pix_app.class_data_dir(), row.name)
        self.app.push_screen(screen, lambda _: self.refresh_class())

    @work(thread=True, group="class-manage")
    def manage(self, what: str, name: str, new: str = "") -> None:
        from pix_tui.app.text import error_text
        from pix_tui.store import ProfileError, management

        data_dir = self.pix_app.class_data_dir()
        try:
            if what == "rename":
                management.rename_profile(data_dir, name, new)
                message = self.tr("teacher.renamed", name=name, new=new)
            elif what == "delete":
                management.delete_profile(data_dir, name)
                message = self.tr("teacher.deleted", name=name)
            else:
                management.reset_code(data_dir, name)
                message = self.tr("teacher.code_reset", name=name)
        except ProfileError as error:
            details = error_text(self.ctx.tr, error)
            self.app.call_from_thread(self.notify, details, severity="error", timeout=15)
            return
        self.app.call_from_thread(self.notify, message)
        self.app.call_from_thread(self.refresh_class)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_details()

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(0)


def parse_below(text: str) -> tuple[str, int] | None:
    """ "2.1 3", "2.1<3", "2.1:3" → ("2.1", 3); None when it is not a competence and a level."""
    parts = text.replace("<", " ").replace(":", " ").split()
    if len(parts) != 2 or parts[0] not in referential().codes() or not parts[1].isdigit():
        return None
    level = int(parts[1])
    return (parts[0], level) if 1 <= level <= 6 else None


def _day(when: datetime, now: datetime) -> str:
    if when.date() == now.date():
        return when.strftime("%H:%M")
    return when.strftime("%d/%m")
