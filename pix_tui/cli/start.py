"""`pix-tui` with no subcommand: the app in this terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pix_tui.app.options import AppOptions
from pix_tui.i18n import Translator


def app_options(args: argparse.Namespace) -> AppOptions:
    """The parsed command line as the app's options; a subcommand serving the app reuses it."""
    return AppOptions(
        challenges=args.challenges,
        data_dir=args.data_dir,
        profile=args.profile,
        lang=args.lang,
        demo=bool(args.demo),
        engine=args.engine or "default",
        low_bandwidth=args.low_bandwidth,
        retry_days=args.retry_days,
        reset_days=args.reset_days,
        certification_days=args.certification_days,
    )


def run(args: argparse.Namespace, tr: Translator) -> int:
    """A `--challenges` folder that does not exist stops here, before a screen opens: an app
    with an empty bank would look broken rather than misconfigured. The class settings of the
    data folder apply under the flags (not in demo mode)."""
    if args.challenges is not None and not Path(args.challenges).is_dir():
        print(tr("cli.challenges_missing", path=args.challenges), file=sys.stderr)
        return 2
    from pix_tui.app import run_app
    from pix_tui.cli.class_settings import (
        SETTINGS_ERROR,
        data_dir_of,
        merged_options,
        read_settings,
    )

    if args.demo:
        return run_app(app_options(args))
    settings = read_settings(data_dir_of(args), tr)
    if settings is None:
        return SETTINGS_ERROR
    return run_app(merged_options(args, settings))
