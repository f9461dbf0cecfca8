"""The one list of commands: footer keys, bindings, the command palette and the help screen.

Keeping them in one place means a key can never be documented in the help and missing from
the footer, or the other way round. Labels are translation keys (`palette.<name>` for the
short footer label, `palette.<name>_help` for the sentence shown in the palette and the help).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingsMap
from textual.command import DiscoveryHit, Hit, Hits, Provider

from pix_tui.core.referential import referential
from pix_tui.core.rules import PIX_PER_LEVEL, Rules
from pix_tui.core.scoring import max_profile_pix
from pix_tui.i18n import Translator

if TYPE_CHECKING:
    from textual.dom import DOMNode


class Scope(enum.StrEnum):
    APP = "app"
    PICKER = "picker"
    HOME = "home"
    BROWSE = "browse"
    PROGRESS = "progress"
    HELP = "help"
    CONFIRM = "confirm"


@dataclass(frozen=True, slots=True)
class Command:
    """One thing the learner can do: its keys, where it applies, where it is listed."""

    name: str
    action: str
    keys: str
    scope: Scope
    key_display: str | None = None
    footer: bool = True
    palette: bool = False
    priority: bool = False

    def label(self, tr: Translator) -> str:
        return tr(f"palette.{self.name}")

    def help(self, tr: Translator, **values: object) -> str:
        """`values` fill the numbers some sentences quote (delays in days)."""
        return tr(f"palette.{self.name}_help", **values)


COMMANDS: tuple[Command, ...] = (
    Command("help", "app.help", "f1,question_mark", Scope.APP, "F1", palette=True),
    Command(
        "palette", "app.command_palette", "ctrl+p", Scope.APP, "^p", footer=False, priority=True
    ),
    Command("quit", "app.quit", "ctrl+q", Scope.APP, "^q", palette=True, priority=True),
    Command("open_profile", "open", "enter", Scope.PICKER, "⏎"),
    Command("new_profile", "new_profile", "n", Scope.PICKER),
    Command("cancel", "cancel", "escape", Scope.PICKER, "esc", footer=False),
    Command("next_row", "move(1)", "down", Scope.HOME, footer=False),
    Command("previous_row", "move(-1)", "up", Scope.HOME, footer=False),
    Command("browse", "app.browse", "b", Scope.HOME, palette=True),
    Command("open_competence", "open_competence", "enter", Scope.HOME, "⏎", footer=False),
    Command("progress", "app.progress", "p", Scope.HOME, palette=True),
    Command("practise_any", "app.practise", "e", Scope.HOME, palette=True),
    Command("errors", "app.practise('', True)", "x", Scope.HOME, palette=True),
    Command("certification", "app.certification", "c", Scope.HOME, footer=False, palette=True),
    Command("demo_certifiable", "app.demo_certifiable", "d", Scope.HOME, footer=False),
    Command("theme", "app.cycle_theme", "t", Scope.HOME, footer=False, palette=True),
    Command("switch_profile", "app.switch_profile", "u", Scope.HOME, footer=False, palette=True),
    Command("start", "start", "enter,s", Scope.BROWSE, "⏎"),
    Command("retry", "retry", "r", Scope.BROWSE),
    Command("reset", "reset", "z", Scope.BROWSE),
    Command("practise", "practise", "e", Scope.BROWSE),
    Command("review", "review", "v", Scope.BROWSE),
    Command("back", "app.go_home", "escape", Scope.BROWSE, "esc", footer=False),
    Command("home", "app.go_home", "escape", Scope.PROGRESS, "esc", palette=True),
    Command("yes", "yes", "o,y", Scope.CONFIRM, "o/y"),
    Command("no", "no", "n,escape", Scope.CONFIRM, "n"),
    Command("close", "dismiss", "escape,f1,question_mark,q", Scope.HELP, "esc"),
)


def rule_values(rules: Rules) -> dict[str, str]:
    """The numbers the help and the key labels quote, from the rules actually in force."""
    return {
        "retry_days": f"{rules.retry_delay_days:g}",
        "reset_days": f"{rules.reset_delay_days:g}",
        "certification_days": f"{rules.certification_delay_days:g}",
        "certification_minutes": str(rules.certification_minutes),
        "max_level": str(rules.max_level),
        "max_pix": str(max_profile_pix(rules)),
        "pix_per_level": str(PIX_PER_LEVEL),
    }


_SYMBOLS = {"question_mark": "?", "up": "↑", "down": "↓"}


def key_label(key: str, tr: Translator) -> str:
    """How a key is written for people: `Ctrl+P`, `F1`, `?`, `Entrée`."""
    key = key.strip()
    if key in {"escape", "enter"}:
        return tr(f"help.key_{key}")
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key.removeprefix("ctrl+").upper()
    if key.startswith("f") and key[1:].isdigit():
        return key.upper()
    return key


def keys_text(keys: str, tr: Translator, quote: str = "`") -> str:
    return " ".join(f"{quote}{key_label(key, tr)}{quote}" for key in keys.split(","))


def commands_for(scope: Scope) -> tuple[Command, ...]:
    return tuple(c for c in COMMANDS if c.scope is scope)


def bindings_for(scope: Scope, tr: Translator) -> list[Binding]:
    return [
        Binding(
            c.keys,
            c.action,
            c.label(tr),
            show=c.footer,
            key_display=c.key_display,
            priority=c.priority,
            id=f"{scope}.{c.name}",
        )
        for c in commands_for(scope)
    ]


def overlay_bindings(node: DOMNode, bindings: Iterable[Binding]) -> None:
    """Add translated bindings on top of those the node inherits from Textual.

    Textual reads binding labels from class attributes, but the language is only known at
    run time, so the translated bindings are added once, right after construction. They
    replace only the keys they name (and come first in the footer): what Textual binds by
    default (Tab and Shift+Tab to move the focus, Ctrl+C, Ctrl+Q) stays bound.
    """
    keys = BindingsMap(bindings).key_to_bindings
    for key, inherited in node._bindings.key_to_bindings.items():
        keys.setdefault(key, inherited)
    node._bindings = BindingsMap.from_keys(keys)


def install_bindings(node: DOMNode, scope: Scope | str, tr: Translator) -> None:
    """Give a node the translated bindings of its scope."""
    overlay_bindings(node, bindings_for(Scope(scope), tr))


@dataclass(frozen=True, slots=True)
class PaletteEntry:
    text: str
    help: str
    action: str


def palette_entries(tr: Translator, rules: Rules) -> Iterator[PaletteEntry]:
    """The main actions, then one entry per competence to position on or browse."""
    for command in COMMANDS:
        if command.palette:
            keys = keys_text(command.keys, tr, quote="")
            yield PaletteEntry(
                command.help(tr, **rule_values(rules)),
                tr("palette.key_hint", keys=keys),
                command.action,
            )
    for competence in referential().competences:
        title = competence.title(tr.lang)
        yield PaletteEntry(
            tr("palette.position_on", code=competence.code, title=title),
            tr("palette.position_on_help"),
            f"app.position('{competence.code}')",
        )
        yield PaletteEntry(
            tr("palette.browse_to", code=competence.code, title=title),
            tr("palette.browse_to_help"),
            f"app.browse('{competence.code}')",
        )


class PixCommandProvider(Provider):
    """The command palette (ctrl+p), in the learner's language."""

    def _entries(self) -> list[PaletteEntry]:
        ctx = self.app.ctx  # type: ignore[attr-defined]
        return list(palette_entries(ctx.tr, ctx.rules))

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    async def discover(self) -> Hits:
        for entry in self._entries():
            if entry.action.startswith("app.browse(") or entry.action.startswith("app.position("):
                continue
            yield DiscoveryHit(entry.text, partial(self._run, entry.action), help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries():
            score = matcher.match(entry.text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(entry.text),
                    partial(self._run, entry.action),
                    help=entry.help,
                )
