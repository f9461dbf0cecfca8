"""Reading a profile's files when some may be damaged, without ever overwriting one.

A file that cannot be read as a TinyDB document is renamed aside with a timestamp (so its
bytes stay on disk for a teacher to rescue), its backup is used when it is readable, and
every such event becomes a `Recovery` the learner is told about in plain words.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pix_tui.store.atomic_storage import (
    Tables,
    UnreadableDocument,
    atomic_write,
    backup_path,
    fsync_dir,
    is_temporary,
    read_tables,
)
from pix_tui.store.errors import ProfileUnreadable
from pix_tui.store.layout import aside_path


class RecoveryKind(enum.StrEnum):
    RESTORED_BACKUP = "restored_backup"
    """A damaged file was set aside and its backup used: at most the last change is lost."""
    STARTED_AGAIN = "started_again"
    """The profile file and its backup were unusable: a new one was made, answers kept."""
    ANSWERS_SET_ASIDE = "answers_set_aside"
    """An answers file and its backup were unusable: those answers are no longer counted."""
    RECORDS_SKIPPED = "records_skipped"
    """Some records could not be read; they stay in their file, ignored."""
    FILE_MISSING = "file_missing"
    """A file had been deleted (no write was under way): its backup was used."""
    ANSWERS_MISSING = "answers_missing"
    """Answers files and their backups had been deleted: those answers are no longer counted."""


@dataclass(frozen=True, slots=True)
class Recovery:
    kind: RecoveryKind
    file: Path
    reason: str
    moved_to: tuple[Path, ...] = ()
    count: int = 0

    def describe(self) -> str:
        """English plain words; `kind` and the fields let the app say it in French."""
        kept = "".join(f" The damaged file was kept as {path}." for path in self.moved_to)
        match self.kind:
            case RecoveryKind.RESTORED_BACKUP:
                return (
                    f"{self.file.name} could not be read ({self.reason}), so the copy saved "
                    f"just before your last change was used: at most that change is lost.{kept}"
                )
            case RecoveryKind.STARTED_AGAIN:
                return (
                    f"Your profile file {self.file} could not be read ({self.reason}) and had "
                    "no usable backup: a new profile file was made. Your answers are kept; "
                    f"positionings, settings and the PIN were reset.{kept}"
                )
            case RecoveryKind.ANSWERS_SET_ASIDE:
                return (
                    f"{self.file} could not be read ({self.reason}) and had no usable backup: "
                    f"the answers it held are no longer counted.{kept}"
                )
            case RecoveryKind.RECORDS_SKIPPED:
                return (
                    f"{self.count} record(s) in {self.file} could not be read and are ignored "
                    f"(first problem: {self.reason}); they are still in the file."
                )
            case RecoveryKind.FILE_MISSING:
                return (
                    f"{self.file.name} had been deleted, so its copy saved just before your "
                    "last change was used: at most that change is lost."
                )
            case RecoveryKind.ANSWERS_MISSING:
                return (
                    f"Answers files had been deleted from {self.file} ({self.reason}): the "
                    "answers they held are no longer counted."
                )


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """`tables` is None when neither the file nor its backup could give a document."""

    tables: Tables | None
    damage: str = ""
    moved_to: tuple[Path, ...] = ()
    from_backup: bool = False
    deleted: bool = False
    """The file was gone with no write under way: someone deleted it."""


Check = Callable[[Path, Tables], object]


def _read(path: Path, check: Check) -> Tables:
    """Raises FileNotFoundError, UnreadableDocument, or ProfileUnreadable (no permission…)."""
    try:
        tables = read_tables(path)
    except (FileNotFoundError, UnreadableDocument):
        raise
    except OSError as error:
        raise ProfileUnreadable(path=path, reason=error.strerror or str(error)) from error
    check(path, tables)
    return tables


def set_aside(path: Path, now: datetime) -> Path:
    target = aside_path(path, now)
    os.rename(path, target)
    fsync_dir(path.parent)
    return target


def _restore(path: Path, backup: Path) -> None:
    """Copy rather than rename, so the backup generation survives the repair."""
    atomic_write(path, backup.read_bytes(), keep_backup=False)


def load_file(path: Path, check: Check, now: datetime) -> LoadedFile:
    """The file's document, else its backup's; damaged copies are set aside, never rewritten.

    `check` validates the content beyond TinyDB's shape, raising UnreadableDocument for
    damage; any other exception it raises (a newer format…) leaves every file as it was.
    """
    backup = backup_path(path)
    deleted = False
    try:
        return LoadedFile(_read(path, check))
    except FileNotFoundError:
        damage, moved_to = "", ()
        deleted = not _write_under_way(path)
    except UnreadableDocument as error:
        damage, moved_to = error.reason, (set_aside(path, now),)
    try:
        tables = _read(backup, check)
    except FileNotFoundError:
        return LoadedFile(None, damage, moved_to)
    except UnreadableDocument as error:
        moved_to += (set_aside(backup, now),)
        return LoadedFile(None, damage or error.reason, moved_to)
    _restore(path, backup)
    return LoadedFile(tables, damage, moved_to, from_backup=True, deleted=deleted)


def _write_under_way(path: Path) -> bool:
    """Between a write's two renames the file is missing but its temporary is there."""
    prefix = f".{path.name}."
    try:
        return any(is_temporary(e) and e.name.startswith(prefix) for e in path.parent.iterdir())
    except OSError:
        return True


def remove_temporary_files(folder: Path) -> None:
    """Half-written temporaries of a crashed write; the lock holder is the only writer."""
    for entry in folder.iterdir():
        if is_temporary(entry):
            entry.unlink(missing_ok=True)
