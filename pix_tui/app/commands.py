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
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.actions import parse as parse_action
from textual.binding import Binding, BindingsMap
from textual.command import DiscoveryHit, Hit, Hits, Provider

from pix_tui.core.referential import referential
from pix_tui.core.rules import PIX_PER_LEVEL, Rules
from pix_tui.core.scoring import max_profile_pix
from pix_tui.i18n import Translator

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen


class Scope(enum.StrEnum):
    APP = "app"
    PICKER = "picker"
    HOME = "home"
    BROWSE = "browse"
    PROGRESS = "progress"
    HELP = "help"
    CONFIRM = "confirm"
    CLASS = "class"
    ANALYSIS = "analysis"
    NEUTRALISE = "neutralise"


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
    bind: bool = True
    """False for keys Textual binds itself (Tab, Page↓): listed in the help, never rebound."""
    demo_help: bool = False
    """True when the sentence differs in the demo (`palette.<name>_help_demo`)."""

    def label(self, tr: Translator) -> str:
        return tr(f"palette.{self.name}")

    def help(self, tr: Translator, *, demo: bool = False, **values: object) -> str:
        """`values` fill the numbers some sentences quote (delays in days)."""
        suffix = "_demo" if demo and self.demo_help else ""
        return tr(f"palette.{self.name}_help{suffix}", **values)


