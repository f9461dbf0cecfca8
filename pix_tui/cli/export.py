"""`pix-tui export`: one learner's profile, or the whole class.

- `--profile NAME [--output DIR]`: the learner's profile and certifications blanches as an HTML
  page (one A4 sheet when printed) and Markdown, in the learner's language.
- `--class [--csv FILE] [--json]`: the class in the platform's "collecte de profils" column
  order, UTF-8 with a BOM and `;` between fields in French (`,` in English), so a spreadsheet
  opens it with its accents as is. Without `--csv` the CSV goes to standard output (no BOM: a
  pipe is not a spreadsheet).

Textual is never imported here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from pix_tui.cli.parser import add_global_options, subcommand_parser
from pix_tui.i18n import Translator

BOM = "\ufeff"
WRITE_ERROR = 1


def register(commands: argparse._SubParsersAction, tr: Translator) -> None:  # type: ignore[type-arg]
    parser = subcommand_parser(commands, tr, "export", "cli.export", (add_global_options,))
    parser.add_argument(
        "--profile", metavar="NAME", default=argparse.SUPPRESS, help=tr("cli.export_profile")
    )
    parser.add_argument(
        "--output", metavar="DIR", type=Path, default=Path("."), help=tr("cli.export_output")
    )
    parser.add_argument(
        "--class", dest="whole_class", action="store_true", help=tr("export.class_option")
    )
    parser.add_argument("--csv", metavar="FILE", type=Path, help=tr("export.csv_option"))
    parser.add_argument("--json", action="store_true", help=tr("export.json_option"))


def run(args: argparse.Namespace, tr: Translator) -> int:
    if args.whole_class:
        return export_class(args, tr)
    if getattr(args, "profile", None):
        return export_profile(args, tr)
    sys.stderr.write(tr("export.what") + "\n")
    return 2


def export_profile(args: argparse.Namespace, tr: Translator) -> int:
    from pix_tui.app.text import error_text
    from pix_tui.core.loader import default_bank_path, load_bank
    from pix_tui.core.rules import DEFAULT_RULES
    from pix_tui.store import ProfileError, open_profile, resolve_data_dir
    from pix_tui.store.exports import export_learner

    name = args.profile
    bank = load_bank(args.challenges or default_bank_path()).bank
    try:
        data_dir = resolve_data_dir(args.data_dir, dict(os.environ))
        with open_profile(data_dir, name) as store:
            html, markdown = export_learner(
                store, bank, DEFAULT_RULES, datetime.now().astimezone(), tr, args.output
            )
    except (ProfileError, OSError) as error:
        sys.stderr.write(tr("cli.export_failed", error=error_text(tr, error)) + "\n")
        return 1
    sys.stdout.write(tr("cli.exported", html=html, markdown=markdown) + "\n")
    return 0


def export_class(args: argparse.Namespace, tr: Translator) -> int:
    from pix_tui.classroom import class_name
    from pix_tui.cli.class_common import open_class
    from pix_tui.core.class_export import ExportContext, export_csv, export_json

    opened = open_class(args, tr)
    if isinstance(opened, int):
        return opened
    out_tr = opened.tr
    context = ExportContext(class_name(opened.data_dir), opened.settings.campaign.name, out_tr.lang)
    rows = opened.data.rows
    if args.json:
        text = json.dumps(export_json(rows, context), ensure_ascii=False, indent=2) + "\n"
        payload = text
    else:
        text = export_csv(rows, context, out_tr)
        payload = BOM + text
    if args.csv is None:
        sys.stdout.write(text)
        return 0
    try:
        args.csv.write_bytes(payload.encode("utf-8"))
    except OSError as error:
        reason = error.strerror or str(error)
        sys.stderr.write(out_tr("export.cannot_write", path=args.csv, reason=reason) + "\n")
        return WRITE_ERROR
    sys.stderr.write(out_tr("export.written", count=len(rows), path=args.csv) + "\n")
    return 0
