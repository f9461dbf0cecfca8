"""A learner's export written to disk: the HTML page and the Markdown beside it.

Both files are written atomically (temporary file, fsync, rename): an interrupted export never
leaves half a page where a learner expects one.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pix_tui.core.certification import history
from pix_tui.core.model import Bank
from pix_tui.core.profile import derive_profile
from pix_tui.core.report import LearnerReport, Tr, file_stem, learner_report, to_html, to_markdown
from pix_tui.core.rules import Rules
from pix_tui.i18n import Translator
from pix_tui.store.atomic_storage import atomic_write

EXPORTS_FOLDER = "exports"
"""Where the app writes a learner's export, inside the data folder."""


def write_learner_export(folder: Path, report: LearnerReport, tr: Tr) -> tuple[Path, Path]:
    """Returns the paths of the HTML and Markdown files (named after the learner and date)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = file_stem(report.name, report.made_at)
    page, notes = folder / f"{stem}.html", folder / f"{stem}.md"
    atomic_write(page, to_html(report, tr).encode("utf-8"), keep_backup=False)
    atomic_write(notes, to_markdown(report, tr).encode("utf-8"), keep_backup=False)
    return page, notes


def export_learner(
    store: Any, bank: Bank, rules: Rules, now: datetime, tr: Translator, folder: Path
) -> tuple[Path, Path]:
    """The open profile's export, derived by the core from its records as of `now`."""
    answers = store.answers()
    profile = derive_profile(bank, store.positionings(), answers, store.resets(), now, rules)
    results = history(store.certifications(), answers, rules)
    report = learner_report(store.name, profile, results, now, tr.lang)
    return write_learner_export(folder, report, tr)
