"""Damaged files are set aside, never overwritten; the backup is used; the learner is told."""

from __future__ import annotations

import json
import re

import pytest

from pix_tui.store import (
    RecoveryKind,
    UnsupportedSchema,
    create_profile,
    layout,
    list_profiles,
    open_profile,
)
from tests.store.records import answer, positioning

GARBAGE = b'{"profile": {"1": {"name": "L\xc3\xa9a", "crea'


def _aside(folder, stem: str = "profile") -> list:
    pattern = re.compile(rf"{stem}\.corrupt-\d{{8}}T\d{{6}}(-\d+)?\.json(\.bak)?")
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))


def _profile_with_history(reopen):
    """Two answers, a positioning, then a setting: the backup predates the setting."""
    store = reopen()
    store.record_answer(answer(0))
    store.record_answer(answer(1))
    store.start_positioning(positioning("pos-1"))
    store.update_settings(theme="ansi-light")
    store.close()


def test_a_damaged_profile_file_is_set_aside_and_its_backup_used(lea, reopen):
    _profile_with_history(reopen)
    (lea / "profile.json").write_bytes(GARBAGE)

    store = reopen()
    [moved] = _aside(lea)
    assert moved.read_bytes() == GARBAGE
    assert [r.kind for r in store.recoveries] == [RecoveryKind.RESTORED_BACKUP]
    assert str(moved) in store.recovery_notice
    assert "could not be read" in store.recovery_notice
    assert store.positionings() == [positioning("pos-1")]
    assert store.settings == {}
    assert store.answers() == [answer(0), answer(1)]


def test_the_repaired_profile_opens_quietly_next_time(lea, reopen):
    _profile_with_history(reopen)
    (lea / "profile.json").write_bytes(GARBAGE)
    reopen().close()
    again = reopen()
    assert again.recovery_notice is None
    assert again.positionings() == [positioning("pos-1")]
    assert len(_aside(lea)) == 1


def test_without_a_backup_a_new_profile_file_keeps_the_answers(data_dir, reopen):
    create_profile(data_dir, "Léa", pin="1234")
    store = reopen("Léa", "1234")
    folder = store.folder
    store.record_answer(answer(0))
    store.close()
    (folder / "profile.json").write_bytes(b"\x00" * 64)
    (folder / "profile.json.bak").unlink()

    store = reopen("Léa")
    assert [r.kind for r in store.recoveries] == [RecoveryKind.STARTED_AGAIN]
    [moved] = _aside(folder)
    assert moved.read_bytes() == b"\x00" * 64
    assert str(moved) in store.recovery_notice
    assert "Your answers are kept" in store.recovery_notice
    assert store.answers() == [answer(0)]
    assert store.name == "Léa"


def test_a_damaged_backup_is_set_aside_too(lea, reopen):
    _profile_with_history(reopen)
    (lea / "profile.json").write_bytes(b"")
    (lea / "profile.json.bak").write_bytes(b"[1, 2")
    store = reopen()
    assert [r.kind for r in store.recoveries] == [RecoveryKind.STARTED_AGAIN]
    assert sorted(p.read_bytes() for p in _aside(lea)) == [b"", b"[1, 2"]
    assert store.answers() == [answer(0), answer(1)]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="cut-in-half"),
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: b"\xff\xfe" + raw, id="not-utf8"),
        pytest.param(lambda raw: b'{"answers": [1, 2, 3]}', id="wrong-shape"),
        pytest.param(lambda raw: b'{"answers": {"one": {}}}', id="bad-id"),
    ],
)
def test_a_damaged_answers_file_falls_back_on_its_backup(lea, reopen, damage):
    store = reopen()
    for i in range(3):
        store.record_answer(answer(i))
    store.close()
    chunk = lea / "answers-0001.json"
    damaged = damage(chunk.read_bytes())
    chunk.write_bytes(damaged)

    store = reopen()
    assert [r.kind for r in store.recoveries] == [RecoveryKind.RESTORED_BACKUP]
    assert store.answers() == [answer(0), answer(1)]
    [moved] = _aside(lea, "answers-0001")
    assert moved.read_bytes() == damaged
    assert "at most that change is lost" in store.recovery_notice


