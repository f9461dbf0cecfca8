"""Format 0 (one TinyDB file, answers inside, no format number) opens and is converted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pix_tui.core.model import Result
from pix_tui.store import layout, list_profiles, open_profile
from pix_tui.store.migrations import ProfileDocuments, migrate
from pix_tui.store.paths import ensure_private_dir, profile_folder

FIXTURE = Path(__file__).parent / "fixtures" / "profile-format0.json"


@pytest.fixture
def camille(data_dir: Path) -> Path:
    folder = profile_folder(data_dir, "Camille")
    ensure_private_dir(folder)
    shutil.copyfile(FIXTURE, folder / "profile.json")
    return folder


def test_a_format_0_profile_opens_with_everything(data_dir, camille):
    assert [p.name for p in list_profiles(data_dir)] == ["Camille"]
    with open_profile(data_dir, "Camille") as store:
        assert [a.challenge_id for a in store.answers()] == [
            "4.1-mots-de-passe-2-a",
            "4.1-mots-de-passe-3-b",
            "4.1-antivirus-2-a",
        ]
        assert [a.result for a in store.answers()] == [Result.OK, Result.KO, Result.SKIPPED]
        assert store.answers()[1].duration_s == 40.0
        assert [p.id for p in store.positionings()] == ["pos-a"]
        assert store.settings == {"theme": "ansi-dark"}
        assert store.resets() == []
        assert store.recovery_notice is None


def test_the_conversion_is_saved_and_the_old_file_kept(data_dir, camille):
    open_profile(data_dir, "Camille").close()
    main = json.loads((camille / "profile.json").read_text("utf-8"))
    assert main["profile"]["1"]["schema"] == layout.SCHEMA_VERSION
    assert "answers" not in main
    assert len(json.loads((camille / "answers-0001.json").read_text("utf-8"))["answers"]) == 3
    kept = json.loads((camille / "profile.format0.json").read_text("utf-8"))
    assert kept == json.loads(FIXTURE.read_text("utf-8"))


def test_a_converted_profile_keeps_working(data_dir, camille, monkeypatch):
    monkeypatch.setattr(layout, "ANSWERS_PER_CHUNK", 2)
    with open_profile(data_dir, "Camille") as store:
        first = store.answers()
        store.record_answer(first[0])
    with open_profile(data_dir, "Camille") as store:
        assert store.answers() == [*first, first[0]]
    assert layout.chunk_numbers(camille) == [1, 2]


def test_an_interrupted_conversion_runs_again_without_duplicates(data_dir, camille):
    (camille / "answers-0001.json").write_text('{"answers": {"1": {"half": "of a run"}}}')
    with open_profile(data_dir, "Camille") as store:
        assert len(store.answers()) == 3
        assert store.recovery_notice is None


def test_the_step_alone_splits_answers_in_order():
    main = json.loads(FIXTURE.read_text("utf-8"))
    docs = migrate(ProfileDocuments(main, ()), 0, per_chunk=2)
    assert [list(c["answers"]) for c in docs.chunks] == [["1", "2"], ["1"]]
    assert docs.chunks[1]["answers"]["1"]["challenge_id"] == "4.1-antivirus-2-a"
    assert docs.main["resets"] == {}
    assert "answers" in main
