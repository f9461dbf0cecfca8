"""The teacher's reader reports a first look at a class as it goes."""

from __future__ import annotations

from pathlib import Path

from pix_tui.classroom import ClassData, Classroom
from pix_tui.core.loader import load_bank
from pix_tui.core.rules import DEFAULT_RULES
from tests.app.conftest import FIXED_NOW, play_positioning


def test_rows_are_reported_as_profiles_are_read_then_all_of_them(
    data_dir: Path, bank_dir: Path
) -> None:
    for name in ("Léa", "Noé", "Zoé", "Adam"):
        play_positioning(data_dir, name, bank_dir, "1.1")
    room = Classroom(data_dir, load_bank(bank_dir).bank, DEFAULT_RULES, lambda: FIXED_NOW)
    partial: list[ClassData] = []
    data = room.read(on_progress=partial.append, every=0.0)
    assert [(len(p.rows), p.pending) for p in partial] == [(1, 3), (2, 2), (3, 1)]
    assert (len(data.rows), data.pending) == (4, 0)
    assert [row.name for row in data.rows] == ["Adam", "Léa", "Noé", "Zoé"]


def test_without_a_listener_nothing_changes(data_dir: Path, bank_dir: Path) -> None:
    play_positioning(data_dir, "Léa", bank_dir, "1.1")
    room = Classroom(data_dir, load_bank(bank_dir).bank, DEFAULT_RULES, lambda: FIXED_NOW)
    assert [row.name for row in room.read().rows] == ["Léa"]


def test_a_class_keeps_no_answers_in_memory_after_a_look_or_an_analysis(
    data_dir: Path, bank_dir: Path
) -> None:
    for name in ("Léa", "Noé"):
        play_positioning(data_dir, name, bank_dir, "1.1")
    room = Classroom(data_dir, load_bank(bank_dir).bank, DEFAULT_RULES, lambda: FIXED_NOW)
    data = room.read()
    analysed, problems = room.analysis(data)
    assert analysed and not problems
    assert all(p._original is None and p._answers is None for p in data.profiles)
