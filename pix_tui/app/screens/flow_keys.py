"""The keys of the challenge, checkpoint, result, practice and attachment screens.

Labels are translation keys, so the footer speaks the learner's language; the binding map is
rebuilt per screen instance because the language is only known at run time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding

from pix_tui.app.commands import PaletteEntry, keys_text, overlay_bindings
from pix_tui.i18n import Translator

if TYPE_CHECKING:
    from textual.dom import DOMNode


@dataclass(frozen=True, slots=True)
class Key:
    keys: str
    action: str
    label: str
    key_display: str | None = None
    show: bool = True
    priority: bool = False


VALIDATE = Key("enter", "validate", "challenge.validate", "⏎", show=False)
SKIP = Key("f2,ctrl+s", "skip", "challenge.skip", "F2")
PANEL = Key("f3,ctrl+g", "toggle_panel", "challenge.progress", "F3")
ATTACHMENTS = Key("f4,ctrl+o", "attachments", "challenge.attachment", "F4")
"""Some lab keyboards and web terminals eat F-keys: each has a Ctrl key that no text field
uses, and an entry in the palette (PALETTE_KEYS)."""
LEAVE_POSITIONING = Key("escape", "leave", "challenge.leave_positioning", "esc")
LEAVE = Key("escape", "leave", "challenge.leave", "esc")
PAGE_UP = Key("pageup", "scroll_statement(-1)", "challenge.validate", show=False)
PAGE_DOWN = Key("pagedown", "scroll_statement(1)", "challenge.validate", show=False)
CONTINUE = Key("enter,space", "continue", "checkpoint.continue", "⏎")
CLOSE = Key("escape,q", "close", "result.close", "esc")
NEXT_FILE = Key("n", "step(1)", "challenge.next_file")
PREVIOUS_FILE = Key("p", "step(-1)", "challenge.previous_file")

BEGIN_CERTIFICATION = Key("enter,s", "begin", "certification.start", "⏎")
ABANDON_CERTIFICATION = Key("a", "abandon", "certification.abandon")
BACK = Key("escape", "back", "palette.back", "esc")
LEAVE_CERTIFICATION = Key("escape", "leave", "certification.leave", "esc")
EXPORT = Key("x", "export", "certification.export")

CHALLENGE_KEYS = (VALIDATE, SKIP, PANEL, ATTACHMENTS, PAGE_UP, PAGE_DOWN)
PALETTE_KEYS = (SKIP, PANEL, ATTACHMENTS)


def install_keys(node: DOMNode, tr: Translator, keys: tuple[Key, ...]) -> None:
    overlay_bindings(
        node,
        (
            Binding(
                key.keys,
                key.action,
                tr(key.label),
                show=key.show,
                key_display=key.key_display,
                priority=key.priority,
            )
            for key in keys
        ),
    )


def palette_entries(tr: Translator, keys: tuple[Key, ...]) -> Iterator[PaletteEntry]:
    """A screen's keys as palette entries: the footer label, then which keys do the same."""
    for key in keys:
        hint = tr("palette.key_hint", keys=keys_text(key.keys, tr, quote=""))
        yield PaletteEntry(tr(key.label), hint, key.action)
