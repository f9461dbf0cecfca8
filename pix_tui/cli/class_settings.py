"""The data folder's `pix-tui.toml`, merged under the command line: a flag always wins.

Every entry point that opens a data folder goes through `read_settings`, so a file with a
mistake stops them all the same way, before anything starts (exit code 2).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO, TypeVar

from pix_tui.app.options import AppOptions
from pix_tui.i18n import Translator
from pix_tui.store.class_settings import ClassSettings, SettingsInvalid, load_settings
from pix_tui.store.paths import resolve_data_dir

SETTINGS_ERROR = 2
T = TypeVar("T")


def data_dir_of(args: argparse.Namespace) -> Path:
    return resolve_data_dir(getattr(args, "data_dir", None), os.environ)


def read_settings(
    data_dir: Path, tr: Translator, err: TextIO | None = None
) -> ClassSettings | None:
    """The settings, or None once every problem of the file has been printed."""
    try:
        return load_settings(data_dir)
    except SettingsInvalid as error:
        out = err or sys.stderr
        out.write(tr("settings.invalid") + "\n" + error.text(tr) + "\n")
        return None


def _pick(flag: T | None, setting: T | None) -> T | None:
    return flag if flag is not None else setting


def merged_options(args: argparse.Namespace, settings: ClassSettings) -> AppOptions:
    """The app's options: the command line first, then the class settings, then defaults."""
    return AppOptions(
        challenges=_pick(getattr(args, "challenges", None), settings.challenges),
        data_dir=getattr(args, "data_dir", None),
        profile=getattr(args, "profile", None),
        lang=_pick(getattr(args, "lang", None), settings.lang),
        demo=bool(getattr(args, "demo", False)),
        engine=getattr(args, "engine", None) or "default",
        low_bandwidth=_pick(getattr(args, "low_bandwidth", None), settings.low_bandwidth),
        retry_days=_pick(getattr(args, "retry_days", None), settings.retry_days),
        reset_days=_pick(getattr(args, "reset_days", None), settings.reset_days),
        certification_days=_pick(
            getattr(args, "certification_days", None), settings.certification_delay_days
        ),
        certification_minutes=settings.certification_minutes,
        campaign_name=settings.campaign.name,
        campaign=settings.campaign.competences,
        teacher_code=settings.teacher_code,
    )
