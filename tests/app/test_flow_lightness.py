"""What a run of answers leaves behind: one question on screen and no pile of screens or footer
keys; the screens a positioning covers brought up to date when they come back; code blocks
drawn as written. A lab server runs one app per learner, so what stays in memory counts."""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path

import pytest
from textual.highlight import guess_language
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from pix_tui.app.screens.browse import BrowseScreen
from pix_tui.app.screens.positioning import PositioningScreen
from pix_tui.app.widgets.quiet_footer import QuietFooter
from pix_tui.core.loader import load_bank
from tests.app.conftest import _QROC, Clock, MakeApp, one_type_bank, settle, write_small_bank
from tests.app.flow_support import answer, running, screen_text, write_bank
from tests.app.test_flow_widgets import ViewApp, of_type

LOG = """\
20/03 14:00  Installation : extension de navigateur « Traducteur » 2.1
02/04 09:12  Installation : lecteur PDF 11.2
04/04 08:06  Navigateur : moteur de recherche par défaut modifié
"""

CODE = """\
def total(prix):
    return sum(prix) * 1.2
"""


@pytest.fixture
def big_bank(tmp_path: Path) -> Path:
    """Four topics × six levels on 1.1: a positioning long enough to see its footer change."""
    return write_bank(tmp_path / "big")


def at_checkpoint(app: object) -> bool:
    screen = app.screen  # type: ignore[attr-defined]
    return isinstance(screen, PositioningScreen) and screen.checkpoint is not None


async def open_positioning_from_browse(pilot: object) -> None:
    """Home → Browse (b) → Enter: a positioning on the first competence."""
    await pilot.press("b")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(pilot.app.screen, PositioningScreen)  # type: ignore[attr-defined]


async def answer_or_go_on(pilot: object, number: int) -> None:
    """One wrong answer in three keeps the positioning going past its first checkpoint."""
    if at_checkpoint(pilot.app):  # type: ignore[attr-defined]
        await pilot.press("enter")  # type: ignore[attr-defined]
        await settle(pilot)  # type: ignore[arg-type]
    await answer(pilot, right=number % 3 != 2)  # type: ignore[arg-type]


def forgotten_footer_keys() -> int:
    """Footer keys no longer on any screen that something still holds."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, FooterKey) and not o.is_attached)


async def test_answers_do_not_pile_up_screens_or_questions(
    make_app: MakeApp, data_dir: Path, big_bank: Path
) -> None:
    async with running(make_app, data_dir, challenges=big_bank) as pilot:
        app = pilot.app
        await open_positioning_from_browse(pilot)
        depth = len(app.screen_stack)
        for number in range(7):
            await answer_or_go_on(pilot, number)
            assert len(app.screen_stack) == depth
            assert len(app.screen.query_one("#challenge-slot").children) == 1


async def test_a_question_with_the_same_keys_keeps_the_footer_as_drawn(
    make_app: MakeApp, data_dir: Path, tmp_path: Path
) -> None:
    """Between two questions focus leaves the text field, which shows `?` for help, then
    comes back: F1 is drawn for help either way, so nothing is redrawn."""
    typed = one_type_bank(tmp_path / "typed", _QROC)
    async with running(make_app, data_dir, challenges=typed) as pilot:
        app = pilot.app
        await open_positioning_from_browse(pilot)
        footer = app.screen.query_one(QuietFooter)
        keys = list(footer.query(FooterKey))
        await answer(pilot)
        assert "Question 2" in screen_text(app)
        assert list(footer.query(FooterKey)) == keys


async def test_the_footer_lets_go_of_the_keys_it_replaced(
    make_app: MakeApp, data_dir: Path, big_bank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pix_tui.app.widgets.quiet_footer.LET_GO_AFTER_S", 0.05)
    async with running(make_app, data_dir, challenges=big_bank) as pilot:
        app = pilot.app
        await open_positioning_from_browse(pilot)
        footer = app.screen.query_one(QuietFooter)
        await pilot.pause(0.2)
        before = forgotten_footer_keys()
        rebuilt = 0
        for number in range(7):
            keys = set(footer.query(FooterKey))
            await answer_or_go_on(pilot, number)
            assert isinstance(app.screen, PositioningScreen)
            rebuilt += keys != set(footer.query(FooterKey))
        assert rebuilt, "the footer was never rebuilt: nothing to check"
        await pilot.pause(0.2)
        assert forgotten_footer_keys() <= before


async def test_browse_under_a_positioning_catches_up_when_it_comes_back(
    make_app: MakeApp, data_dir: Path, big_bank: Path
) -> None:
    async with running(make_app, data_dir, challenges=big_bank) as pilot:
        app = pilot.app
        await open_positioning_from_browse(pilot)
        browse = app.screen_stack[-2]
        assert isinstance(browse, BrowseScreen)
        state_before = state(browse)
        for number in range(3):
            await answer_or_go_on(pilot, number)
        assert state(browse) == state_before, "a covered screen is not redrawn after each answer"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is browse
        assert "3 réponse(s) déjà données" in state(browse)


def state(browse: BrowseScreen) -> str:
    return str(browse.query_one("#detail-state", Static).render())


def fence_row_colours(app: ViewApp, marker: str) -> set[object]:
    """The colours of the characters drawn on the row showing `marker`."""
    for strip in app.screen._compositor.render_strips():
        text = "".join(segment.text for segment in strip)
        if marker in text:
            return {
                segment.style.color for segment in strip if segment.text.strip() and segment.style
            }
    raise AssertionError(f"{marker!r} is not on screen")


async def test_a_code_block_without_a_language_is_drawn_as_plain_text(tmp_path: Path) -> None:
    assert guess_language(LOG, None) != "text", "Pygments would have coloured it as code"
    bank = load_bank(write_small_bank(tmp_path / "bank")).bank
    statement = f"Le journal :\n\n```\n{LOG}```\n\nLe code :\n\n```python\n{CODE}```\n"
    challenge = replace(of_type(bank, "qcu"), statement=statement)
    app = ViewApp(challenge, Clock())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert len(fence_row_colours(app, "lecteur PDF")) == 1
        assert len(fence_row_colours(app, "return sum")) > 1, "a named language keeps colours"
