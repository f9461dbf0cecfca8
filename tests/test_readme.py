"""The README's commands run as written from a fresh clone: every one of its `sh` blocks
names a make target that exists and pix-tui options that parse."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from pix_tui import cli
from pix_tui.cli.parser import top_parser
from pix_tui.i18n import Translator

ROOT = Path(__file__).parents[1]
SH_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line for block in SH_BLOCK.findall(text) for line in block.splitlines()]
    return [line.split("  #")[0].strip() for line in lines if line.strip()]


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", text, re.M))


def parse(argv: list[str]) -> None:
    tr = Translator("fr")
    parser, commands = top_parser(tr)
    for module in cli.SUBCOMMANDS.values():
        module.register(commands, tr)
    parser.parse_args(argv)


def pix_tui_argv(words: list[str]) -> list[str] | None:
    """The arguments given to pix-tui by a README command, or None if it runs something else."""
    if words[0] == "make":
        args = [w.removeprefix("ARGS=") for w in words if w.startswith("ARGS=")]
        return shlex.split(args[0]) if "run" in words and args else None
    if words[0] in {".venv/bin/pix-tui", "pix-tui"}:
        return words[1:]
    return None


def test_the_readme_shows_commands() -> None:
    commands = readme_commands()
    assert any(c.startswith("make run ARGS=") for c in commands)
    assert any(c.startswith(".venv/bin/pix-tui") for c in commands)


@pytest.mark.parametrize("command", readme_commands())
def test_every_readme_command_parses(command: str) -> None:
    words = shlex.split(command)
    assert words[0] in {"make", ".venv/bin/pix-tui"}, (
        f"{command!r}: nothing else is installed on a fresh clone"
    )
    if words[0] == "make":
        targets = [w for w in words[1:] if "=" not in w]
        assert set(targets) <= make_targets(), command
    argv = pix_tui_argv(words)
    if argv is not None:
        try:
            parse(argv)
        except SystemExit as stop:
            pytest.fail(f"{command!r} does not parse (exit {stop.code})")
