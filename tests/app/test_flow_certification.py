"""A certification blanche from home to the result, keys only, at 80x24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from pix_tui.app.screens.certification import CertificationScreen
from pix_tui.app.screens.certification_intro import CertificationIntroScreen
from pix_tui.app.screens.certification_result import CertificationResultScreen
from pix_tui.app.screens.home import HomeScreen
from pix_tui.app.widgets.exam_clock import ExamClock, clock_text
from pix_tui.i18n import Translator
from tests.app.conftest import FIXED_NOW, play_positioning, settle
from tests.app.flow_support import answer, running, screen_text

CERTIFIED = ("1.1", "1.2", "2.1", "3.1", "4.1")


def certifiable(data_dir: Path, bank_dir: Path) -> None:
    for number, code in enumerate(CERTIFIED):
        play_positioning(
            data_dir, "Léa", bank_dir, code, at=FIXED_NOW.replace(hour=8, minute=number)
        )


class Seconds:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.value = 500.0

    def __call__(self) -> float:
        return self.value


async def open_test(pilot: Pilot[Any]) -> None:
    await pilot.press("c")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CertificationIntroScreen)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CertificationScreen)


async def test_a_certifiable_learner_takes_a_whole_certification_with_keys_only(
    make_app, data_dir, bank_dir
) -> None:
    certifiable(data_dir, bank_dir)
    async with running(make_app, data_dir, new_profile=False) as pilot:
        app = pilot.app
        app.ctx.clock = Seconds()  # type: ignore[attr-defined]
        home = screen_text(app)
        assert "Certification blanche disponible : touche c" in home
        await pilot.press("c")
        await settle(pilot)
        intro = screen_text(app)
        assert "105 minutes" in intro
        assert "questions : jusqu'à 3 par compétence" in intro
        await pilot.press("enter")
        await settle(pilot)
        first = screen_text(app)
        assert "Question 1 / " in first
        assert "il reste 1:45:00" in first
        total = app.screen.session.total  # type: ignore[attr-defined]
        assert 5 <= total <= 15
        for number in range(1, total + 1):
            assert isinstance(app.screen, CertificationScreen), number
            assert f"Question {number} / {total}" in screen_text(app)
            await answer(pilot, right=True)
        assert isinstance(app.screen, CertificationResultScreen)
        result = screen_text(app)
        assert "Taux de reproductibilité : 100 %" in result
        assert "Certification validée" in result
        assert "positionnement niveau 3 → certifié niveau 3" in result
        for _ in range(40):
            await pilot.press("pagedown")
        assert "Bonne réponse" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Prochaine certification blanche possible le mardi 17 mars" in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        assert "taux 100 %, validée" in screen_text(app)


async def test_leaving_keeps_answers_and_time_and_the_time_up_ends_the_test(
    make_app, data_dir, bank_dir
) -> None:
    certifiable(data_dir, bank_dir)
    async with running(make_app, data_dir, new_profile=False) as pilot:
        app = pilot.app
        seconds = Seconds()
        app.ctx.clock = seconds  # type: ignore[attr-defined]
        await open_test(pilot)
        await answer(pilot, right=False)
        seconds.value += 600
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Certification blanche en cours : touche c pour la reprendre" in screen_text(app)
        [record] = app.ctx.store.certifications()  # type: ignore[attr-defined]
        assert record.elapsed_s >= 600
        seconds.value = 3.0  # a new run: the monotonic clock starts anywhere
        await pilot.press("c")
        await settle(pilot)
        assert "1 réponse(s) sur" in screen_text(app)
        assert "il reste 95 min" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Question 2 / " in screen_text(app)
        seconds.value += 96 * 60
        app.screen.query_one(ExamClock).tick()
        await settle(pilot)
        assert isinstance(app.screen, CertificationResultScreen)
        result = screen_text(app)
        assert "Certification rejetée" in result
        assert "passée(s) automatiquement" in result
        assert "Fin : temps écoulé." in result


async def test_a_learner_not_certifiable_is_told_what_is_missing(make_app, data_dir) -> None:
    async with running(make_app, data_dir) as pilot:
        await pilot.press("c")
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "pas encore possible" in text
        assert "encore 5 compétences au niveau 1" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CertificationIntroScreen)


async def test_the_demo_fills_a_certifiable_profile_and_writes_nothing(make_app, data_dir) -> None:
    before = set(data_dir.rglob("*"))
    async with running(make_app, data_dir, demo=True) as pilot:
        app = pilot.app
        assert "touche d pour un profil certifiable" in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        assert app.profile_view.certifiable  # type: ignore[union-attr]
        await open_test(pilot)
        await answer(pilot, right=True)
        assert "Question 2 / " in screen_text(app)
    assert set(data_dir.rglob("*")) == before


async def test_giving_up_counts_the_questions_left_as_wrong(make_app, data_dir, bank_dir) -> None:
    certifiable(data_dir, bank_dir)
    async with running(make_app, data_dir, new_profile=False) as pilot:
        app = pilot.app
        await open_test(pilot)
        await answer(pilot, right=True)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, CertificationResultScreen)
        assert "Fin : certification abandonnée." in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        [page] = (data_dir / "exports").glob("pix-tui-lea-*.html")
        assert "Certifications blanches" in page.read_text(encoding="utf-8")


def test_the_global_clock_text_moves_once_a_minute_in_low_bandwidth() -> None:
    tr = Translator("fr")
    texts = {clock_text(tr, 3600 + 12 * 60 - s, coarse=True) for s in range(0, 59)}
    assert texts == {"il reste 1 h 12"}
    assert clock_text(tr, 61 * 60, coarse=True) == "il reste 1 h 01"
    assert clock_text(tr, 30 * 60 - 1, coarse=True) == "il reste 30 min"
    last_minute = {clock_text(tr, s + 0.5, coarse=True) for s in range(0, 60)}
    assert len(last_minute) == 60
    assert clock_text(tr, 6300, coarse=False) == "il reste 1:45:00"
    assert clock_text(tr, -5, coarse=False) == "il reste 0 s"


async def test_the_exam_clock_repaints_only_when_its_text_changes(
    make_app, data_dir, bank_dir
) -> None:
    certifiable(data_dir, bank_dir)
    async with running(make_app, data_dir, new_profile=False, low_bandwidth=True) as pilot:
        app = pilot.app
        seconds = Seconds()
        app.ctx.clock = seconds  # type: ignore[attr-defined]
        await open_test(pilot)
        clock = app.screen.query_one(ExamClock)
        updates: list[str] = []
        original = clock.update
        clock.update = lambda text="": updates.append(str(text)) or original(text)  # type: ignore[method-assign]
        for _ in range(50):
            seconds.value += 1
            clock.tick()
        assert len(updates) <= 1
        seconds.value += 6200  # 50 s left
        clock.tick()
        updates.clear()
        for _ in range(10):
            seconds.value += 1
            clock.tick()
        assert len(updates) == 10
