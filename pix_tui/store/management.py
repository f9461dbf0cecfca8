"""What a teacher (or a learner, for their own code) changes in a profile from outside it.

Every change takes the profile's lock, so it never races a learner who has the profile open:
that learner is told to close it first (ProfileLocked). Deleting moves the whole folder to
`<data dir>/trash/`, from where it can be restored as it was; nothing is ever erased.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from pix_tui.store import layout
from pix_tui.store.atomic_storage import (
    Tables,
    UnreadableDocument,
    atomic_write,
    backup_path,
    encode_tables,
    fsync_dir,
    read_tables,
)
from pix_tui.store.errors import (
    ProfileExists,
    ProfileNotFound,
    ProfileUnreadable,
    SaveFailed,
    WrongPin,
)
from pix_tui.store.layout import ProfileHeader
from pix_tui.store.lock import ProfileLock
from pix_tui.store.paths import (
    clean_name,
    ensure_private_dir,
    folder_name,
    name_key,
    profile_folder,
    profiles_root,
)
from pix_tui.store.pin import check_pin_text, hash_pin, verify_pin

TRASH_FOLDER = "trash"


@dataclass(frozen=True, slots=True)
class TrashEntry:
    """A deleted profile, restorable under its name."""

    folder: Path
    name: str
    deleted_at: datetime


def trash_root(data_dir: Path) -> Path:
    return data_dir / TRASH_FOLDER


def _now() -> datetime:
    return datetime.now().astimezone()


def _locked_folder(data_dir: Path, name: str) -> tuple[Path, str, ProfileLock]:
    display = clean_name(name)
    folder = profile_folder(data_dir, display)
    if not folder.is_dir():
        raise ProfileNotFound(name=display, folder=data_dir)
    return folder, display, ProfileLock.acquire(folder, display)


def _read_main(folder: Path) -> Tables:
    main = layout.main_path(folder)
    for path in (main, backup_path(main)):
        try:
            return read_tables(path)
        except FileNotFoundError:
            continue
        except UnreadableDocument as error:
            raise ProfileUnreadable(path=path, reason=error.reason) from error
        except OSError as error:
            raise ProfileUnreadable(path=path, reason=error.strerror or str(error)) from error
    raise ProfileUnreadable(path=main, reason="the file is missing")


def _write_header(folder: Path, tables: Tables, header: ProfileHeader) -> None:
    """The main file and its backup both carry the new header: a later repair from the
    backup must not bring the old name or code back."""
    tables[layout.PROFILE_TABLE][layout.SINGLE_DOC] = {
        **tables[layout.PROFILE_TABLE][layout.SINGLE_DOC],
        **header.to_doc(),
    }
    payload = encode_tables(tables, indent=layout.MAIN_INDENT)
    main = layout.main_path(folder)
    try:
        atomic_write(backup_path(main), payload, keep_backup=False)
        atomic_write(main, payload, keep_backup=False)
    except OSError as error:
        raise SaveFailed(path=main, reason=error.strerror or str(error)) from error


def _edit_header(
    data_dir: Path, name: str, change: Callable[[ProfileHeader, Path], ProfileHeader]
) -> ProfileHeader:
    folder, _, lock = _locked_folder(data_dir, name)
    try:
        tables = _read_main(folder)
        try:
            header = layout.read_header(layout.main_path(folder), tables)
        except UnreadableDocument as error:
            raise ProfileUnreadable(path=error.path, reason=error.reason) from error
        updated = change(header, folder)
        _write_header(folder, tables, updated)
        return updated
    finally:
        lock.release()


def reset_code(data_dir: Path, name: str, new_code: str | None = None) -> None:
    """A forgotten code removed (or replaced) by the teacher; nothing else changes."""
    pin = hash_pin(check_pin_text(new_code)) if new_code else None
    _edit_header(data_dir, name, lambda header, _: replace(header, pin=pin))


def change_own_code(data_dir: Path, name: str, current: str | None, new_code: str | None) -> None:
    """The learner's own change: the current code first (WrongPin otherwise)."""
    pin = hash_pin(check_pin_text(new_code)) if new_code else None

    def change(header: ProfileHeader, _: Path) -> ProfileHeader:
        if header.pin is not None and not (current and verify_pin(current, header.pin)):
            raise WrongPin(name=header.name)
        return replace(header, pin=pin)

    _edit_header(data_dir, name, change)


def rename_profile(data_dir: Path, old: str, new: str) -> str:
    """The profile keeps everything under its new name; ProfileExists if that name is taken.

    Two atomic steps under the lock: the header takes the new name, then the folder (named
    after the name) moves.
    """
    display = clean_name(new)
    target = profile_folder(data_dir, display)
    folder, old_display, lock = _locked_folder(data_dir, old)
    try:
        same = name_key(display) == name_key(old_display)
        if not same and target.exists():
            raise ProfileExists(name=display, folder=data_dir)
        tables = _read_main(folder)
        header = layout.read_header(layout.main_path(folder), tables)
        _write_header(folder, tables, replace(header, name=display))
        if not same:
            os.rename(folder, target)
            fsync_dir(folder.parent)
        return display
    except UnreadableDocument as error:
        raise ProfileUnreadable(path=error.path, reason=error.reason) from error
    except OSError as error:
        raise SaveFailed(path=folder, reason=error.strerror or str(error)) from error
    finally:
        lock.release()


def delete_profile(data_dir: Path, name: str, now: datetime | None = None) -> Path:
    """Moved whole to the trash (never erased); returns where it went."""
    folder, _, lock = _locked_folder(data_dir, name)
    try:
        trash = trash_root(data_dir)
        ensure_private_dir(trash)
        stamp = (now or _now()).strftime("%Y%m%dT%H%M%S")
        target = trash / f"{folder.name}.{stamp}"
        n = 1
        while target.exists():
            n += 1
            target = trash / f"{folder.name}.{stamp}-{n}"
        try:
            os.rename(folder, target)
            fsync_dir(trash)
            fsync_dir(folder.parent)
        except OSError as error:
            raise SaveFailed(path=folder, reason=error.strerror or str(error)) from error
        return target
    finally:
        lock.release()


def list_trash(data_dir: Path) -> list[TrashEntry]:
    """Deleted profiles, newest first; a folder whose header cannot be read is left out."""
    try:
        folders = [entry for entry in trash_root(data_dir).iterdir() if entry.is_dir()]
    except FileNotFoundError:
        return []
    except OSError as error:
        raise ProfileUnreadable(path=trash_root(data_dir), reason=error.strerror or "") from error
    entries = []
    for folder in folders:
        try:
            tables = _read_main(folder)
            header = layout.read_header(layout.main_path(folder), tables)
            deleted = datetime.fromtimestamp(folder.stat().st_mtime).astimezone()
        except (ProfileUnreadable, UnreadableDocument, OSError):
            continue
        entries.append(TrashEntry(folder, header.name, deleted))
    entries.sort(key=lambda e: e.deleted_at, reverse=True)
    return entries


def restore_profile(data_dir: Path, entry: TrashEntry) -> str:
    """Back under its name; ProfileExists when a profile of that name was created since."""
    target = profiles_root(data_dir) / folder_name(entry.name)
    if target.exists():
        raise ProfileExists(name=entry.name, folder=data_dir)
    ensure_private_dir(target.parent)
    try:
        os.rename(entry.folder, target)
        fsync_dir(target.parent)
    except OSError as error:
        raise SaveFailed(path=entry.folder, reason=error.strerror or str(error)) from error
    return entry.name
