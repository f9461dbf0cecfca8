"""The learner's app leaves its standing in the profile folder; a teacher's first look at
the class takes it instead of replaying the learner's positionings, only when it still fits."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from pix_tui.classroom import Classroom
from pix_tui.core.loader import load_bank
from pix_tui.core.rules import DEFAULT_RULES, Rules
from pix_tui.store.layout import STANDING_FILE
from pix_tui.store.paths import profile_folder
from tests.app.conftest import FIXED_NOW, MakeApp, play_positioning, settle
from tests.app.flow_support import PROFILE, answer_until_result, running


class Replays:
    """Counts the class view's own derivations."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import pix_tui.classroom as classroom

        self.count = 0
        derive = classroom.derive_profile

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return derive(*args, **kwargs)

        monkeypatch.setattr(classroom, "derive_profile", counted)


def first_look(data_dir: Path, bank_dir: Path, rules: Rules = DEFAULT_RULES) -> dict[str, Any]:
    room = Classroom(data_dir, load_bank(bank_dir).bank, rules, lambda: FIXED_NOW)
    data = room.read()
    assert not data.problems
    return {row.name: (row.pix, dict(row.levels)) for row in data.rows}


def standing_path(data_dir: Path, name: str = PROFILE) -> Path:
    return profile_folder(data_dir, name) / STANDING_FILE


async def test_a_positioning_answered_in_the_app_shows_in_the_class_without_a_replay(
    make_app: MakeApp, data_dir: Path, bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(make_app, data_dir) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await answer_until_result(pilot)
        await settle(pilot)
        shown = pilot.app.profile_view  # type: ignore[attr-defined]
    assert standing_path(data_dir).is_file()
    replays = Replays(monkeypatch)
    seen = first_look(data_dir, bank_dir)
    assert replays.count == 0
    level = shown.competences["1.1"].level
    assert level >= 1
    assert seen[PROFILE][1]["1.1"] == level
    standing_path(data_dir).unlink()
    assert first_look(data_dir, bank_dir) == seen
    assert replays.count == 1


def test_a_profile_changed_after_its_standing_is_derived_again(
    data_dir: Path, bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    play_positioning(data_dir, PROFILE, bank_dir, "1.1", correct=lambda _: False)
    seen = first_look(data_dir, bank_dir)
    assert seen[PROFILE][1]["1.1"] == 0
    path = standing_path(data_dir)
    _write_like_the_app(data_dir, bank_dir)
    stale = path.read_bytes()
    play_positioning(data_dir, PROFILE, bank_dir, "1.2", at=FIXED_NOW.replace(hour=11))
    path.write_bytes(stale)
    replays = Replays(monkeypatch)
    seen = first_look(data_dir, bank_dir)
    assert replays.count == 1
    assert seen[PROFILE][1]["1.2"] >= 1


def test_other_rules_or_a_damaged_file_mean_a_replay_and_the_file_is_left_alone(
    data_dir: Path, bank_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    play_positioning(data_dir, PROFILE, bank_dir, "1.1")
    _write_like_the_app(data_dir, bank_dir)
    path = standing_path(data_dir)
    good = json.loads(path.read_text("utf-8"))
    expected = first_look(data_dir, bank_dir)
    other_rules = Rules(max_level=5)
    damaged: list[Any] = [
        b"{not json",
        b"",
        json.dumps({**good, "levels": {**good["levels"], "1.1": 99}}).encode(),
        json.dumps({**good, "levels": {**good["levels"], "1.1": "5"}}).encode(),
        json.dumps({**good, "context": ["3", "another bank", good["context"][2]]}).encode(),
        json.dumps(good["levels"]).encode(),
        b" " * 100_000,
    ]
    replays = Replays(monkeypatch)
    first_look(data_dir, bank_dir, other_rules)
    assert replays.count == 1
    for payload in damaged:
        path.write_bytes(payload)
        assert first_look(data_dir, bank_dir) == expected
        assert path.read_bytes() == payload
    assert replays.count == 1 + len(damaged)
    path.unlink()
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps(good), encoding="utf-8")
    path.symlink_to(secret)
    assert first_look(data_dir, bank_dir) == expected
    path.unlink()
    os.mkfifo(path)
    assert first_look(data_dir, bank_dir) == expected
    assert replays.count == 3 + len(damaged)


def _write_like_the_app(data_dir: Path, bank_dir: Path) -> None:
    """What `App.refresh_profile` leaves after deriving the profile on disk."""
    from pix_tui.core.class_report import last_activity
    from pix_tui.core.profile import derive_profile
    from pix_tui.store import open_profile
    from pix_tui.store.standing_cache import Cached, context_of

    bank = load_bank(bank_dir).bank
    with open_profile(data_dir, PROFILE) as store:
        records = store.snapshot()
        view = derive_profile(
            bank, records.positionings, records.answers, records.resets, FIXED_NOW, DEFAULT_RULES
        )
        moment = last_activity(records.answers, records.positionings, records.resets, FIXED_NOW)
        cached = Cached.of(view, moment, records.certifications, records.answers, DEFAULT_RULES)
        store.save_standing(records, context_of(bank, DEFAULT_RULES), cached)
