"""A teacher renames, deletes to the trash, restores, resets a code; a learner changes theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pix_tui.store import (
    PinRequired,
    ProfileExists,
    ProfileLocked,
    WrongPin,
    create_profile,
    list_profiles,
    open_profile,
)
from pix_tui.store.management import (
    change_own_code,
    delete_profile,
    list_trash,
    rename_profile,
    reset_code,
    restore_profile,
)
from tests.store.test_class_folder import answer


def test_rename_keeps_the_answers(data_dir: Path) -> None:
    create_profile(data_dir, "Lea")
    with open_profile(data_dir, "Lea") as store:
        store.record_answer(answer(1))
    assert rename_profile(data_dir, "Lea", "Léa Martin") == "Léa Martin"
    assert [p.name for p in list_profiles(data_dir)] == ["Léa Martin"]
    with open_profile(data_dir, "Léa Martin") as store:
        assert len(store.answers()) == 1


def test_rename_refuses_a_taken_name_and_an_open_profile(data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    create_profile(data_dir, "Noé")
    with pytest.raises(ProfileExists):
        rename_profile(data_dir, "Léa", "noé")
    with open_profile(data_dir, "Léa"), pytest.raises(ProfileLocked):
        rename_profile(data_dir, "Léa", "Léna")
    assert rename_profile(data_dir, "Léa", "LÉA") == "LÉA"
    assert [p.name for p in list_profiles(data_dir)] == ["LÉA", "Noé"]


def test_delete_moves_to_the_trash_and_restore_brings_it_back(data_dir: Path) -> None:
    create_profile(data_dir, "Léa", "1234")
    with open_profile(data_dir, "Léa", "1234") as store:
        store.record_answer(answer(1))
    gone = delete_profile(data_dir, "Léa")
    assert gone.parent == data_dir / "trash"
    assert list_profiles(data_dir) == []
    (entry,) = list_trash(data_dir)
    assert entry.name == "Léa"
    restore_profile(data_dir, entry)
    assert list_trash(data_dir) == []
    with open_profile(data_dir, "Léa", "1234") as store:
        assert len(store.answers()) == 1


def test_restore_refuses_to_overwrite_a_new_profile_of_that_name(data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    delete_profile(data_dir, "Léa")
    create_profile(data_dir, "Léa")
    (entry,) = list_trash(data_dir)
    with pytest.raises(ProfileExists):
        restore_profile(data_dir, entry)
    assert list_trash(data_dir) == [entry]


def test_an_open_profile_cannot_be_deleted(data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    with open_profile(data_dir, "Léa"), pytest.raises(ProfileLocked):
        delete_profile(data_dir, "Léa")
    assert [p.name for p in list_profiles(data_dir)] == ["Léa"]


def test_a_forgotten_code_is_reset_by_the_teacher(data_dir: Path) -> None:
    create_profile(data_dir, "Léa", "1234")
    reset_code(data_dir, "Léa")
    open_profile(data_dir, "Léa").close()
    reset_code(data_dir, "Léa", "9876")
    with pytest.raises(PinRequired):
        open_profile(data_dir, "Léa")
    open_profile(data_dir, "Léa", "9876").close()


def test_a_learner_changes_or_removes_their_own_code(data_dir: Path) -> None:
    create_profile(data_dir, "Léa", "1234")
    with pytest.raises(WrongPin):
        change_own_code(data_dir, "Léa", "0000", "5555")
    change_own_code(data_dir, "Léa", "1234", "5555")
    open_profile(data_dir, "Léa", "5555").close()
    change_own_code(data_dir, "Léa", "5555", None)
    open_profile(data_dir, "Léa").close()
