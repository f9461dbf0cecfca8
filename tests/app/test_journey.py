"""A new learner's whole journey on the shipped bank, with the keyboard only, at 80×24.

Create a profile, position on five competences answering what a strong student would, and
see the progress view call the profile certifiable.
"""

from __future__ import annotations

from pathlib import Path

from pix_tui.app.screens.browse import BrowseScreen
from pix_tui.app.screens.home import HomeScreen
from pix_tui.app.screens.positioning import PositioningScreen
from pix_tui.app.screens.progress import ProgressScreen
from pix_tui.app.screens.result import ResultScreen
from pix_tui.core.loader import default_bank_path
from tests.app.flow_support import answer, screen_text, settle, typed

COMPETENCES = 5
MAX_STEPS = 80


async def wait_for(pilot, screen_type, rounds: int = 60) -> None:
    for _ in range(rounds):
        await settle(pilot)
        if isinstance(pilot.app.screen, screen_type):
            return
        await pilot.pause(0.05)
    raise AssertionError(f"{screen_type.__name__} never showed; on {pilot.app.screen!r}")


async def position_to_the_end(pilot) -> None:
    app = pilot.app
    for _ in range(MAX_STEPS):
        if isinstance(app.screen, ResultScreen):
            return
        if getattr(app.screen, "checkpoint", None) is not None:
            await pilot.press("enter")
            await settle(pilot)
            continue
        await answer(pilot, right=True)
    raise AssertionError("the positioning never ended")


async def test_a_new_learner_reaches_a_certifiable_profile(make_app, data_dir: Path) -> None:
    app = make_app(challenges=default_bank_path())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*typed("Noé"), "enter", "enter")
        await wait_for(pilot, HomeScreen)
        for index in range(COMPETENCES):
            await pilot.press(*["down"] * index, "enter")
            await wait_for(pilot, BrowseScreen)
            await pilot.press("enter")
            await wait_for(pilot, PositioningScreen)
            await position_to_the_end(pilot)
            assert "Résultat" in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            if not isinstance(app.screen, HomeScreen):
                await pilot.press("escape")
            await wait_for(pilot, HomeScreen)
        await pilot.press("p")
        await wait_for(pilot, ProgressScreen)
        text = screen_text(app)
        assert "Profil certifiable" in text
        levels = [c.level for c in app.profile_view.competences.values()]
        assert sum(level >= 1 for level in levels) >= COMPETENCES
    assert any(data_dir.rglob("answers-*.json"))
