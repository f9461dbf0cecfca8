"""The argument parser: shared options accepted before or after any subcommand.

Each subcommand lives in its own module (see `pix_tui/cli/__init__.py`); this one only knows
the options they share and argparse's own words in the learner's language.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

from pix_tui import __version__
from pix_tui.i18n import LANGUAGES, Translator, detect_language

ENGINES = ("default", "smart-random")

OptionAdder = Callable[[argparse.ArgumentParser, Translator, object], None]


def language(argv: Sequence[str]) -> str:
    """--help must already speak the right language, so --lang is read before parsing."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return detect_language()


def days(text: str) -> float:
    value = float(text.replace(",", "."))
    if not 0 <= value <= 365:
        raise argparse.ArgumentTypeError(f"{text}: 0 … 365")
    return value


def formatter(tr: Translator) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.HelpFormatter):
        """argparse's own words (usage:) in the learner's language too."""

        def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
            if prefix is None:
                prefix = tr("cli.usage") + " "
            super().add_usage(usage, actions, groups, prefix)

        def _format_action(self, action: argparse.Action) -> str:
            """Each command once, under its heading: not the placeholder line above them."""
            if isinstance(action, argparse._SubParsersAction):
                parts = [
                    argparse.HelpFormatter._format_action(self, sub)
                    for sub in action._get_subactions()
                ]
                return "".join(parts)
            return super()._format_action(action)

    return Formatter


def new_parser(tr: Translator, prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description=description, formatter_class=formatter(tr), add_help=False
    )
    parser._positionals.title = tr("cli.arguments")
    parser._optionals.title = tr("cli.optionals")
    parser.add_argument("-h", "--help", action="help", help=tr("cli.help"))
    return parser


def add_global_options(parser: argparse.ArgumentParser, tr: Translator, default: object) -> None:
    """Options every subcommand understands: where the bank and the profiles are, the language."""
    parser.add_argument(
        "--challenges", metavar="DIR", type=Path, default=default, help=tr("cli.challenges")
    )
    parser.add_argument("--data-dir", metavar="DIR", default=default, help=tr("cli.data_dir"))
    parser.add_argument("--lang", choices=LANGUAGES, default=default, help=tr("cli.lang"))


def add_app_options(parser: argparse.ArgumentParser, tr: Translator, default: object) -> None:
    """Options of a running app, in the terminal or served to a browser."""
    parser.add_argument("--profile", metavar="NAME", default=default, help=tr("cli.profile"))
    parser.add_argument(
        "--demo", action="store_const", const=True, default=default, help=tr("cli.demo")
    )
    parser.add_argument("--engine", choices=ENGINES, default=default, help=tr("cli.engine"))
    parser.add_argument(
        "--retry-days", metavar="N", type=days, default=default, help=tr("cli.retry_days")
    )
    parser.add_argument(
        "--reset-days", metavar="N", type=days, default=default, help=tr("cli.reset_days")
    )
    parser.add_argument(
        "--certification-days",
        metavar="N",
        type=days,
        default=default,
        help=tr("cli.certification_days"),
    )
    bandwidth = parser.add_mutually_exclusive_group()
    bandwidth.add_argument(
        "--low-bandwidth",
        dest="low_bandwidth",
        action="store_const",
        const=True,
        default=default,
        help=tr("cli.low_bandwidth"),
    )
    bandwidth.add_argument(
        "--no-low-bandwidth",
        dest="low_bandwidth",
        action="store_const",
        const=False,
        default=default,
        help=tr("cli.no_low_bandwidth"),
    )


def subcommand_parser(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    tr: Translator,
    name: str,
    help_key: str,
    adders: Sequence[OptionAdder] = (add_global_options,),
) -> argparse.ArgumentParser:
    """A subcommand's parser; shared options given after it do not erase those given before."""
    parser = commands.add_parser(
        name,
        help=tr(help_key),
        description=tr(help_key),
        formatter_class=formatter(tr),
        add_help=False,
    )
    parser._positionals.title = tr("cli.arguments")
    parser._optionals.title = tr("cli.optionals")
    parser.add_argument("-h", "--help", action="help", help=tr("cli.help"))
    for add in adders:
        add(parser, tr, argparse.SUPPRESS)
    return parser


def top_parser(tr: Translator) -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:  # type: ignore[type-arg]
    parser = new_parser(tr, "pix-tui", tr("cli.description"))
    parser.epilog = tr("cli.epilog")
    parser.add_argument(
        "--version", action="version", version=f"pix-tui {__version__}", help=tr("cli.version")
    )
    add_global_options(parser, tr, None)
    add_app_options(parser, tr, None)
    commands = parser.add_subparsers(
        dest="command", title=tr("cli.positionals"), metavar=tr("cli.command_metavar")
    )
    return parser, commands
