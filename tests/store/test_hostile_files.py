"""Profile files damaged in ways a JSON parser or a clock did not expect, and files deleted."""

from __future__ import annotations

import os
from pathlib import Path

from pix_tui.store import RecoveryKind, create_profile, list_profiles, open_profile
from pix_tui.store import paths as store_paths
from pix_tui.store.lock import ProfileLock
from tests.store.records import answer, positioning

HUGE = "9" * 5000


def _inject(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _history(reopen) -> None:
    store = reopen()
    store.start_positioning(positioning("pos-1"))
    store.record_answer(answer(0))
    store.record_answer(answer(1))
    store.finish_positioning("pos-1", answer(1).at)
    store.close()


def test_a_huge_integer_in_the_profile_file_sets_it_aside_and_uses_the_backup(
    data_dir, lea, reopen
):
    _history(reopen)
    create_profile(data_dir, "Tom")
    _inject(lea / "profile.json", '"seed": 42', f'"seed": {HUGE}')
    assert [info.name for info in list_profiles(data_dir)] == ["Léa", "Tom"]
    store = reopen()
    assert [r.kind for r in store.recoveries] == [RecoveryKind.RESTORED_BACKUP]
    assert "cannot read" in store.recovery_notice
    assert [p.id for p in store.positionings()] == ["pos-1"]


def test_a_huge_integer_without_backup_still_lists_every_other_profile(data_dir, lea):
    create_profile(data_dir, "Tom")
    (lea / "profile.json").write_text(f'{{"profile": {{"1": {{"n": {HUGE}}}}}}}', "utf-8")
    (lea / "profile.json.bak").write_text(f"[{HUGE}]", "utf-8")
    assert [info.name for info in list_profiles(data_dir)] == ["Tom"]


def test_a_huge_integer_in_an_answers_file_costs_at_most_the_last_answer(lea, reopen):
    _history(reopen)
    _inject(lea / "answers-0001.json", '"duration_s":10.25', f'"duration_s":{HUGE}')
    store = reopen()
    assert [r.kind for r in store.recoveries] == [RecoveryKind.RESTORED_BACKUP]
    assert [a.challenge_id for a in store.answers()] == ["challenge-0"]


def test_a_number_too_big_for_a_float_skips_only_its_record(lea, reopen):
    _history(reopen)
    (lea / "answers-0001.json.bak").unlink()
    _inject(lea / "answers-0001.json", '"duration_s":10.25', f'"duration_s":{"9" * 400}')
    store = reopen()
    assert [r.kind for r in store.recoveries] == [RecoveryKind.RECORDS_SKIPPED]
    assert [a.challenge_id for a in store.answers()] == ["challenge-0"]


def test_a_date_without_utc_offset_is_a_skipped_record_not_a_crash(lea, reopen):
    _history(reopen)
    _inject(lea / "answers-0001.json", "2026-11-26T09:01:00+00:00", "2026-11-24T07:25:00")
    _inject(
        lea / "profile.json",
        '"ended_at": "2026-11-26T09:01:00+00:00"',
        '"ended_at": "2026-11-24T07:25:00"',
    )
    store = reopen()
    assert [r.kind for r in store.recoveries] == [RecoveryKind.RECORDS_SKIPPED] * 2
    assert "no UTC offset" in store.recovery_notice
    assert [a.challenge_id for a in store.answers()] == ["challenge-0"]
    assert store.positionings() == []


def test_a_profile_file_deleted_by_hand_is_restored_from_its_backup_and_said(lea, reopen):
    _history(reopen)
    store = reopen()
    store.update_settings(theme="ansi-light")
    store.close()
    (lea / "profile.json").unlink()
    store = reopen()
    assert [r.kind for r in store.recoveries] == [RecoveryKind.FILE_MISSING]
    assert "profile.json had been deleted" in store.recovery_notice
    assert [p.id for p in store.positionings()] == ["pos-1"]


def test_answers_files_deleted_with_their_backups_are_said(lea, reopen, monkeypatch):
    from pix_tui.store import layout

    monkeypatch.setattr(layout, "ANSWERS_PER_CHUNK", 1)
    store = reopen()
    store.start_positioning(positioning("pos-1"))
    for i in range(3):
        store.record_answer(answer(i))
    store.finish_positioning("pos-1", answer(2).at)
    store.close()
    for name in ("answers-0002.json", "answers-0002.json.bak"):
        (lea / name).unlink(missing_ok=True)
    store = reopen()
    assert [r.kind for r in store.recoveries] == [RecoveryKind.ANSWERS_MISSING]
    assert "answers-0002.json" in store.recovery_notice
    store.close()
    for path in lea.glob("answers-*"):
        path.unlink()
    store = reopen()
    assert [r.kind for r in store.recoveries] == [RecoveryKind.ANSWERS_MISSING]
    assert "1 finished positioning(s) have no answer left" in store.recovery_notice


def test_a_folder_made_by_another_process_meanwhile_is_not_called_a_file(tmp_path, monkeypatch):
    target = tmp_path / "data" / "profiles"
    target.parent.mkdir()
    real_is_dir = Path.is_dir
    calls: list[Path] = []

    def racing_is_dir(path: Path) -> bool:
        answer = real_is_dir(path)
        if path == target and not calls:
            calls.append(path)
            os.mkdir(target)  # another pix-tui creates it right after we looked
        return answer

    monkeypatch.setattr(Path, "is_dir", racing_is_dir)
    store_paths.ensure_private_dir(target)
    assert real_is_dir(target)


def test_the_lock_is_the_portable_library_lock_and_keeps_its_file(data_dir, lea):
    lock = ProfileLock.acquire(lea, "Léa")
    text = (lea / "lock").read_text()
    assert text.split()[0] == str(os.getpid())
    assert (lea / "lock").stat().st_mode & 0o777 == 0o600
    lock.release()
    lock.release()
    assert (lea / "lock").exists()
    with open_profile(data_dir, "Léa"):
        pass
