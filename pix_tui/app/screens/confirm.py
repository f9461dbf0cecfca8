"""A yes/no question before anything that cannot be undone from the keyboard (a reset)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static

from pix_tui.app.commands import Scope
from pix_tui.app.screens.base import PixModal


class ConfirmScreen(PixModal[bool]):
    SCOPE = Scope.CONFIRM
    CSS_PATH = "confirm.tcss"

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(self.tr("browse.confirm_keys"), id="confirm-keys")
        yield Footer(compact=True, show_command_palette=False)

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
