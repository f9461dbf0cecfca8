"""Creating, opening, listing profiles and keeping every record across restarts."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

import pytest

from pix_tui.core.history import PositioningState
from pix_tui.store import (
    InvalidRecord,
    ProfileClosed,
    ProfileExists,
    ProfileNotFound,
    create_profile,
    layout,
    list_profiles,
    open_profile,
)
from pix_tui.store.paths import profile_folder
from tests.store.records import START, answer, positioning, reset


def test_every_record_survives_a_restart(lea, reopen):
    store = reopen()
    store.start_positioning(positioning("pos-1"))
    for i in range(3):
        store.record_answer(answer(i))
    store.finish_positioning("pos-1", START + timedelta(minutes=5))
    store.reset_competence(reset("1.1"))
    store.update_settings(theme="ansi-dark", lang="en")
    store.close()

    again = reopen()
    assert again.answers() == [answer(0), answer(1), answer(2)]
    assert again.positionings() == [
        replace(
            positioning("pos-1"),
            state=PositioningState.FINISHED,
            ended_at=START + timedelta(minutes=5),
        )
    ]
    assert again.resets() == [reset("1.1")]
    assert again.settings == {"theme": "ansi-dark", "lang": "en"}
    assert again.recovery_notice is None


def test_answers_keep_their_order_across_chunk_files(lea, reopen, monkeypatch):
    monkeypatch.setattr(layout, "ANSWERS_PER_CHUNK", 3)
    store = reopen()
    for i in range(10):
        store.record_answer(answer(i))
    store.close()
    assert layout.chunk_numbers(lea) == [1, 2, 3, 4]
    again = reopen()
    assert again.answers() == [answer(i) for i in range(10)]
    again.record_answer(answer(10))
    again.close()
    assert reopen().answers() == [answer(i) for i in range(11)]


def test_levels_and_pix_are_not_stored(lea, reopen):
    store = reopen()
    store.record_answer(answer(0))
    store.close()
    stored = b"".join(path.read_bytes() for path in lea.glob("*.json"))
    assert b"pix" not in stored.replace(b"pix-tui", b"")
    assert b"level" not in stored


def test_a_new_profile_is_empty_and_listed(data_dir):
    create_profile(data_dir, "  Noé   Durand ")
    [info] = list_profiles(data_dir)
    assert info.name == "Noé Durand"
    assert not info.has_pin
    with open_profile(data_dir, "noé durand") as store:
        assert store.name == "Noé Durand"
        assert (store.answers(), store.positionings(), store.resets()) == ([], [], [])
        assert store.settings == {}


def test_profiles_are_listed_by_name(data_dir):
    for name in ("zoé", "Adam", "émile", "Béa"):
        create_profile(data_dir, name)
    assert [p.name for p in list_profiles(data_dir)] == ["Adam", "Béa", "zoé", "émile"]


def test_listing_a_missing_data_folder_finds_nothing(tmp_path):
    assert list_profiles(tmp_path / "nowhere") == []


def test_a_name_is_taken_whatever_its_capitals(data_dir):
    create_profile(data_dir, "Léa")
    with pytest.raises(ProfileExists, match="Léa"):
        create_profile(data_dir, "LÉA")
    with open_profile(data_dir, "léa") as store:
        assert store.name == "Léa"


def test_opening_an_unknown_profile_says_so(data_dir, lea):
    with pytest.raises(ProfileNotFound, match='no profile named "Tom"'):
        open_profile(data_dir, "Tom")


def test_starting_a_positioning_twice_is_refused(lea, reopen):
    store = reopen()
    store.start_positioning(positioning("pos-1"))
    with pytest.raises(InvalidRecord, match="pos-1"):
        store.start_positioning(positioning("pos-1"))
    assert len(store.positionings()) == 1


def test_finishing_an_unknown_positioning_is_refused(lea, reopen):
    with pytest.raises(InvalidRecord, match="nope"):
        reopen().finish_positioning("nope", START)


def test_finishing_twice_keeps_the_first_end(lea, reopen):
    store = reopen()
    store.start_positioning(positioning("pos-1"))
    store.finish_positioning("pos-1", START + timedelta(minutes=1))
    store.finish_positioning("pos-1", START + timedelta(minutes=9))
    assert store.positionings()[0].ended_at == START + timedelta(minutes=1)


def test_a_setting_that_cannot_be_saved_is_refused_and_nothing_changes(lea, reopen):
    store = reopen()
    store.update_settings(theme="dark")
    with pytest.raises(InvalidRecord, match="'when'"):
        store.update_settings(lang="fr", when=START)
    assert store.settings == {"theme": "dark"}


def test_settings_are_a_copy(lea, reopen):
    store = reopen()
    store.settings["theme"] = "light"
    assert store.settings == {}


def test_a_closed_store_says_so(lea, reopen):
    store = reopen()
    store.close()
    store.close()
    with pytest.raises(ProfileClosed, match="Léa"):
        store.record_answer(answer(0))


def test_answers_from_several_workers_are_all_saved(lea, reopen, monkeypatch):
    monkeypatch.setattr(layout, "ANSWERS_PER_CHUNK", 7)
    store = reopen()

    def worker(first: int) -> None:
        for i in range(first, first + 20):
            store.record_answer(answer(i))

    threads = [threading.Thread(target=worker, args=(n * 100,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store.close()
    saved = {a.challenge_id for a in reopen().answers()}
    assert saved == {f"challenge-{n * 100 + i}" for n in range(4) for i in range(20)}


def test_a_creation_cut_short_can_be_done_again(data_dir):
    folder = profile_folder(data_dir, "Léa")
    folder.mkdir(parents=True)
    (folder / "lock").write_text("")
    assert list_profiles(data_dir) == []
    with pytest.raises(ProfileNotFound):
        open_profile(data_dir, "Léa")
    create_profile(data_dir, "Léa")
    assert [p.name for p in list_profiles(data_dir)] == ["Léa"]
