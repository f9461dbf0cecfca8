"""Home: the 16 competences, levels and pix, certification in words, and the app-wide keys."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Markdown, Static

from pix_tui.app.messages import AnswerRecorded
from pix_tui.app.screens.help import HelpScreen
from pix_tui.app.screens.home import HomeScreen
from pix_tui.app.screens.progress import ProgressScreen
from pix_tui.app.screens.too_small import TooSmallScreen
from pix_tui.app.widgets.domain_list import DomainList
from pix_tui.core.engine import create_engine
from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Result
from pix_tui.store import create_profile, open_profile
from tests.app.conftest import (
    FIXED_NOW,
    MakeApp,
    derived,
    play_positioning,
    settle,
    write_small_bank,
)


def row_text(app: object, code: str) -> str:
    return app.screen.query_one(DomainList).row_of(code)  # type: ignore[attr-defined]


def status_text(app: object) -> str:
    return str(app.screen.query_one("#home-status", Static).render())  # type: ignore[attr-defined]


async def test_home_lists_the_16_competences_under_their_5_domains(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = app.screen.query_one(DomainList).plain_lines()
        headings = [line for line in lines if " · " in line]
        assert headings == [
            "1 · Information et données",
            "2 · Communication et collaboration",
            "3 · Création de contenus",
            "4 · Protection et sécurité",
            "5 · Environnement numérique",
        ]
        assert len(lines) == 21
        assert lines[1].startswith("1.1 Mener une recherche")
        assert "niv. 0" in row_text(app, "4.3")
        assert "0 / 768 pix" in str(app.screen.query_one("#home-headline", Static).render())
        assert status_text(app) == (
            "0 compétence sur 5 au niveau 1 — encore 5 pour être certifiable"
        )


async def test_home_shows_the_level_and_pix_the_core_derives(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    play_positioning(data_dir, "Léa", bank_dir, "1.1")
    play_positioning(data_dir, "Léa", bank_dir, "2.1", correct=lambda n: n == 0)
    view = derived(data_dir, "Léa", bank_dir)
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for code in ("1.1", "2.1"):
            state = view.competences[code]  # type: ignore[attr-defined]
            assert f"niv. {state.level}" in row_text(app, code)
            assert f"{state.pix} pix" in row_text(app, code)
        reached = sum(1 for c in view.competences.values() if c.level >= 1)  # type: ignore[attr-defined]
        assert view.competences["1.1"].level >= 1  # type: ignore[attr-defined]
        assert status_text(app).startswith(f"{reached} compétence")
        assert f"encore {5 - reached} pour être certifiable" in status_text(app)


async def test_five_competences_at_level_one_make_the_profile_certifiable(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    for code in ("1.1", "1.2", "2.1", "3.1", "4.1"):
        play_positioning(data_dir, "Léa", bank_dir, code)
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert status_text(app).startswith("Profil certifiable : 5 compétences au niveau 1")
        assert app.screen.query_one("#home-status").has_class("-certifiable")


async def test_home_follows_every_recorded_answer_without_being_reopened(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    pid = play_positioning(data_dir, "Léa", bank_dir, "1.2", limit=0, finished=False)
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "en cours" in row_text(app, "1.2")
        assert app.profile_view is not None
        assert app.profile_view.competences["1.2"].answered == 0
        bank = app.ctx.bank
        assert bank is not None
        engine = create_engine("default", bank, "1.2", seed=0)
        for n in range(2):
            challenge = engine.next_challenge()
            assert challenge is not None
            engine.record(challenge.id, Result.KO)
            record = AnswerRecord(
                challenge.id,
                "1.2",
                challenge.skill.name,
                Result.KO,
                "Une mauvaise",
                5.0,
                FIXED_NOW + timedelta(minutes=n + 1),
                pid,
            )
            app.ctx.store.record_answer(record)
            app.post_message(AnswerRecorded(record))
        await settle(pilot)
        live = app.profile_view.competences["1.2"].current  # type: ignore[union-attr]
        assert live is not None and live.answered == 2  # re-derived, nothing reopened
        assert f"en cours ≈ niv. {live.level}" in row_text(app, "1.2")


async def test_demo_mode_needs_no_profile_and_writes_nothing(
    make_app: MakeApp, data_dir: Path
) -> None:
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        headline = str(app.screen.query_one("#home-headline", Static).render())
        assert headline.startswith("Démo")
        assert "rien n'est enregistré" in headline
        await pilot.press("t")
        await settle(pilot)
    assert list(data_dir.rglob("*")) == []


async def test_a_bank_with_broken_files_opens_with_a_notice(
    make_app: MakeApp, data_dir: Path, tmp_path: Path
) -> None:
    bank = write_small_bank(tmp_path / "damaged", competences=("1.1",), broken=3)
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa", challenges=bank)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.ctx.bank is not None and len(app.ctx.bank) == 12
        notices = [n.message for n in app._notifications]
        assert any("3 fichier(s)" in n and "pix-tui check" in n for n in notices), notices


async def test_a_missing_bank_folder_still_opens_and_says_where_it_looked(
    make_app: MakeApp, data_dir: Path, tmp_path: Path
) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa", challenges=tmp_path / "nowhere")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        notices = " ".join(n.message for n in app._notifications)
        assert "nowhere" in notices and "pix-tui check" in notices


async def test_a_too_small_terminal_gets_a_message_until_it_grows(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(70, 20)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        body = str(app.screen.query_one("#too-small-body", Static).render())
        assert "70 colonnes × 20 lignes" in body and "80 × 24" in body
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_starting_in_a_small_terminal_shows_the_message_at_once(make_app: MakeApp) -> None:
    app = make_app(demo=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)


async def test_the_theme_key_cycles_themes_and_the_profile_remembers(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "pix-dark"
        await pilot.press("t")
        await settle(pilot)
        assert app.theme == "pix-light"
        await pilot.press("t")
        await settle(pilot)
        assert app.theme == "pix-ansi-dark"
    with open_profile(data_dir, "Léa") as store:
        assert store.settings["theme"] == "ansi"
    again = make_app(profile="Léa")
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "pix-ansi-dark"


async def test_over_ssh_the_app_goes_low_bandwidth_unless_told_not_to(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa")
    ssh = {"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}
    app = make_app(profile="Léa", environ=ssh)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.ctx.low_bandwidth
        assert app.animation_level == "none"
        assert app.theme == "pix-ansi-dark"
    plain = make_app(profile="Léa", environ=ssh, low_bandwidth=False)
    async with plain.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not plain.ctx.low_bandwidth
        assert plain.theme == "pix-dark"


async def test_f1_and_question_mark_open_the_help_escape_closes_it(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            source = app.screen.query_one(Markdown).source
            assert "Ce n'est **pas** une vraie protection" in source
            assert "`Ctrl+P`" in source and "Retenter le positionnement (4 jours" in source
            assert "`F2` `Ctrl+S` — « Je ne sais pas »" in source
            assert not re.findall(r"\b(?:help|palette|common)\.[a-z_]+", source)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)


async def test_the_command_palette_reaches_the_progress_view(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert CommandPalette.is_open(app)
        await pilot.press(*"progression vers")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)


async def test_home_in_english(make_app: MakeApp, data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert status_text(app) == "0 competences out of 5 at level 1 — 5 more to be certifiable"
        assert "1.1 Searching for and monitoring information" in row_text(app, "1.1")


async def test_practice_and_the_mistakes_queue_open_from_home(
    make_app: MakeApp, data_dir: Path
) -> None:
    from pix_tui.app.screens.practice import PracticeScreen

    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.filter.errors_only
        app.screen.dismiss()
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert not app.screen.filter.errors_only


async def test_the_palette_starts_a_positioning_on_a_named_competence(
    make_app: MakeApp, data_dir: Path
) -> None:
    from pix_tui.app.screens.positioning import PositioningScreen

    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"positionnement 2.1")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PositioningScreen)
        assert app.screen.competence == "2.1"


async def test_a_bank_that_cannot_be_read_leaves_the_app_open_with_a_notice(
    make_app: MakeApp, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pix_tui.core.loader

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pix_tui.core.loader, "load_bank", broken)
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        notices = " ".join(n.message for n in app._notifications)
        assert "Impossible de charger les épreuves" in notices
        assert "No space left on device" in notices
        assert app.ctx.bank is None


async def test_a_theme_that_cannot_be_saved_is_said_and_kept_for_the_session(
    make_app: MakeApp, data_dir: Path
) -> None:
    from pix_tui.store import SaveFailed

    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)

        def full_disk(**values: object) -> None:
            raise SaveFailed(path=data_dir, reason="No space left on device")

        app.ctx.store.update_settings = full_disk
        await pilot.press("t")
        await settle(pilot)
        assert app.theme == "pix-light"
        notices = " ".join(n.message for n in app._notifications)
        assert "Enregistrement impossible : Impossible d'enregistrer dans" in notices
        assert "No space left" in notices


async def test_at_60x20_every_screen_gives_way_to_the_size_notice_and_comes_back(
    make_app: MakeApp, data_dir: Path
) -> None:
    """Home, Browse, the help and the palette: at 60×20 each says what size it needs, keys
    typed meanwhile do nothing, and growing the window brings back the same screen."""
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys in ((), ("b",), ("f1",), ("escape", "ctrl+p")):
            await pilot.press(*keys)
            await settle(pilot)
            stack = list(app.screen_stack)
            await pilot.resize_terminal(60, 20)
            await settle(pilot)
            assert isinstance(app.screen, TooSmallScreen), keys
            body = str(app.screen.query_one("#too-small-body", Static).render())
            assert "60 colonnes × 20 lignes" in body and "au moins 80 × 24" in body
            await pilot.press("b", "enter", "escape")
            await settle(pilot)
            assert isinstance(app.screen, TooSmallScreen)
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            assert list(app.screen_stack) == stack, keys


async def test_a_screen_arriving_while_the_size_notice_shows_waits_under_it(
    make_app: MakeApp, data_dir: Path
) -> None:
    """A positioning's result is pushed by a worker, whatever the window size: at 60×20 it goes
    under the notice and shows whole once the window is big enough, and Esc closes it."""
    from pix_tui.app.screens.help import HelpScreen

    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        app.push_screen(HelpScreen())
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert [type(s) for s in app.screen_stack][-3:] == [HomeScreen, HelpScreen, TooSmallScreen]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
