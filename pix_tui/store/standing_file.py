"""The learner's standing, written by their own app into their profile folder.

A teacher's very first look at a class would otherwise replay every learner's positionings
(seconds for a class, most of a minute for a school). The learner's app derives its profile
after every change anyway; it leaves what the class view needs next to the files it was
derived from, with their signature. The class view takes it only when the signature, the
bank and the rules all match, else derives the profile itself: a stale or damaged file costs
time, never a wrong level. It is no more trusted than the answers beside it: both are the
learner's own files.

It is a cache: written without waiting for the disk, never backed up, safe to delete.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from pix_tui.core.rules import Rules
from pix_tui.store.atomic_storage import atomic_write
from pix_tui.store.layout import STANDING_FILE
from pix_tui.store.signature import Signature
from pix_tui.store.standing_cache import Cached, cached_from_doc, cached_to_doc

MAX_BYTES = 64 * 1024


def write_standing(
    folder: Path, signature: Signature, context: Sequence[str], cached: Cached
) -> None:
    """Best effort: a standing that cannot be written only makes a teacher's look slower."""
    doc = {"context": list(context), **cached_to_doc(signature, cached)}
    with contextlib.suppress(OSError):
        atomic_write(
            folder / STANDING_FILE,
            json.dumps(doc, ensure_ascii=False).encode("utf-8"),
            keep_backup=False,
            durable=False,
        )


def read_standing(
    folder: Path, signature: Signature, context: Sequence[str], rules: Rules
) -> Cached | None:
    """None unless the file is a regular one, small, well formed, and derived from exactly
    these files under the same bank and rules. Never follows a link, never blocks on a pipe."""
    raw = _read_small(folder / STANDING_FILE)
    if raw is None:
        return None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(doc, dict) or doc.get("context") != list(context):
        return None
    return cached_from_doc(doc, signature, rules)


def _read_small(path: Path) -> bytes | None:
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        return os.read(fd, MAX_BYTES + 1)[:MAX_BYTES]
    except OSError:
        return None
    finally:
        os.close(fd)
