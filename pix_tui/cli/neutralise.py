"""`pix-tui neutralise --profile NAME N [--certification ID]`: a teacher sets question N of a
certification blanche aside (a broken challenge); the result is recomputed and printed.

The latest finished certification unless `--certification` names another. Textual is never
imported here.
"""

from __future__ import annotations

import argparse
import os
import sys

from pix_tui.cli.parser import add_global_options, subcommand_parser
from pix_tui.i18n import Translator


def register(commands: argparse._SubParsersAction, tr: Translator) -> None:  # type: ignore[type-arg]
    parser = subcommand_parser(commands, tr, "neutralise", "cli.neutralise", (add_global_options,))
    parser.add_argument("number", type=int, metavar="N", help=tr("cli.neutralise_number"))
    parser.add_argument(
        "--profile", metavar="NAME", default=argparse.SUPPRESS, help=tr("cli.neutralise_profile")
    )
    parser.add_argument("--certification", metavar="ID", help=tr("cli.neutralise_id"))


def run(args: argparse.Namespace, tr: Translator) -> int:
    from pix_tui.app.certification_session import finished_certifications, neutralise_question
    from pix_tui.app.text import error_text
    from pix_tui.core.rules import DEFAULT_RULES
    from pix_tui.store import ProfileError, open_profile, resolve_data_dir

    name = getattr(args, "profile", None)
    if not name:
        sys.stderr.write(tr("cli.neutralise_no_profile") + "\n")
        return 2
    try:
        data_dir = resolve_data_dir(args.data_dir, dict(os.environ))
        with open_profile(data_dir, name) as store:
            finished = finished_certifications(store)
            chosen = (
                [c for c in finished if c.id == args.certification]
                if args.certification
                else finished[-1:]
            )
            if not chosen:
                sys.stderr.write(tr("cli.neutralise_none", name=name) + "\n")
                return 1
            result = neutralise_question(store, chosen[0].id, args.number, DEFAULT_RULES)
    except IndexError:
        sys.stderr.write(tr("cli.neutralise_out_of_range", number=args.number) + "\n")
        return 1
    except (ProfileError, OSError) as error:
        sys.stderr.write(tr("cli.neutralise_failed", error=error_text(tr, error)) + "\n")
        return 1
    verdict = tr(
        "certification.verdict_rejected" if result.rejected else "certification.verdict_validated"
    )
    sys.stdout.write(
        tr(
            "cli.neutralised",
            number=args.number,
            rate=result.rate,
            verdict=verdict,
            score=result.score,
        )
        + "\n"
    )
    return 0