COMMANDS: tuple[Command, ...] = (
    Command("help", "app.help", "f1,question_mark", Scope.APP, "F1", palette=True),
    Command(
        "palette", "app.command_palette", "ctrl+p", Scope.APP, "^p", footer=False, priority=True
    ),
    Command(
        "quit", "app.quit", "ctrl+q", Scope.APP, "^q", palette=True, priority=True, demo_help=True
    ),
    Command("focus_next", "app.focus_next", "tab", Scope.APP, footer=False, bind=False),
    Command(
        "focus_previous", "app.focus_previous", "shift+tab", Scope.APP, footer=False, bind=False
    ),
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
    Command("change_code", "app.change_code", "k", Scope.HOME, footer=False, palette=True),
    Command("start", "start", "enter,s", Scope.BROWSE, "⏎"),
    Command("retry", "retry", "r", Scope.BROWSE),
    Command("reset", "reset", "z", Scope.BROWSE),
    Command("practise", "practise", "e", Scope.BROWSE),
    Command("review", "review", "v", Scope.BROWSE),
    Command("back", "app.go_home", "escape", Scope.BROWSE, "esc", footer=False, palette=True),
    Command("scroll", "", "pagedown,pageup,down,up", Scope.PROGRESS, footer=False, bind=False),
    Command("home", "dismiss", "escape", Scope.PROGRESS, "esc"),
    Command("yes", "yes", "o,y", Scope.CONFIRM, "o/y"),
    Command("no", "no", "n,escape", Scope.CONFIRM, "n"),
    Command("close", "dismiss", "escape,f1,question_mark,q", Scope.HELP, "esc"),
    Command("teacher", "app.teacher", "f6", Scope.APP, "F6", footer=False, palette=True),
    Command("class_details", "details", "enter", Scope.CLASS, "⏎"),
    Command("class_sort", "sort", "s", Scope.CLASS),
    Command("class_reverse", "reverse", "v", Scope.CLASS, footer=False),
    Command("class_not_certifiable", "not_certifiable", "c", Scope.CLASS, footer=False),
    Command("class_inactive", "inactive", "i", Scope.CLASS, footer=False),
    Command("class_below", "below", "f", Scope.CLASS, footer=False),
    Command("class_clear", "clear", "x", Scope.CLASS, footer=False),
    Command("class_analysis", "analysis", "a", Scope.CLASS),
    Command("class_export", "export", "e", Scope.CLASS),
    Command("class_rename", "rename", "r", Scope.CLASS, footer=False),
    Command("class_delete", "delete", "d", Scope.CLASS, footer=False),
    Command("class_reset_code", "reset_code", "z", Scope.CLASS, footer=False),
    Command("class_trash", "trash", "t", Scope.CLASS, footer=False),
    Command("class_neutralise", "neutralise", "n", Scope.CLASS, footer=False),
    Command("class_close", "close", "escape", Scope.CLASS, "esc"),
    Command("analysis_open", "open", "enter", Scope.ANALYSIS, "⏎"),
    Command("analysis_close", "close", "escape", Scope.ANALYSIS, "esc"),
    Command("neutralise_toggle", "toggle", "space,enter", Scope.NEUTRALISE, "␣"),
    Command("neutralise_other", "other", "c", Scope.NEUTRALISE, footer=False),
    Command("neutralise_close", "close", "escape", Scope.NEUTRALISE, "esc"),
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


_SYMBOLS = {
    "question_mark": "?",
    "up": "↑",
    "down": "↓",
    "pagedown": "Page↓",
    "pageup": "Page↑",
    "tab": "Tab",
}


def key_label(key: str, tr: Translator) -> str:
    """How a key is written for people: `Ctrl+P`, `F1`, `?`, `Entrée`, `Maj+Tab`."""
    key = key.strip()
    if key in {"escape", "enter"}:
        return tr(f"help.key_{key}")
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    if key.startswith("shift+"):
        return tr("help.key_shift") + "+" + key_label(key.removeprefix("shift+"), tr)
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
        if c.bind
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


def palette_entries(tr: Translator, rules: Rules, *, demo: bool = False) -> Iterator[PaletteEntry]:
    """The main actions, then one entry per competence to position on or browse."""
    for command in COMMANDS:
        if command.palette:
            keys = keys_text(command.keys, tr, quote="")
            yield PaletteEntry(
                command.help(tr, demo=demo, **rule_values(rules)),
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


class PaletteSource(Protocol):
    """A screen that adds its own entries to the palette (a question: skip, progress…)."""

    def palette_entries(self) -> Iterable[PaletteEntry]: ...


def available(entry: PaletteEntry, app: App[Any], screen: Screen[Any]) -> bool:
    """An action the node it runs on would refuse (no profile yet, no attachment) is left out."""
    namespace, name, parameters = parse_action(entry.action)
    node: DOMNode = app if namespace == "app" else screen
    return bool(node.check_action(name, parameters))


class PixCommandProvider(Provider):
    """The command palette (ctrl+p), in the learner's language, with what works here and now."""

    def _entries(self) -> list[PaletteEntry]:
        ctx = self.app.ctx  # type: ignore[attr-defined]
        screen = self.screen
        own: Iterable[PaletteEntry] = ()
        if hasattr(screen, "palette_entries"):
            own = cast(PaletteSource, screen).palette_entries()
        entries = [*own, *palette_entries(ctx.tr, ctx.rules, demo=ctx.demo)]
        return [entry for entry in entries if available(entry, self.app, screen)]

    def _run(self, action: str) -> None:
        screen = self.screen
        self.app.call_later(self.app.run_action, action, screen)

    async def discover(self) -> Hits:
        for entry in self._entries():
            if entry.action.startswith("app.browse(") or entry.action.startswith("app.position("):
                continue
            yield DiscoveryHit(entry.text, partial(self._run, entry.action), help=entry.help)

    async def search(self, query: str) -> Hits:
        """When nothing matches, one entry says so in the learner's language and opens the
        help (Textual's own notice is in English)."""
        matcher = self.matcher(query)
        found = False
        for entry in self._entries():
            score = matcher.match(entry.text)
            if score > 0:
                found = True
                yield Hit(
                    score,
                    matcher.highlight(entry.text),
                    partial(self._run, entry.action),
                    help=entry.help,
                )
        if not found:
            tr = self.app.ctx.tr  # type: ignore[attr-defined]
            yield Hit(
                1,
                tr("palette.no_match", query=query),
                partial(self._run, "app.help"),
                help=tr("palette.no_match_help"),
            )
