"""The class view's small dialogs: a question with a text answer, a yes/no, a learner's
details, the trash. Every name is shown as plain text."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from pix_tui.app.commands import Scope
from pix_tui.app.screens.base import PixModal
from pix_tui.core.class_report import ClassRow
from pix_tui.core.referential import referential


class AskText(PixModal[str | None]):
    """Enter answers, Esc cancels (None)."""

    BINDINGS = [Binding("escape", "cancel", show=False)]  # noqa: RUF012

    def __init__(
        self, question: str, placeholder: str = "", value: str = "", *, password: bool = False
    ) -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder
        self.value = value
        self.password = password

    def compose(self) -> ComposeResult:
        with Vertical(classes="class-dialog"):
            yield Static(Text(self.question))
            yield Input(
                value=self.value,
                placeholder=self.placeholder,
                password=self.password,
                id="ask-input",
            )
            yield Static(self.tr("teacher.ask_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(PixModal[bool]):
    SCOPE = Scope.CONFIRM

    def __init__(self, question: str, details: str = "") -> None:
        super().__init__()
        self.question = question
        self.details = details

    def compose(self) -> ComposeResult:
        with Vertical(classes="class-dialog"):
            yield Static(Text(self.question))
            if self.details:
                yield Static(Text(self.details), classes="dialog-details")
            yield Static(self.tr("teacher.confirm_hint"), classes="dialog-hint")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class LearnerDetail(PixModal[None]):
    """Every competence's level and pix for one learner, and their last certification."""

    BINDINGS = [Binding("escape,enter,q", "close", show=False)]  # noqa: RUF012

    def __init__(self, row: ClassRow, codes: tuple[str, ...]) -> None:
        super().__init__()
        self.row = row
        self.codes = codes

    def compose(self) -> ComposeResult:
        row, tr = self.row, self.tr
        text = Text(row.name, style="bold")
        text.append("\n")
        text.append(
            tr(
                "teacher.detail_summary",
                pix=row.pix,
                count=row.at_level_one,
                certifiable=tr("export.yes") if row.certifiable else tr("export.no"),
                last=row.last_activity.strftime("%Y-%m-%d %H:%M"),
            )
        )
        if row.certification is not None:
            c = row.certification
            text.append("\n")
            text.append(
                tr(
                    "teacher.detail_blanche",
                    date=c.at.strftime("%Y-%m-%d"),
                    rate=c.rate,
                    status=tr(f"export.status_{c.status.value}"),
                    score=c.score,
                )
            )
        ref = referential()
        for code in self.codes:
            title = ref.competence(code).title(self.ctx.lang)[:44]
            level, pix = row.levels.get(code, 0), row.pix_by_competence.get(code, 0)
            text.append(f"\n{code} {title:<44} N{level} {pix:>3} pix")
        with Vertical(classes="class-dialog wide"):
            yield Static(text, id="detail-text")
            yield Static(self.tr("teacher.close_hint"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)


class TrashList(PixModal[str | None]):
    """Deleted profiles; Enter restores the one highlighted and returns its name."""

    BINDINGS = [Binding("escape", "close", show=False)]  # noqa: RUF012

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.entries: list = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="class-dialog"):
            yield Static(self.tr("teacher.trash_title"))
            yield OptionList(id="trash-list")
            yield Static("", id="trash-message")
            yield Static(self.tr("teacher.trash_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        from pix_tui.store.management import list_trash

        self.entries = list_trash(self.data_dir)
        options = self.query_one(OptionList)
        for entry in self.entries:
            label = Text(entry.name)
            label.append(f"  {entry.deleted_at.strftime('%Y-%m-%d %H:%M')}", style="dim")
            options.add_option(Option(label))
        if self.entries:
            options.highlighted = 0
        else:
            self.query_one("#trash-message", Static).update(self.tr("teacher.trash_empty"))
        options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.restore(self.entries[event.option_index])

    @work(thread=True, group="trash")
    def restore(self, entry: object) -> None:
        from pix_tui.app.text import error_text
        from pix_tui.store import ProfileError
        from pix_tui.store.management import restore_profile

        try:
            name = restore_profile(self.data_dir, entry)  # type: ignore[arg-type]
        except ProfileError as error:
            message = error_text(self.ctx.tr, error)
            self.app.call_from_thread(self.query_one("#trash-message", Static).update, message)
            return
        self.app.call_from_thread(self.dismiss, name)

    def action_close(self) -> None:
        self.dismiss(None)
