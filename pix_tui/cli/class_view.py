"""`pix-tui class`: the teacher's view of the data folder's learners.

Opens the class screen; `--text` prints the same rows, `--json` the rows and totals for
scripts; `--set-code` writes the teacher code (hashed) into the class settings. Reading never
takes a profile's lock and never writes a profile.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TextIO

from pix_tui.cli.parser import add_app_options, add_global_options, subcommand_parser
from pix_tui.i18n import Translator

MIN_CODE_LENGTH = 4


def register(commands: argparse._SubParsersAction, tr: Translator) -> None:  # type: ignore[type-arg]
    parser = subcommand_parser(
        commands, tr, "class", "teacher.class_command", (add_global_options, add_app_options)
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=tr("teacher.json"))
    output.add_argument("--text", action="store_true", help=tr("teacher.text"))
    output.add_argument("--set-code", action="store_true", help=tr("teacher.set_code"))


def run(args: argparse.Namespace, tr: Translator) -> int:
    if args.set_code:
        return set_code(args, tr, sys.stdin, sys.stderr)
    if args.json or args.text:
        return print_class(args, tr, as_json=args.json, out=sys.stdout)
    return open_screen(args, tr)


def open_screen(args: argparse.Namespace, tr: Translator) -> int:
    """The class screen, straight away: on the command line the teacher needs no code."""
    from dataclasses import replace

    from pix_tui.app import run_app
    from pix_tui.cli.class_settings import (
        SETTINGS_ERROR,
        data_dir_of,
        merged_options,
        read_settings,
    )

    settings = read_settings(data_dir_of(args), tr)
    if settings is None:
        return SETTINGS_ERROR
    return run_app(replace(merged_options(args, settings), teacher=True))


def print_class(args: argparse.Namespace, tr: Translator, *, as_json: bool, out: TextIO) -> int:
    from pix_tui.cli.class_common import open_class
    from pix_tui.core.class_report import class_totals
    from pix_tui.core.referential import referential

    opened = open_class(args, tr)
    if isinstance(opened, int):
        return opened
    rows = opened.data.rows
    codes = referential().codes()
    totals = class_totals(rows, codes, opened.options.rules().max_level)
    if as_json:
        payload = {
            "class": opened.data_dir.name,
            "campaign": {
                "name": opened.settings.campaign.name,
                "competences": list(opened.settings.campaign.competences),
            },
            "learners": [
                {
                    "name": row.name,
                    "pix": row.pix,
                    "competences_at_level_one": row.at_level_one,
                    "certifiable": row.certifiable,
                    "last_activity": row.last_activity.isoformat(),
                    "levels": dict(row.levels),
                }
                for row in rows
            ],
            "totals": {
                "learners": totals.learners,
                "certifiable": totals.certifiable,
                "distribution": {c: list(t.distribution) for c, t in totals.competences.items()},
            },
            "skipped": [
                {"folder": p.folder.name, "reason": str(p.error)} for p in opened.data.problems
            ],
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    text_tr = opened.tr
    head = f"{text_tr('teacher.col_name'):<24}{'pix':>5} {'≥1':>3} {'C':>2}  " + "".join(
        code.replace(".", "")[:2].rjust(3) for code in codes
    )
    out.write(head + "\n")
    for row in rows:
        mark = text_tr("export.yes")[0] if row.certifiable else "-"
        levels = "".join(f"{row.levels.get(code, 0):>3}" for code in codes)
        out.write(f"{row.name[:23]:<24}{row.pix:>5} {row.at_level_one:>3} {mark:>2}  {levels}\n")
    out.write(
        text_tr("teacher.totals", learners=totals.learners, certifiable=totals.certifiable) + "\n"
    )
    return 0


def set_code(args: argparse.Namespace, tr: Translator, stdin: TextIO, err: TextIO) -> int:
    """Typed twice without echo on a terminal; read from standard input in a script."""
    from pix_tui.cli.class_settings import data_dir_of
    from pix_tui.store.class_settings import SettingsInvalid, set_teacher_code

    interactive = stdin.isatty()
    if interactive:
        code = getpass.getpass(tr("teacher.code_prompt"))
        again = getpass.getpass(tr("teacher.code_again"))
    else:
        code = stdin.readline().rstrip("\n")
        again = code
    if code != again:
        err.write(tr("teacher.code_mismatch") + "\n")
        return 1
    if len(code) < MIN_CODE_LENGTH or not code.isprintable() or " " in code:
        err.write(tr("teacher.code_bad") + "\n")
        return 1
    data_dir = data_dir_of(args)
    try:
        path = set_teacher_code(data_dir, code)
    except SettingsInvalid as error:
        err.write(tr("settings.invalid") + "\n" + error.text(tr) + "\n")
        return 2
    except OSError as error:
        err.write(tr("teacher.code_not_saved", reason=error.strerror or str(error)) + "\n")
        return 1
    err.write(tr("teacher.code_set", path=path) + "\n")
    return 0