def test_a_damaged_answers_file_without_backup_costs_only_its_answers(lea, reopen, monkeypatch):
    monkeypatch.setattr(layout, "ANSWERS_PER_CHUNK", 2)
    store = reopen()
    for i in range(5):
        store.record_answer(answer(i))
    store.close()
    (lea / "answers-0002.json").write_bytes(b"{{{{")
    (lea / "answers-0002.json.bak").unlink()

    store = reopen()
    assert [r.kind for r in store.recoveries] == [RecoveryKind.ANSWERS_SET_ASIDE]
    assert "no longer counted" in store.recovery_notice
    assert store.answers() == [answer(0), answer(1), answer(4)]
    store.record_answer(answer(5))
    store.close()
    assert reopen().answers() == [answer(0), answer(1), answer(4), answer(5)]
    assert [p.read_bytes() for p in _aside(lea, "answers-0002")] == [b"{{{{"]


def test_a_crash_between_the_two_renames_loses_nothing(lea, reopen):
    store = reopen()
    store.record_answer(answer(0))
    store.record_answer(answer(1))
    store.close()
    # Cut between the renames: the old file is the backup, the new one still a temporary.
    (lea / "answers-0001.json").rename(lea / ".answers-0001.json.0badcafe.tmp")
    store = reopen()
    assert store.recovery_notice is None
    assert store.answers() == [answer(0)]
    assert (lea / "answers-0001.json").exists()


def test_half_written_temporaries_are_cleared(lea, reopen):
    store = reopen()
    store.record_answer(answer(0))
    store.close()
    leftover = lea / ".answers-0001.json.1a2b3c4d.tmp"
    leftover.write_bytes(b'{"answers": {"1": {"chal')
    store = reopen()
    assert store.answers() == [answer(0)]
    assert not leftover.exists()


def test_an_unreadable_record_is_skipped_and_kept_in_its_file(lea, reopen):
    store = reopen()
    store.record_answer(answer(0))
    store.record_answer(answer(1))
    store.close()
    chunk = lea / "answers-0001.json"
    data = json.loads(chunk.read_text("utf-8"))
    data["answers"]["1"]["result"] = "maybe"
    chunk.write_text(json.dumps(data), "utf-8")

    store = reopen()
    [recovery] = store.recoveries
    assert recovery.kind is RecoveryKind.RECORDS_SKIPPED
    assert "record 1" in store.recovery_notice
    assert "'maybe'" in store.recovery_notice
    assert store.answers() == [answer(1)]
    store.record_answer(answer(2))
    store.close()
    kept = json.loads(chunk.read_text("utf-8"))["answers"]
    assert kept["1"]["result"] == "maybe"
    assert len(kept) == 3


def test_a_profile_from_a_newer_pix_tui_is_left_untouched(lea, data_dir):
    main = lea / "profile.json"
    data = json.loads(main.read_text("utf-8"))
    data["profile"]["1"]["schema"] = 99
    data["profile"]["1"]["something_new"] = {"x": 1}
    main.write_text(json.dumps(data), "utf-8")
    before = {p.name: p.read_bytes() for p in lea.iterdir()}

    with pytest.raises(UnsupportedSchema) as caught:
        open_profile(data_dir, "Léa")
    message = str(caught.value)
    assert "newer pix-tui" in message
    assert "format 99" in message
    assert str(main) in message
    assert {p.name: p.read_bytes() for p in lea.iterdir()} == before
    with pytest.raises(UnsupportedSchema):
        open_profile(data_dir, "Léa")


def test_a_damaged_profile_is_not_listed_but_the_others_are(data_dir, lea):
    create_profile(data_dir, "Tom")
    for name in ("profile.json", "profile.json.bak"):
        (lea / name).write_bytes(b"garbage")
    assert [p.name for p in list_profiles(data_dir)] == ["Tom"]
    assert (lea / "profile.json").read_bytes() == b"garbage"


def test_listing_uses_the_backup_after_a_crash_between_renames(data_dir, lea):
    (lea / "profile.json").unlink()
    assert [p.name for p in list_profiles(data_dir)] == ["Léa"]
