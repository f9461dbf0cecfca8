"""Crash-safe JSON files, and the TinyDB storage built on them.

TinyDB's JSONStorage rewrites its file in place: a crash or a full disk mid-write leaves
half a file. Here every write goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the old file (atomic on POSIX), and the folder is fsynced so the
rename itself survives a power cut. The previous version is kept as `<name>.bak`.

Order of a write: the new text is complete on disk before the old file moves to `.bak`, so
at any instant either the file or its backup holds a complete, acknowledged state. A reader
that finds the file missing but the backup present is looking at the one moment between the
two renames, and should use the backup.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

FILE_MODE = 0o600
BACKUP_SUFFIX = ".bak"
TEMP_SUFFIX = ".tmp"

Tables = dict[str, dict[str, Any]]


class UnreadableDocument(Exception):
    """The file exists but is not a TinyDB document; says why, for the recovery notice."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def is_temporary(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(folder: Path, name: str, payload: bytes, *, durable: bool = True) -> Path:
    temp = folder / f".{name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        if durable:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        temp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return temp


def atomic_write(
    path: Path, payload: bytes, *, keep_backup: bool = True, durable: bool = True
) -> None:
    """Replace `path` with `payload`; raises OSError with the old file intact.

    `durable` False skips the fsyncs, for caches: waiting for the disk would cost more than
    rebuilding them, and a power cut may lose or damage the new version, which their readers
    take as missing."""
    temp = _write_temp(path.parent, path.name, payload, durable=durable)
    try:
        if keep_backup:
            with contextlib.suppress(FileNotFoundError):
                os.replace(path, backup_path(path))
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


def encode_tables(data: Tables, *, indent: int | None = None) -> bytes:
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators).encode(
        "utf-8"
    )


def decode_tables(path: Path, raw: bytes) -> Tables:
    """The document if it has TinyDB's shape (tables of documents), else UnreadableDocument."""
    if not raw.strip():
        raise UnreadableDocument(path, "the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise UnreadableDocument(path, f"it is not UTF-8 text (byte {error.start})") from error
    except json.JSONDecodeError as error:
        reason = f"it is not valid JSON (line {error.lineno}, column {error.colno})"
        raise UnreadableDocument(path, reason) from error
    except RecursionError as error:
        raise UnreadableDocument(path, "it is nested too deeply") from error
    except ValueError as error:
        # Python refuses to read integers of more than 4,300 digits.
        raise UnreadableDocument(path, f"it holds a value Python cannot read ({error})") from error
    if not isinstance(data, dict):
        raise UnreadableDocument(path, "it does not hold TinyDB tables")
    for table, documents in data.items():
        if not isinstance(documents, dict) or not all(
            isinstance(doc, dict) for doc in documents.values()
        ):
            raise UnreadableDocument(path, f"its table {table!r} does not hold documents")
        for doc_id in documents:
            if not (doc_id.isascii() and doc_id.isdigit()):
                raise UnreadableDocument(path, f"its table {table!r} has a bad id {doc_id!r}")
    return data


def read_tables(path: Path) -> Tables:
    """Raises FileNotFoundError, other OSErrors (unreadable), or UnreadableDocument."""
    return decode_tables(path, path.read_bytes())


class AtomicJSONStorage(Storage):
    """A TinyDB storage whose every write is atomic and durable when `write` returns.

    The last state known to be on disk is kept in memory, so TinyDB's read-before-write
    costs nothing; the caller holds the profile lock, so nobody else changes the file.
    When a write fails the memory copy is dropped and the next read goes back to the disk.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        initial: Tables | None = None,
        indent: int | None = None,
        keep_backup: bool = True,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._indent = indent
        self._keep_backup = keep_backup
        self._data: Tables | None = initial

    def read(self) -> Tables | None:
        """After a failed write the file may be missing with its backup in place: the
        backup is then the truth, never an empty database."""
        if self._data is None:
            for path in (self.path, backup_path(self.path)):
                try:
                    self._data = read_tables(path)
                    break
                except FileNotFoundError:
                    continue
        return self._data

    def write(self, data: Tables) -> None:
        try:
            atomic_write(
                self.path, encode_tables(data, indent=self._indent), keep_backup=self._keep_backup
            )
        except BaseException:
            self._data = None
            raise
        self._data = data
