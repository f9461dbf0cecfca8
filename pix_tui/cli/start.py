"""`pix-tui` with no subcommand: the app in this terminal."""

from __future__ import annotations

import argparse

from pix_tui.app.options import AppOptions


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


def run(args: argparse.Namespace) -> int:
    from pix_tui.app import run_app

    return run_app(app_options(args))
