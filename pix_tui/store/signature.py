"""What a profile folder's files look like on disk: names, times, sizes and inodes.

A level derived from a profile holds as long as its files do, and comparing their `stat`
costs nothing next to reading them. Every write of the store is an atomic rename, which
gives the file a new inode, so two writes of the same size within one tick of the file
system's clock still differ. The lock and the learner's standing file (`standing_file.py`,
which records the signature it was derived from) are left out.
"""

from __future__ import annotations

import os
from pathlib import Path

from pix_tui.store.layout import STANDING_FILE
from pix_tui.store.lock import LOCK_FILE

Signature = tuple[tuple[str, int, int, int], ...]

_LEFT_OUT = frozenset({LOCK_FILE, STANDING_FILE})


def folder_signature(folder: Path) -> Signature:
    """Raises OSError when the folder cannot be listed."""
    entries = []
    with os.scandir(folder) as scan:
        for entry in scan:
            if entry.name in _LEFT_OUT or entry.name.startswith("."):
                continue
            if not entry.is_file(follow_symlinks=False):
                continue
            stat = entry.stat(follow_symlinks=False)
            entries.append((entry.name, stat.st_mtime_ns, stat.st_size, stat.st_ino))
    return tuple(sorted(entries))
