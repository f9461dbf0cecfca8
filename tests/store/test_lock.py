"""One pix-tui at a time per profile; a crashed one never blocks the next."""

from __future__ import annotations

import signal

import pytest

from pix_tui.store import ProfileExists, ProfileLocked, create_profile, open_profile
from tests.store.conftest import spawn_child
from tests.store.records import answer


def _wait_ready(child) -> None:
    line = child.stdout.readline()
    assert line == "ready\n", child.stderr.read()


def test_a_second_window_in_the_same_process_is_refused(data_dir, lea):
    with open_profile(data_dir, "Léa"), pytest.raises(ProfileLocked, match="Léa"):
        open_profile(data_dir, "Léa")


def test_closing_lets_the_next_one_in(data_dir, lea):
    open_profile(data_dir, "Léa").close()
    with open_profile(data_dir, "Léa") as store:
        store.record_answer(answer(0))


def test_a_second_process_is_told_who_holds_the_profile(data_dir, lea):
    child = spawn_child("hold", str(data_dir), "Léa")
    try:
        _wait_ready(child)
        with pytest.raises(ProfileLocked) as caught:
            open_profile(data_dir, "Léa")
        message = str(caught.value)
        assert '"Léa"' in message
        assert f"process {child.pid}" in message
        assert "Close it there first" in message
    finally:
        child.communicate("")
    assert child.returncode == 0
    with open_profile(data_dir, "Léa") as store:
        assert store.answers() == []


def test_a_killed_process_leaves_no_lock_behind(data_dir, lea):
    child = spawn_child("hold", str(data_dir), "Léa")
    _wait_ready(child)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert (lea / "lock").exists()
    with open_profile(data_dir, "Léa") as store:
        store.record_answer(answer(0))


def test_creating_a_profile_that_is_open_elsewhere_says_it_exists(data_dir, lea):
    with open_profile(data_dir, "Léa"), pytest.raises(ProfileExists):
        create_profile(data_dir, "léa")


def test_other_profiles_are_not_blocked(data_dir, lea):
    create_profile(data_dir, "Tom")
    with open_profile(data_dir, "Léa"), open_profile(data_dir, "Tom") as tom:
        assert tom.name == "Tom"
