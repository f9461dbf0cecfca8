"""The teacher neutralises questions of a finished certification blanche, keys only, at 80x24."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable

from pix_tui.app.certification_session import CertificationSession
from pix_tui.app.screens.class_view import ClassScreen
from pix_tui.app.screens.neutralisation import NeutralisationScreen
from pix_tui.core.certification import score
from pix_tui.core.history import CertificationEnd
from pix_tui.core.loader import load_bank
from pix_tui.core.rules import DEFAULT_RULES
from pix_tui.store import create_profile, open_profile
from tests.app.conftest import FIXED_NOW, MakeApp, play_positioning, right_given, settle
from tests.app.flow_support import until
from tests.app.test_class_view import names, open_class, text_of
from tests.app.test_flow_certification import CERTIFIED
from tests.app.test_keys_like_a_user import FOCUS_KEYS, focus_keys_of

SIZE = (80, 24)
PIN = "1234"
SEED = 11


def certify(data_dir: Path, bank_dir: Path, started: datetime) -> None:
    """A finished certification blanche of Léa with every fourth answer wrong."""
    bank = load_bank(bank_dir).bank
    with open_profile(data_dir, "Léa", PIN) as store:
        session = CertificationSession.open(store, bank, rules=DEFAULT_RULES, now=lambda: started)
        n = 0
        while (current := session.current()) is not None:
            challenge = current[1]
            session.answer(challenge, right_given(challenge) if n % 4 else None, 20.0)
            n += 1
        session.finish(CertificationEnd.COMPLETED)


def finished_certification(data_dir: Path, bank_dir: Path) -> None:
    """Léa (with her own code) positioned on 5 competences, then a certification blanche;
    Zoé has no certification."""
    for number, code in enumerate(CERTIFIED):
        at = FIXED_NOW.replace(hour=8, minute=number)
        play_positioning(data_dir, "Léa", bank_dir, code, at=at, pin=PIN)
    certify(data_dir, bank_dir, FIXED_NOW + timedelta(hours=1))
    create_profile(data_dir, "Zoé")


def stored(data_dir: Path):  # type: ignore[no-untyped-def]
    with open_profile(data_dir, "Léa", PIN) as store:
        [record] = store.certifications()
        return record, score(record, store.answers(), DEFAULT_RULES)


@pytest.fixture(autouse=True)
def steady(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pix_tui.app.certification_session.secrets.randbelow", lambda _n: SEED)


async def open_neutralisation(pilot) -> None:  # type: ignore[no-untyped-def]
    """The class view shows rows as it reads them: wait for both learners."""
    await open_class(pilot)
    await until(pilot, lambda: names(pilot.app) == ["Léa", "Zoé"])
    assert names(pilot.app) == ["Léa", "Zoé"]
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, NeutralisationScreen)


async def test_the_teacher_neutralises_a_question_and_counts_it_again(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    finished_certification(data_dir, bank_dir)
    record, before = stored(data_dir)
    wrong = 4  # the second wrong answer, not the first row
    assert not before.questions[wrong].answer.result.is_correct
    app = make_app(teacher=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_neutralisation(pilot)
        assert "Neutraliser · Léa · certification blanche du" in text_of(app, "#neut-title")
        assert focus_keys_of(app.screen) == FOCUS_KEYS
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(record.questions)
        summary = text_of(app, "#neut-result")
        first = f"Avant : taux {before.rate} % · validée · score {before.score} pix"
        assert first in summary and "Notes : aucune ne change." in summary
        await pilot.press(*["down"] * wrong, "space")
        await settle(pilot)
        _, after = stored(data_dir)
        assert after.record.neutralised == (wrong,)
        assert after.rate > before.rate
        summary = text_of(app, "#neut-result")
        assert first in summary
        assert f"Après : taux {after.rate} % · validée · score {after.score} pix" in summary
        assert "(1 neutralisée(s))" in summary
        assert f"Question {wrong + 1} neutralisée, enregistré." in text_of(app, "#neut-status")
        assert "neutralisée" in str(table.get_row_at(wrong)[4])
        await pilot.press("enter")  # a change of mind: the question counts again
        await settle(pilot)
        assert stored(data_dir)[0].neutralised == ()
        assert f"Après : taux {before.rate} %" in text_of(app, "#neut-result")
        assert "compte de nouveau" in text_of(app, "#neut-status")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ClassScreen)
        await pilot.press("down", "n")  # Zoé: nothing to neutralise
        await settle(pilot)
        assert isinstance(app.screen, ClassScreen)


async def test_a_learner_working_meanwhile_keeps_the_profile_and_the_teacher_is_told(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    finished_certification(data_dir, bank_dir)
    app = make_app(teacher=True, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_neutralisation(pilot)
        with open_profile(data_dir, "Léa", PIN):  # the learner opens her profile
            await pilot.press("space")
            await settle(pilot)
            status = text_of(app, "#neut-status")
        assert status.startswith("Not saved:")
        assert stored(data_dir)[0].neutralised == ()


async def test_c_goes_to_an_older_certification(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    finished_certification(data_dir, bank_dir)
    certify(data_dir, bank_dir, FIXED_NOW + timedelta(days=16))
    app = make_app(teacher=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_neutralisation(pilot)
        assert "18 mars" in text_of(app, "#neut-title") and "(1/2" in text_of(app, "#neut-title")
        await pilot.press("c")
        assert "2 mars" in text_of(app, "#neut-title") and "(2/2" in text_of(app, "#neut-title")
        await pilot.press("space")
        await settle(pilot)
        with open_profile(data_dir, "Léa", PIN) as store:
            older, newer = sorted(store.certifications(), key=lambda c: c.started_at)
        assert older.neutralised == (0,) and newer.neutralised == ()
        assert "(1 neutralisée(s))" in text_of(app, "#neut-result")
        await pilot.press("c")  # back to the newest, untouched
        assert "(1/2" in text_of(app, "#neut-title")
        assert "(0 neutralisée(s))" in text_of(app, "#neut-result")


def test_snapshot(snap_compare, make_app: MakeApp, data_dir: Path, bank_dir: Path) -> None:
    finished_certification(data_dir, bank_dir)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_neutralisation(pilot)
        await pilot.press("space")
        await settle(pilot)

    assert snap_compare(make_app(teacher=True), terminal_size=SIZE, run_before=run_before)
