"""Snapshots of the challenge screen (each type), the checkpoint and the result.

Regenerate with `pytest tests/app/test_snapshots_flow.py --snapshot-update`, then look at the
SVGs under __snapshots__/ before committing them.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from pix_tui.app.positioning_session import make_answer
from pix_tui.app.screens.checkpoint import CheckpointView
from pix_tui.app.screens.positioning import PositioningScreen
from tests.app.conftest import FIXED_NOW
from tests.app.flow_support import PROFILE, answer, create, settle, until_ready

SEED = 7


@pytest.fixture(autouse=True)
def steady(monkeypatch: pytest.MonkeyPatch) -> None:
    """One seed for every positioning and practice, and a cursor that does not blink."""
    monkeypatch.setattr("pix_tui.app.positioning_session.secrets.randbelow", lambda _n: SEED)
    monkeypatch.setattr(Input, "_toggle_cursor", lambda _self: None)


def on_challenge(challenge_id: str, number: int = 3):
    """A positioning on 1.1 showing one chosen challenge as its question `number`."""

    async def run_before(pilot) -> None:
        app = pilot.app
        await until_ready(pilot)
        app.action_position("1.1")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PositioningScreen)
        challenge = app.ctx.bank.get(challenge_id)
        await screen.show_challenge(
            challenge, app.ctx.tr("challenge.question", number=number), SEED
        )
        await settle(pilot)

    return run_before


def profile_app(make_app, data_dir: Path, **options):
    create(data_dir)
    return make_app(profile=PROFILE, **options)


@pytest.mark.parametrize(
    "challenge_id",
    ["c11-alpha-2-1", "c11-beta-3-1", "c11-beta-2-1", "c11-beta-3-2"],
    ids=["qcu", "qcm", "qroc", "qrocm"],
)
def test_challenge(snap_compare, make_app, data_dir: Path, challenge_id: str) -> None:
    app = profile_app(make_app, data_dir)
    assert snap_compare(app, run_before=on_challenge(challenge_id))


LONGEST_SHIPPED = "51-connexion-reseau-6-b"
"""The shipped challenge needing the most rows at 80×24 (statement and answer area), found by
drawing every one as test_shipped_questions_fit does."""


def test_longest_shipped_question_at_80x24(snap_compare, make_app, data_dir: Path) -> None:
    """The answer area and the hint stay on screen; a line says Page↓ shows the rest."""
    from pix_tui.core.loader import default_bank_path

    app = profile_app(make_app, data_dir, challenges=default_bank_path())
    assert snap_compare(app, run_before=on_challenge(LONGEST_SHIPPED))


def test_narrow_side_panel_sits_beside_the_question(snap_compare, make_app, data_dir) -> None:
    """F3 at 80 columns: the question reflows beside the panel instead of under it."""
    app = profile_app(make_app, data_dir)
    assert snap_compare(app, press=["f3"], run_before=on_challenge("c11-alpha-2-1"))


def test_challenge_with_choices_made(snap_compare, make_app, data_dir: Path) -> None:
    app = profile_app(make_app, data_dir)
    assert snap_compare(app, press=["2", "down", "down"], run_before=on_challenge("c11-beta-3-1"))


def test_challenge_wide_with_progress_panel(snap_compare, make_app, data_dir: Path) -> None:
    app = profile_app(make_app, data_dir)
    assert snap_compare(app, terminal_size=(140, 40), run_before=on_challenge("c11-alpha-2-1"))


def test_challenge_low_bandwidth(snap_compare, make_app, data_dir: Path) -> None:
    app = profile_app(make_app, data_dir, low_bandwidth=True)
    assert snap_compare(app, run_before=on_challenge("c11-beta-3-2"))


def test_demo_correction(snap_compare, make_app, data_dir: Path) -> None:
    app = make_app(demo=True)

    async def run_before(pilot) -> None:
        await on_challenge("c11-alpha-2-1", number=1)(pilot)
        await answer(pilot, right=False)

    assert snap_compare(app, run_before=run_before)


def test_checkpoint(snap_compare, make_app, data_dir: Path) -> None:
    app = profile_app(make_app, data_dir)

    async def run_before(pilot) -> None:
        app = pilot.app
        await until_ready(pilot)
        app.action_position("1.1")
        await settle(pilot)
        bank = app.ctx.bank
        plays = [
            ("c11-alpha-1-1", 0),
            ("c11-alpha-2-1", 1),
            ("c11-beta-2-1", "bonne"),
            ("c11-beta-3-1", None),
            ("c11-alpha-3-1", 0),
        ]
        records = [
            make_answer(bank.get(cid), given, 12.0, FIXED_NOW + timedelta(minutes=n), "p")
            for n, (cid, given) in enumerate(plays)
        ]
        challenges = [bank.get(r.challenge_id) for r in records]
        tr = app.ctx.tr
        view = CheckpointView(
            tr, records, challenges, level_before=1, level_now=2, confident=True, first_number=6
        )
        await app.screen.swap_in(view)
        await settle(pilot)

    assert snap_compare(app, run_before=run_before)


def test_result(snap_compare, make_app, data_dir: Path) -> None:
    app = profile_app(make_app, data_dir)

    async def run_before(pilot) -> None:
        app = pilot.app
        await until_ready(pilot)
        app.action_position("1.1")
        await settle(pilot)
        for number in range(1, 40):
            if not isinstance(app.screen, PositioningScreen):
                break
            await answer(pilot, right=number % 3 != 0)
        await settle(pilot)

    assert snap_compare(app, run_before=run_before)
