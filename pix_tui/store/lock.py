"""One writer per profile: an exclusive lock on a lock file in the profile folder.

The lock is `filelock`'s native one: `flock` on Linux and macOS, `msvcrt.locking` on
Windows, so profiles work in the school labs that run Windows too. The kernel drops such a
lock when its process ends, however it ends, so a lock left by a crashed or killed pix-tui
never blocks anyone. The file itself is kept on release (deleting a lock file lets two
processes lock two different files); its text only names the holder for the message the
second process shows.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from filelock import FileLock, Timeout

from pix_tui.store.errors import ProfileLocked, ProfileUnreadable

LOCK_FILE = "lock"
FILE_MODE = 0o600


class ProfileLock:
    """Held from `acquire` until `release` (or the end of the process)."""

    def __init__(self, lock: FileLock, path: Path) -> None:
        self._lock: FileLock | None = lock
        self.path = path

    @classmethod
    def acquire(cls, folder: Path, profile_name: str) -> ProfileLock:
        path = folder / LOCK_FILE
        lock = FileLock(
            path,
            mode=FILE_MODE,
            thread_local=False,
            blocking=False,
            fallback_to_soft=False,
            preserve_lock_file=True,
            on_acquired=_write_holder,
        )
        try:
            lock.acquire()
        except Timeout:
            raise ProfileLocked(name=profile_name, holder=_holder_text(path)) from None
        except (PermissionError, FileNotFoundError) as error:
            raise ProfileUnreadable(path=path, reason=error.strerror or str(error)) from error
        except OSError as error:
            reason = f"this folder cannot be locked ({error.strerror or error})"
            raise ProfileUnreadable(path=path, reason=reason) from error
        return cls(lock, path)

    @property
    def held(self) -> bool:
        return self._lock is not None

    def release(self) -> None:
        """Safe to call twice."""
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release(force=True)


def _write_holder(fd: int) -> None:
    """Best effort: the lock works without it, only the message gets vaguer."""
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
    except OSError:
        pass


def _holder_text(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            parts = handle.read(256).decode("utf-8", "replace").split()
    except OSError:
        return ""
    if len(parts) == 2 and parts[0].isdigit():
        return f" (process {parts[0]} on {parts[1]})"
    return ""
