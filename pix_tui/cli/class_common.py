"""What the teacher's subcommands share: the data folder, its settings, the bank, the class.

`class`, `export --class` and `analyse` all open a class the same way, so they report on the
same learners with the same rules, and refuse a bad settings file the same way.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from pix_tui.app.options import AppOptions
from pix_tui.classroom import ClassData, Classroom
from pix_tui.cli.class_settings import data_dir_of, merged_options, read_settings
from pix_tui.i18n import Translator
from pix_tui.store.class_settings import ClassSettings
from pix_tui.store.errors import ProfileError

CLASS_ERROR = 1
CACHE_ENV = "PIX_TUI_CACHE"


@dataclass(frozen=True)
class OpenedClass:
    data_dir: Path
    settings: ClassSettings
    options: AppOptions
    room: Classroom
    data: ClassData
    tr: Translator


def cache_dir(environ: dict[str, str] | os._Environ[str]) -> Path | None:
    """Like the app: PIX_TUI_CACHE names the cache folder, empty switches it off."""
    value = environ.get(CACHE_ENV)
    if value == "":
        return None
    if value:
        return Path(value)
    from platformdirs import user_cache_path

    return user_cache_path("pix-tui", appauthor=False)


def local_now() -> datetime:
    return datetime.now().astimezone()


def open_class(
    args: argparse.Namespace, tr: Translator, err: TextIO | None = None
) -> OpenedClass | int:
    """The class read once, or the exit code after a message saying what went wrong."""
    from pix_tui.core.loader import default_bank_path, load_bank

    out = err or sys.stderr
    data_dir = data_dir_of(args)
    settings = read_settings(data_dir, tr, out)
    if settings is None:
        return 2
    options = merged_options(args, settings)
    lang_tr = Translator(options.lang) if options.lang else tr
    cache = cache_dir(os.environ)
    report = load_bank(options.challenges or default_bank_path(), cache_dir=cache)
    room = Classroom(data_dir, report.bank, options.rules(), local_now, cache)
    try:
        data = room.read()
    except ProfileError as error:
        out.write(tr("teacher.class_unreadable", details=error_text(lang_tr, error)) + "\n")
        return CLASS_ERROR
    for problem in data.problems:
        out.write(problem_text(lang_tr, problem.folder, problem.error) + "\n")
    return OpenedClass(data_dir, settings, options, room, data, lang_tr)


def error_text(tr: Translator, error: ProfileError) -> str:
    return tr(error.key, **error.values)


def problem_text(tr: Translator, folder: Path, error: ProfileError) -> str:
    return tr("teacher.skipped", folder=folder.name, details=error_text(tr, error))
