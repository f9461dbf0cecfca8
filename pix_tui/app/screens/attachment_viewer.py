"""A built-in viewer for a challenge's attachments: CSV as a table, anything textual as text.

Files are read in a thread worker and capped, so a huge or binary attachment can neither
freeze the app nor flood a slow terminal; what cannot be shown says so and where the file is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Static

from pix_tui.app.screens.flow_keys import CLOSE, NEXT_FILE, PREVIOUS_FILE, install_keys
from pix_tui.app.screens.quiet_screen import QuietScreen
from pix_tui.core.files import BadFile, read_bounded
from pix_tui.core.safe_text import inert

MAX_BYTES = 256 * 1024
MAX_ROWS = 2000
CSV_SUFFIXES = {".csv", ".tsv"}


@dataclass(frozen=True, slots=True)
class Loaded:
    """What a file turned into: rows for a table, or text, or a reason it cannot be shown."""

    rows: tuple[tuple[str, ...], ...] = ()
    text: str = ""
    problem: str = ""
    truncated: bool = False


def read_attachment(path: Path) -> Loaded:
    """Text comes back inert: an attachment is a file from the bank, never terminal controls."""
    try:
        _, data = read_bounded(path, MAX_BYTES)
    except BadFile:
        return Loaded(problem="not_regular")
    except (OSError, ValueError) as error:
        return Loaded(problem=inert(getattr(error, "strerror", None) or str(error)))
    truncated = len(data) > MAX_BYTES
    data = data[:MAX_BYTES]
    if b"\x00" in data:
        return Loaded(problem="binary")
    decoded = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    text = inert(decoded.replace("\r\n", "\n").replace("\r", "\n"))
    if path.suffix.lower() in CSV_SUFFIXES:
        rows = _csv_rows(text, tab=path.suffix.lower() == ".tsv")
        if rows:
            return Loaded(rows=rows[:MAX_ROWS], truncated=truncated or len(rows) > MAX_ROWS)
    return Loaded(text=text, truncated=truncated)


def _csv_rows(text: str, *, tab: bool) -> tuple[tuple[str, ...], ...]:
    """French spreadsheets write ';', others ','; the sniffer decides, ',' if it cannot."""
    delimiter = "\t" if tab else ","
    if not tab:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    try:
        return tuple(tuple(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        return ()


class AttachmentViewer(QuietScreen):
    CSS_PATH = "attachment_viewer.tcss"

    def __init__(self, paths: Sequence[Path], index: int = 0) -> None:
        super().__init__()
        install_keys(self, self.ctx.tr, (CLOSE, NEXT_FILE, PREVIOUS_FILE))
        self.paths = tuple(paths)
        self.index = index

    def compose(self) -> ComposeResult:
        yield Static("", id="attachment-title", markup=False)
        yield Vertical(id="attachment-body")
        yield Static(self.tr("challenge.attachment_hint"), id="attachment-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._open()

    def _open(self) -> None:
        path = self.paths[self.index]
        self.query_one("#attachment-title", Static).update(
            self.tr(
                "challenge.attachment_title",
                index=self.index + 1,
                count=len(self.paths),
                name=inert(path.name),
            )
        )
        self.load(path)

    @work(thread=True, exclusive=True, group="attachment")
    def load(self, path: Path) -> None:
        loaded = read_attachment(path)
        self.app.call_from_thread(self._show, path, loaded)

    def _show(self, path: Path, loaded: Loaded) -> None:
        body = self.query_one("#attachment-body", Vertical)
        body.remove_children()
        if loaded.problem:
            reasons = {
                "binary": self.tr("challenge.attachment_binary"),
                "not_regular": self.tr("problems.not_regular_file"),
            }
            reason = reasons.get(loaded.problem, loaded.problem)
            body.mount(
                Static(
                    self.tr(
                        "challenge.attachment_unreadable", reason=reason, path=inert(str(path))
                    ),
                    classes="attachment-problem",
                    markup=False,
                )
            )
            return
        if loaded.truncated:
            body.mount(
                Static(
                    self.tr("challenge.attachment_truncated"),
                    classes="attachment-note",
                    markup=False,
                )
            )
        if loaded.rows:
            table: DataTable[Text] = DataTable(id="attachment-table", zebra_stripes=True)
            body.mount(table)
            width = max(len(row) for row in loaded.rows)
            # Cells as Text: DataTable reads plain strings as markup.
            header, *rows = [
                tuple(Text(cell) for cell in row) + (Text(""),) * (width - len(row))
                for row in loaded.rows
            ]
            table.add_columns(*header)
            table.add_rows(rows)
            table.focus()
        else:
            scroll = VerticalScroll(
                Static(loaded.text, markup=False, classes="attachment-text"),
                id="attachment-scroll",
            )
            body.mount(scroll)
            scroll.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            return len(self.paths) > 1
        return True

    def action_step(self, step: int) -> None:
        if len(self.paths) > 1:
            self.index = (self.index + step) % len(self.paths)
            self._open()

    def action_close(self) -> None:
        self.dismiss()
