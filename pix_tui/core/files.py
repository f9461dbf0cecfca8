"""Reading a file of the bank safely: only regular files, never more than a limit.

A bank comes from anywhere (a colleague's USB key, a pupils' project): a `.md` may be a
link to `/dev/zero`, a named pipe, or a link out of the bank. None of these is ever read.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from stat import S_ISREG

MAX_FILE_BYTES = 1_000_000
"""A challenge is a page of text; a bigger file is a mistake or an attack, refused unread."""


class BadFile(Exception):
    """A file that is not read at all; `key` names the problem in the `problems` catalogue."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def read_bounded(path: Path, limit: int, root: Path | None = None) -> tuple[os.stat_result, bytes]:
    """At most `limit + 1` bytes of a regular file: never a device, a pipe, or an endless read.

    With `root` (resolved), a file reached through a link must lie inside it. Raises
    `BadFile` with the problem's catalogue key, or `OSError`.
    """
    if root is not None and os.path.islink(path):
        try:
            real = path.resolve()
        except RuntimeError as exc:
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP)) from exc
        if not real.is_relative_to(root):
            raise BadFile("link_outside_bank")
    # Non-blocking open: opening a pipe with no writer would otherwise wait forever.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        stat = os.fstat(fd)
        if not S_ISREG(stat.st_mode):
            raise BadFile("not_regular_file")
        return stat, handle.read(limit + 1)
