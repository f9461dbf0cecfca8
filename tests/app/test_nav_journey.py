"""A new learner, from the first screen to a certifiable profile, with keys only."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from pix_tui.app.screens.browse import BrowseScreen
from pix_tui.app.screens.home import HomeScreen
from pix_tui.app.screens.progress import ProgressScreen
from pix_tui.core.loader import default_bank_path
from tests.app.conftest import MakeApp, settle
from tests.app.flow_support import answer_until_result

MAX_QUESTIONS = 60
COMPETENCES = ("1.1", "1.2", "2.1", "3.1", "4.1")


async def position_on(pilot: Pilot[object], row: int) -> None:
    """From home: move to the competence, open it, start, answer right until the result."""
    app = pilot.app
    await pilot.press(*(["up"] * 16), *(["down"] * row))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, BrowseScreen)
    await pilot.press("enter")
    await settle(pilot)
    await answer_until_result(pilot, MAX_QUESTIONS)  # type: ignore[arg-type]
    await pilot.press("escape")
    await settle(pilot)
    if not isinstance(app.screen, HomeScreen):
        await pilot.press("escape")
        await settle(pilot)
    assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("shipped", [False, True], ids=["test-bank", "shipped-bank"])
async def test_a_new_learner_becomes_certifiable_and_the_progress_view_says_so(
    make_app: MakeApp, data_dir: Path, shipped: bool
) -> None:
    """On a small bank, and on the shipped one, where every answer type comes up."""
    app = make_app(challenges=default_bank_path()) if shipped else make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Sacha", "enter")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        rows = {"1.1": 0, "1.2": 1, "2.1": 3, "3.1": 7, "4.1": 11}
        for code in COMPETENCES:
            await position_on(pilot, rows[code])
            view = app.profile_view
            assert view is not None and view.competences[code].level >= 1, code
        status = str(app.screen.query_one("#home-status", Static).render())
        assert status.startswith("Profil certifiable : 5 compétences au niveau 1")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        certification = str(app.screen.query_one("#certification", Static).render())
        assert "Profil certifiable" in certification
    assert any(data_dir.rglob("answers-*.json"))
