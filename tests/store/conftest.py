from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pix_tui.store import create_profile, open_profile
from pix_tui.store.paths import profile_folder

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Never the learner's real folder: a fresh tmp_path for each test."""
    return tmp_path / "data"


@pytest.fixture
def lea(data_dir: Path) -> Path:
    """A created profile "Léa"; returns its folder."""
    create_profile(data_dir, "Léa")
    return profile_folder(data_dir, "Léa")


@pytest.fixture
def reopen(data_dir: Path) -> Iterator[Callable[..., object]]:
    """`reopen(name)` opens a profile and closes it at the end of the test."""
    opened = []

    def factory(name: str = "Léa", pin: str | None = None):
        store = open_profile(data_dir, name, pin)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


def spawn_child(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.child", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
