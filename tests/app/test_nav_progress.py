"""Progress toward certification, full screen and as the compact panel beside a challenge."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.app import App
from textual.widgets import Sparkline, Static

from pix_tui.app.messages import AnswerRecorded
from pix_tui.app.screens.progress import ProgressScreen
from pix_tui.app.widgets.progress_panel import ProgressPanel
from pix_tui.core.engine import create_engine
from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Result
from pix_tui.store import create_profile
from tests.app.conftest import FIXED_NOW, MakeApp, play_positioning, settle


def text_of(app: App[object], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_progress_shows_certification_pix_domains_and_next_steps(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    play_positioning(data_dir, "Léa", bank_dir, "1.1")
    play_positioning(data_dir, "Léa", bank_dir, "2.1")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        view = app.profile_view
        assert view is not None
        assert text_of(app, "#certification").endswith(
            "2 compétences sur 5 au niveau 1 — encore 3 pour être certifiable"
        )
        assert f"{view.pix} / 768 pix" in text_of(app, "#pix-total")
        domain_1 = view.competences["1.1"].pix
        assert text_of(app, "#by-domain-1").endswith(f"{domain_1:>3}/144 pix")
        assert "1.1 Mener une recherche" in text_of(app, "#by-competence")
        steps = text_of(app, "#next-steps")
        assert "1.2 Gérer des données : à commencer" in steps
        assert app.screen.query_one("#history", Sparkline).data == [
            0.0,
            *(float(p) for p in view.pix_series),
        ]


async def test_progress_follows_answers_while_it_is_open(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    pid = play_positioning(data_dir, "Léa", bank_dir, "3.1", limit=0, finished=False)
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        before = text_of(app, "#live")
        bank = app.ctx.bank
        assert bank is not None
        engine = create_engine("default", bank, "3.1", seed=0)
        challenge = engine.next_challenge()
        assert challenge is not None
        record = AnswerRecord(
            challenge.id,
            "3.1",
            challenge.skill.name,
            Result.KO,
            "?",
            3.0,
            FIXED_NOW + timedelta(minutes=1),
            pid,
        )
        app.ctx.store.record_answer(record)
        app.post_message(AnswerRecorded(record))
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        after = text_of(app, "#live")
        assert after != before
        assert "après 1 réponse(s)" in after


async def test_the_panel_reads_the_same_profile_in_a_small_space(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    for code in ("1.1", "1.2", "2.1", "3.1", "4.1"):
        play_positioning(data_dir, "Léa", bank_dir, code)
    app = make_app(profile="Léa")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        panel = ProgressPanel(id="side-panel")
        await app.screen.mount(panel)
        await settle(pilot)
        certification = str(panel.query_one(".panel-certification", Static).render())
        assert certification == "█████ Certifiable (5 compétences au niveau 1)"
        pix = app.profile_view.pix  # type: ignore[union-attr]
        assert str(panel.query_one(".panel-pix", Static).render()) == f"{pix} / 768 pix"


async def test_progress_in_english(make_app: MakeApp, data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa", lang="en")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert text_of(app, "#progress-title") == "My progress toward certification"
        assert "1.1 Searching for and monitoring information: to start" in text_of(
            app, "#next-steps"
        )


async def test_escape_leaves_progress_for_home(make_app: MakeApp, data_dir: Path) -> None:
    from pix_tui.app.screens.home import HomeScreen

    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_next_steps_give_the_date_a_locked_retry_opens(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    play_positioning(data_dir, "Léa", bank_dir, "1.1", correct=lambda n: n < 2)
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        steps = text_of(app, "#next-steps").splitlines()
        line = next(step for step in steps if step.startswith("· 1.1 "))
        assert line.endswith("(nouvel essai possible à partir du vendredi 6 mars à 9 h 33)")
