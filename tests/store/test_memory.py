"""The demo profile behaves like a real one and leaves nothing on disk."""

from __future__ import annotations

import builtins
import os
from datetime import timedelta

import pytest

from pix_tui.store import InvalidRecord, MemoryProfileStore, ProfileClosed
from tests.store.records import START, answer, positioning, reset


def _forbid_files(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError(f"the demo store opened a file: {args[:1]}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(os, "mkdir", refuse)


def test_the_demo_store_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("PIX_TUI_DATA", str(tmp_path / "data"))
    _forbid_files(monkeypatch)
    store = MemoryProfileStore("Démo")
    store.start_positioning(positioning())
    for i in range(5):
        store.record_answer(answer(i))
    store.finish_positioning("pos-1", START + timedelta(hours=1))
    store.reset_competence(reset())
    store.update_settings(theme="ansi-dark")
    store.close()
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_the_demo_store_keeps_what_it_is_given():
    store = MemoryProfileStore("Démo")
    assert store.name == "Démo"
    assert store.recovery_notice is None
    store.start_positioning(positioning())
    store.record_answer(answer(0))
    store.update_settings(lang="en")
    store.update_settings(theme="light")
    assert store.answers() == [answer(0)]
    assert store.positionings() == [positioning()]
    assert store.settings == {"lang": "en", "theme": "light"}


def test_the_demo_store_refuses_what_the_real_one_refuses():
    store = MemoryProfileStore("Démo")
    store.start_positioning(positioning())
    with pytest.raises(InvalidRecord):
        store.start_positioning(positioning())
    with pytest.raises(InvalidRecord):
        store.update_settings(bad=object())
    store.close()
    with pytest.raises(ProfileClosed):
        store.answers()
