"""Files only their owner can read, and the optional PIN."""

from __future__ import annotations

import json
import os
import stat

import pytest

from pix_tui.store import (
    InvalidPin,
    PinRequired,
    WrongPin,
    create_profile,
    list_profiles,
    open_profile,
)
from pix_tui.store.paths import profile_folder
from tests.store.records import answer, positioning


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_profile_files_are_readable_by_their_owner_only(data_dir, lea, reopen):
    store = reopen()
    store.start_positioning(positioning())
    store.record_answer(answer(0))
    store.record_answer(answer(1))
    store.close()
    files = [p for p in lea.iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"profile.json", "profile.json.bak", "answers-0001.json"}
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_created_folders_are_private(data_dir, lea):
    for folder in (data_dir, data_dir / "profiles", lea):
        assert _mode(folder) == 0o700


def test_an_existing_data_folder_keeps_its_mode(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    create_profile(shared, "Léa")
    assert _mode(shared) == 0o755
    assert _mode(profile_folder(shared, "Léa")) == 0o700


def test_the_right_pin_opens_the_profile(data_dir):
    create_profile(data_dir, "Léa", pin="2468")
    assert list_profiles(data_dir)[0].has_pin
    with open_profile(data_dir, "Léa", "2468") as store:
        assert store.has_pin


def test_a_wrong_pin_is_refused(data_dir):
    create_profile(data_dir, "Léa", pin="2468")
    with pytest.raises(WrongPin, match="Wrong PIN"):
        open_profile(data_dir, "Léa", "1357")


def test_a_missing_pin_is_asked_for(data_dir):
    create_profile(data_dir, "Léa", pin="2468")
    with pytest.raises(PinRequired, match="protected by a PIN"):
        open_profile(data_dir, "Léa")


def test_a_refused_pin_leaves_the_profile_free(data_dir):
    create_profile(data_dir, "Léa", pin="2468")
    with pytest.raises(WrongPin):
        open_profile(data_dir, "Léa", "0000")
    open_profile(data_dir, "Léa", "2468").close()


def test_the_pin_is_not_written_in_clear(data_dir):
    create_profile(data_dir, "Léa", pin="8642")
    text = (profile_folder(data_dir, "Léa") / "profile.json").read_text("utf-8")
    assert "8642" not in text
    assert '"scrypt"' in text


def test_the_same_pin_gives_different_hashes(data_dir):
    create_profile(data_dir, "Léa", pin="1111")
    create_profile(data_dir, "Tom", pin="1111")

    def pin_hash(name: str) -> str:
        text = (profile_folder(data_dir, name) / "profile.json").read_text("utf-8")
        return json.loads(text)["profile"]["1"]["pin"]["hash"]

    assert pin_hash("Léa") != pin_hash("Tom")


def test_an_empty_pin_means_no_pin(data_dir):
    create_profile(data_dir, "Léa", pin="")
    assert not list_profiles(data_dir)[0].has_pin


def test_an_untypable_pin_is_refused(data_dir):
    with pytest.raises(InvalidPin, match="cannot be typed"):
        create_profile(data_dir, "Léa", pin="12\n34")
    assert list_profiles(data_dir) == []
