"""A save that fails says so, and leaves what was saved before intact."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import pytest
from tinydb import TinyDB

from pix_tui.store import SaveFailed
from pix_tui.store.atomic_storage import AtomicJSONStorage
from tests.store.conftest import ROOT
from tests.store.records import answer, positioning


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_is_reported_and_nothing_saved_is_lost(lea, reopen, monkeypatch):
    store = reopen()
    store.record_answer(answer(0))
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", _disk_full)
        with pytest.raises(SaveFailed) as caught:
            store.record_answer(answer(1))
    message = str(caught.value)
    assert "No space left on device" in message
    assert str(lea / "answers-0001.json") in message
    assert store.answers() == [answer(0)]
    assert not [p for p in lea.iterdir() if p.name.endswith(".tmp")]

    store.record_answer(answer(2))
    store.close()
    assert reopen().answers() == [answer(0), answer(2)]


def test_a_failed_profile_change_is_not_kept_in_memory(lea, reopen, monkeypatch):
    store = reopen()
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", _disk_full)
        with pytest.raises(SaveFailed):
            store.start_positioning(positioning("pos-1"))
        with pytest.raises(SaveFailed):
            store.update_settings(theme="dark")
    assert store.positionings() == []
    assert store.settings == {}
    store.start_positioning(positioning("pos-1"))
    store.close()
    assert [p.id for p in reopen().positionings()] == ["pos-1"]


def test_the_atomic_storage_never_leaves_half_a_file(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.insert({"n": 1})
    before = path.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", _disk_full)
        with pytest.raises(OSError):
            db.insert({"n": 2})
    assert path.read_bytes() == before
    assert [doc["n"] for doc in db.all()] == [1]
    db.insert({"n": 3})
    assert json.loads(path.read_text("utf-8"))["_default"] == {"1": {"n": 1}, "3": {"n": 3}}
    assert json.loads((tmp_path / "db.json.bak").read_text("utf-8"))["_default"] == {"1": {"n": 1}}


def test_the_benchmark_reports_every_store_as_json(tmp_path):
    out = subprocess.run(
        [sys.executable, "benchmarks/store.py", "--sizes", "3", "12", "--samples", "2",
         "--baseline-samples", "1", "--json"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    report = json.loads(out)
    assert report["target_median_ms"] == 15.0
    rows = {(row["store"], row["answers"]) for row in report["rows"]}
    stores = ("pix-tui store", "tinydb one file", "atomic one file")
    assert rows == {(store, size) for store in stores for size in (3, 12)}
    assert all(row["median_ms"] > 0 for row in report["rows"])


def test_a_rename_that_fails_halfway_does_not_empty_the_answers(lea, reopen, monkeypatch):
    store = reopen()
    store.record_answer(answer(0))
    store.record_answer(answer(1))
    real_replace = os.replace

    def fail_second(src, dst):
        if str(src).endswith(".tmp"):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", fail_second)
        with pytest.raises(SaveFailed, match="Input/output error"):
            store.record_answer(answer(2))
    store.record_answer(answer(3))
    store.close()
    assert reopen().answers() == [answer(0), answer(1), answer(3)]
