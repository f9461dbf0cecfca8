"""Snapshots of the certification blanche: introduction, a question with the global clock, the
result. Regenerate with `pytest tests/app/test_snapshots_certification.py --snapshot-update`,
then look at the SVGs under __snapshots__/ before committing them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.app.flow_support import answer, settle, until_ready
from tests.app.test_flow_certification import Seconds, certifiable

SEED = 11


@pytest.fixture(autouse=True)
def steady(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pix_tui.app.certification_session.secrets.randbelow", lambda _n: SEED)
    monkeypatch.setattr(Input, "_toggle_cursor", lambda _self: None)


def certifiable_app(make_app, data_dir: Path, bank_dir: Path):
    certifiable(data_dir, bank_dir)
    app = make_app(profile="Léa")
    app.ctx.clock = Seconds()
    return app


async def _intro(pilot) -> None:
    await until_ready(pilot)
    await pilot.press("c")
    await settle(pilot)


def test_intro(snap_compare, make_app, data_dir: Path, bank_dir: Path) -> None:
    app = certifiable_app(make_app, data_dir, bank_dir)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_intro)


def test_question(snap_compare, make_app, data_dir: Path, bank_dir: Path) -> None:
    async def run_before(pilot) -> None:
        await _intro(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await answer(pilot, right=True)

    app = certifiable_app(make_app, data_dir, bank_dir)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_result(snap_compare, make_app, data_dir: Path, bank_dir: Path) -> None:
    async def run_before(pilot) -> None:
        await _intro(pilot)
        await pilot.press("enter")
        await settle(pilot)
        total = pilot.app.screen.session.total
        for number in range(total):
            await answer(pilot, right=number % 4 != 0)

    app = certifiable_app(make_app, data_dir, bank_dir)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
