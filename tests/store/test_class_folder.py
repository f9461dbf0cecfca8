"""Reading a class: every profile, live, without a lock, without a write, naming the unreadable."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Result
from pix_tui.store import UnsupportedSchema, create_profile, open_profile
from pix_tui.store.class_folder import ClassReader, last_activity
from pix_tui.store.paths import ensure_private_dir, profile_folder

FIXTURE = Path(__file__).parent / "fixtures" / "profile-format0.json"
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def answer(n: int) -> AnswerRecord:
    return AnswerRecord(
        "c11-alpha-1-1", "1.1", "@alpha1", Result.OK, "x", 3.0, AT.replace(minute=n)
    )


def files_of(data_dir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(data_dir)): path.read_bytes()
        for path in sorted(data_dir.rglob("*"))
        if path.is_file()
    }


def test_a_profile_open_in_another_pix_tui_is_read_as_it_is_now(data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    create_profile(data_dir, "Noé", "1234")
    reader = ClassReader(data_dir)
    with open_profile(data_dir, "Léa") as store:
        store.record_answer(answer(1))
        before = files_of(data_dir)
        snapshot = reader.read()
        assert [p.name for p in snapshot.profiles] == ["Léa", "Noé"]
        assert [len(p.answers()) for p in snapshot.profiles] == [1, 0]
        assert [p.has_pin for p in snapshot.profiles] == [False, True]
        assert files_of(data_dir) == before
        store.record_answer(answer(2))
        assert [len(p.answers()) for p in reader.read().profiles] == [2, 0]
        store.record_answer(answer(3))
    assert last_activity(reader.read().profiles[0]) == AT.replace(minute=3)


def test_a_refresh_with_nothing_new_changes_nothing(data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    reader = ClassReader(data_dir)
    assert reader.read().changed
    assert not reader.read().changed


def test_a_corrupt_profile_is_named_skipped_and_left_alone(data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    create_profile(data_dir, "Zoé")
    folder = profile_folder(data_dir, "Zoé")
    (folder / "profile.json").write_text("{ pas du json", encoding="utf-8")
    (folder / "profile.json.bak").write_text("", encoding="utf-8")
    before = files_of(data_dir)
    snapshot = ClassReader(data_dir).read()
    assert [p.name for p in snapshot.profiles] == ["Léa"]
    assert [p.folder for p in snapshot.problems] == [folder]
    assert "not valid JSON" in str(snapshot.problems[0].error)
    assert files_of(data_dir) == before


def test_a_damaged_main_file_is_read_from_its_backup_without_repairing(data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    folder = profile_folder(data_dir, "Léa")
    (folder / "profile.json").write_text("{", encoding="utf-8")
    before = files_of(data_dir)
    assert [p.name for p in ClassReader(data_dir).read().profiles] == ["Léa"]
    assert files_of(data_dir) == before


def test_a_profile_from_a_newer_pix_tui_is_named_and_untouched(data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    main = profile_folder(data_dir, "Léa") / "profile.json"
    tables = json.loads(main.read_text("utf-8"))
    tables["profile"]["1"]["schema"] = 99
    main.write_text(json.dumps(tables), encoding="utf-8")
    before = files_of(data_dir)
    snapshot = ClassReader(data_dir).read()
    assert snapshot.profiles == ()
    assert isinstance(snapshot.problems[0].error, UnsupportedSchema)
    assert files_of(data_dir) == before


def test_an_older_format_is_read_in_memory_only(data_dir: Path) -> None:
    folder = profile_folder(data_dir, "Camille")
    ensure_private_dir(folder)
    shutil.copyfile(FIXTURE, folder / "profile.json")
    before = files_of(data_dir)
    (camille,) = ClassReader(data_dir).read().profiles
    assert camille.name == "Camille"
    assert camille.answers() and camille.positionings
    assert files_of(data_dir) == before


def test_an_empty_data_folder_is_an_empty_class(tmp_path: Path) -> None:
    snapshot = ClassReader(tmp_path / "nothing-here").read()
    assert snapshot.profiles == () and snapshot.problems == ()
