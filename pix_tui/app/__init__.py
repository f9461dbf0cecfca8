"""The Textual shell. Textual is imported only when the app runs, so `pix-tui check` stays light."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pix_tui.app.options import AppOptions

if TYPE_CHECKING:
    from pix_tui.app.app import PixApp

__all__ = ["AppOptions", "create_app", "run_app"]


def run_app(options: AppOptions, environ: Mapping[str, str] | None = None) -> int:
    """Run the app until the learner quits; returns the process exit code."""
    from pix_tui.app.app import run

    return run(options, environ)


def create_app(options: AppOptions, **kwargs: object) -> PixApp:
    from pix_tui.app.app import create_app as factory

    return factory(options, **kwargs)  # type: ignore[arg-type]
