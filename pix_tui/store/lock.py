"""One writer per profile: an exclusive `flock` on a lock file in the profile folder.

The kernel drops the lock when its process ends, however it ends, so a lock left by a
crashed or killed pix-tui never blocks anyone. The file itself is never deleted (deleting a
lock file lets two processes lock two different files); its text only names the holder for
the message the second process shows.
"""

from __future__ import annotations

import fcntl
import os
import socket
from pathlib import Path

from pix_tui.store.errors import ProfileLocked, ProfileUnreadable

LOCK_FILE = "lock"
FILE_MODE = 0o600


class ProfileLock:
    """Held from `acquire` until `release` (or the end of the process)."""

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    @classmethod
    def acquire(cls, folder: Path, profile_name: str) -> ProfileLock:
        path = folder / LOCK_FILE
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
        except OSError as error:
            raise ProfileUnreadable(path=path, reason=error.strerror or str(error)) from error
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder_text(fd)
            os.close(fd)
            raise ProfileLocked(name=profile_name, holder=holder) from None
        except OSError as error:
            os.close(fd)
            reason = f"this folder cannot be locked ({error.strerror or error})"
            raise ProfileUnreadable(path=path, reason=reason) from error
        _write_holder(fd)
        return cls(fd, path)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Safe to call twice."""
        fd, self._fd = self._fd, None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def _write_holder(fd: int) -> None:
    """Best effort: the lock works without it, only the message gets vaguer."""
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
    except OSError:
        pass


def _holder_text(fd: int) -> str:
    try:
        parts = os.pread(fd, 256, 0).decode("utf-8", "replace").split()
    except OSError:
        return ""
    if len(parts) == 2 and parts[0].isdigit():
        return f" (process {parts[0]} on {parts[1]})"
    return ""
