"""F1 / `?`: the bundled guide, followed by every key, generated from the command list."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Markdown, Static

from pix_tui.app.commands import COMMANDS, Scope, keys_text, rule_values
from pix_tui.app.screens.base import PixModal
from pix_tui.core.rules import Rules
from pix_tui.i18n import Translator


def keys_markdown(tr: Translator, rules: Rules, *, demo: bool = False) -> str:
    """The key table: built from COMMANDS so it can never disagree with the footer."""
    values = rule_values(rules)
    lines = [f"## {tr('help.keys_title')}"]
    for scope in Scope:
        commands = [c for c in COMMANDS if c.scope is scope]
        if not commands:
            continue
        lines += ["", f"### {tr(f'help.scope_{scope}')}", ""]
        lines += [
            f"- {keys_text(c.keys, tr)} — {c.help(tr, demo=demo, **values)}" for c in commands
        ]
    return "\n".join(lines) + "\n"


def question_keys_markdown(tr: Translator) -> str:
    """The keys of a question, read from the challenge screens' own key list."""
    from pix_tui.app.screens import flow_keys

    keys = (
        flow_keys.VALIDATE,
        flow_keys.SKIP,
        flow_keys.PANEL,
        flow_keys.ATTACHMENTS,
        flow_keys.LEAVE_POSITIONING,
    )
    lines = ["", f"### {tr('help.scope_question')}", ""]
    lines += [f"- {keys_text(key.keys, tr)} — {tr(f'help.question_{key.action}')}" for key in keys]
    scroll = f"{flow_keys.PAGE_DOWN.keys},{flow_keys.PAGE_UP.keys}"
    lines.append(f"- {keys_text(scroll, tr)} — {tr('help.question_scroll')}")
    return "\n".join(lines) + "\n"


def help_markdown(tr: Translator, rules: Rules, *, demo: bool = False) -> str:
    guide = resources.files("pix_tui.app").joinpath(f"help_{tr.lang}.md").read_text("utf-8")
    for name, value in rule_values(rules).items():
        guide = guide.replace("{" + name + "}", value)
    keys = keys_markdown(tr, rules, demo=demo)
    return guide.rstrip() + "\n\n" + keys + question_keys_markdown(tr)


class HelpScreen(PixModal[None]):
    SCOPE = Scope.HELP
    CSS_PATH = "help.tcss"

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(self.tr("help.title"), id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield Markdown(
                    help_markdown(self.ctx.tr, self.ctx.rules, demo=self.ctx.demo), id="help-text"
                )
            yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
