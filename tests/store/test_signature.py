"""A profile folder's signature changes with any write of the store, and only then."""

from __future__ import annotations

from pathlib import Path

from pix_tui.store.atomic_storage import atomic_write
from pix_tui.store.layout import MAIN_FILE, STANDING_FILE
from pix_tui.store.lock import LOCK_FILE
from pix_tui.store.signature import folder_signature


def test_the_lock_the_standing_and_temporaries_are_left_out(tmp_path: Path) -> None:
    atomic_write(tmp_path / MAIN_FILE, b"{}")
    before = folder_signature(tmp_path)
    (tmp_path / LOCK_FILE).write_text("")
    (tmp_path / STANDING_FILE).write_text("{}")
    (tmp_path / f".{MAIN_FILE}.1a2b3c4d.tmp").write_text("{")
    assert folder_signature(tmp_path) == before


def test_a_rewrite_of_the_same_size_changes_it(tmp_path: Path) -> None:
    atomic_write(tmp_path / MAIN_FILE, b'{"a": 1}')
    before = folder_signature(tmp_path)
    atomic_write(tmp_path / MAIN_FILE, b'{"a": 2}')
    assert folder_signature(tmp_path) != before
