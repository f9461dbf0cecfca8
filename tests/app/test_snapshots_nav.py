"""SVG snapshots of the navigation screens at 80×24 (the lab terminal) and 140×40.

Regenerate with `pytest tests/app/test_snapshots_nav.py --snapshot-update`, then look at the
SVGs in __snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from pix_tui.store import create_profile
from tests.app.conftest import MakeApp, play_positioning, settle

SnapCompare = Callable[..., bool]


def ready(*keys: str) -> Callable[[Pilot[Any]], Any]:
    """Wait for the workers, stop the cursor blinking, press `keys`, wait again."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.fixture
def learner(data_dir: Path, bank_dir: Path) -> str:
    """Léa: 1.1 finished all right, 2.1 finished all wrong, 1.2 in progress."""
    play_positioning(data_dir, "Léa", bank_dir, "1.1")
    play_positioning(data_dir, "Léa", bank_dir, "2.1", correct=lambda n: False)
    play_positioning(data_dir, "Léa", bank_dir, "1.2", limit=2, finished=False)
    return "Léa"


def test_picker_lists_profiles(
    snap_compare: SnapCompare, make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa", "1234")
    create_profile(data_dir, "Hugo")
    assert snap_compare(make_app(), run_before=ready())


def test_picker_first_start(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), run_before=ready())


def test_picker_form_with_an_error(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    """At 80×24 the error is drawn, right above the footer."""
    assert snap_compare(make_app(), run_before=ready(*"Max", "tab", "1", "2", "enter"))


def test_picker_form_with_thirty_profiles(
    snap_compare: SnapCompare, make_app: MakeApp, data_dir: Path
) -> None:
    """A shared lab account: the list shrinks, the whole form stays above the footer."""
    for number in range(30):
        create_profile(data_dir, f"Élève {number:02d}")
    keys = ("n", *"Zoé", "tab", "1", "enter")
    assert snap_compare(make_app(), run_before=ready(*keys))


def test_home(snap_compare: SnapCompare, make_app: MakeApp, learner: str) -> None:
    assert snap_compare(make_app(profile=learner), run_before=ready())


def test_home_wide(snap_compare: SnapCompare, make_app: MakeApp, learner: str) -> None:
    app = make_app(profile=learner)
    assert snap_compare(app, run_before=ready(), terminal_size=(140, 40))


def test_home_low_bandwidth_ansi(
    snap_compare: SnapCompare, make_app: MakeApp, learner: str
) -> None:
    assert snap_compare(make_app(profile=learner, low_bandwidth=True), run_before=ready())


def test_home_english(snap_compare: SnapCompare, make_app: MakeApp, learner: str) -> None:
    assert snap_compare(make_app(profile=learner, lang="en"), run_before=ready())


def test_browse_finished_competence(
    snap_compare: SnapCompare, make_app: MakeApp, learner: str
) -> None:
    assert snap_compare(make_app(profile=learner), run_before=ready("b"))


def test_progress(snap_compare: SnapCompare, make_app: MakeApp, learner: str) -> None:
    assert snap_compare(make_app(profile=learner), run_before=ready("p"))


def test_progress_wide(snap_compare: SnapCompare, make_app: MakeApp, learner: str) -> None:
    app = make_app(profile=learner)
    assert snap_compare(app, run_before=ready("p"), terminal_size=(140, 40))


def test_help(snap_compare: SnapCompare, make_app: MakeApp, learner: str) -> None:
    assert snap_compare(make_app(profile=learner), run_before=ready("f1"))


def test_too_small(snap_compare: SnapCompare, make_app: MakeApp, learner: str) -> None:
    app = make_app(profile=learner)
    assert snap_compare(app, run_before=ready(), terminal_size=(64, 20))
