"""`pix-tui export --profile NAME [--output DIR]`: a learner's profile and certifications
blanches as an HTML page (one A4 sheet when printed) and Markdown, in the learner's language.

Textual is never imported here.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from pix_tui.cli.parser import add_global_options, subcommand_parser
from pix_tui.i18n import Translator


def register(commands: argparse._SubParsersAction, tr: Translator) -> None:  # type: ignore[type-arg]
    parser = subcommand_parser(commands, tr, "export", "cli.export", (add_global_options,))
    parser.add_argument(
        "--profile", metavar="NAME", default=argparse.SUPPRESS, help=tr("cli.export_profile")
    )
    parser.add_argument(
        "--output", metavar="DIR", type=Path, default=Path("."), help=tr("cli.export_output")
    )


def run(args: argparse.Namespace, tr: Translator) -> int:
    from pix_tui.app.text import error_text
    from pix_tui.core.loader import default_bank_path, load_bank
    from pix_tui.core.rules import DEFAULT_RULES
    from pix_tui.store import ProfileError, open_profile, resolve_data_dir
    from pix_tui.store.exports import export_learner

    name = getattr(args, "profile", None)
    if not name:
        sys.stderr.write(tr("cli.export_no_profile") + "\n")
        return 2
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
