"""The command line: `pix-tui` starts the app; each subcommand is a module of this package.

A subcommand module offers `register(commands, tr)` (its parser) and `run(args, tr) -> int`.
Textual is imported only when the app starts, so the other subcommands stay fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import ModuleType

from pix_tui.cli import analyse, check, class_view, export, neutralise, serve
from pix_tui.cli.parser import language, top_parser
from pix_tui.i18n import Translator

SUBCOMMANDS: dict[str, ModuleType] = {
    "check": check,
    "class": class_view,
    "export": export,
    "neutralise": neutralise,
    "serve": serve,
    "analyse": analyse,
}


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    tr = Translator(language(args_list))
    parser, commands = top_parser(tr)
    for module in SUBCOMMANDS.values():
        module.register(commands, tr)
    args = parser.parse_args(args_list)
    if args.command is not None:
        return int(SUBCOMMANDS[args.command].run(args, tr))
    from pix_tui.cli import start

    return start.run(args, tr)
