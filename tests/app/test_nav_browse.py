"""Browse: the referential tree, a competence's details, and what can be done from it, when."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, Tree

from pix_tui.app.screens.browse import BrowseScreen
from pix_tui.app.screens.confirm import ConfirmScreen
from pix_tui.app.screens.home import HomeScreen
from pix_tui.store import create_profile, open_profile
from tests.app.conftest import Clock, MakeApp, play_positioning, settle
from tests.app.flow_support import screen_text, until


def detail(app: object, part: str) -> str:
    return str(app.screen.query_one(f"#detail-{part}", Static).render())  # type: ignore[attr-defined]


def footer_state(app: object, action: str) -> bool | None:
    return app.screen.check_action(action, ())  # type: ignore[attr-defined]


async def open_browse(pilot: object, code: str | None = None) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    app.action_browse(code or "")
    await settle(pilot)  # type: ignore[arg-type]


async def test_browse_shows_the_tree_and_the_chosen_competence(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        tree = app.screen.query_one(Tree)
        domains = [str(node.label) for node in tree.root.children]
        assert domains[0] == "1 Information et données" and len(domains) == 5
        assert sum(len(node.children) for node in tree.root.children) == 16
        assert detail(app, "title") == "1.1 · Mener une recherche et une veille d'information"
        assert "distinguer un navigateur d'un moteur de recherche" in detail(app, "description")
        assert "12 épreuves" in detail(app, "topics")
        assert "· Premier sujet\n· beta" in detail(app, "topics")  # a title, else the slug
        assert "niveau 0 sur 6" in detail(app, "level")
        await pilot.press("down", "down", "down")  # 1.2, 1.3, domain 2
        await pilot.press("down")
        await settle(pilot)
        assert detail(app, "title").startswith("2.1 · Interagir")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_enter_on_a_home_row_opens_that_competence(make_app: MakeApp, data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert detail(app, "title").startswith("1.3 · Traiter des données")


async def test_a_competence_the_bank_lacks_cannot_be_started(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browse(pilot, "3.4")
        assert "Aucune épreuve" in detail(app, "topics")
        assert screen_text(app).count("Aucune épreuve") == 1, "said once"
        assert footer_state(app, "start") is None
        assert footer_state(app, "practise") is None


async def test_retry_is_greyed_with_its_date_until_the_delay_has_passed(
    make_app: MakeApp, data_dir: Path, bank_dir: Path, clock: Clock
) -> None:
    play_positioning(data_dir, "Léa", bank_dir, "1.1", correct=lambda n: n < 2)
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browse(pilot, "1.1")
        assert footer_state(app, "start") is None
        assert footer_state(app, "retry") is None
        assert footer_state(app, "reset") is None
        assert footer_state(app, "review") is True
        actions = detail(app, "actions")
        assert "Retenter (r) : possible à partir du vendredi 6 mars à 9 h" in actions
        assert "Remettre à zéro (z) : possible à partir du lundi 9 mars à 9 h" in actions
    clock.advance(days=4, minutes=5)
    later = make_app(profile="Léa")
    async with later.run_test(size=(80, 24)) as pilot:
        await open_browse(pilot, "1.1")
        assert footer_state(later, "retry") is True
        assert footer_state(later, "reset") is None
        assert "Retenter (r) : possible maintenant" in detail(later, "actions")


async def test_a_positioning_in_progress_offers_to_resume(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    play_positioning(data_dir, "Léa", bank_dir, "2.1", limit=3, finished=False)
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browse(pilot, "2.1")
        assert "3 réponse(s) déjà données" in detail(app, "state")
        assert footer_state(app, "start") is True
        assert footer_state(app, "review") is None


async def test_reset_asks_first_then_brings_the_competence_back_to_zero(
    make_app: MakeApp, data_dir: Path, bank_dir: Path, clock: Clock
) -> None:
    play_positioning(data_dir, "Léa", bank_dir, "1.1")
    clock.advance(days=8)
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browse(pilot, "1.1")
        assert app.profile_view is not None
        assert app.profile_view.competences["1.1"].level >= 1
        assert footer_state(app, "reset") is True
        await pilot.press("z")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert app.profile_view.competences["1.1"].level >= 1
        await pilot.press("z", "o")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert app.profile_view.competences["1.1"].level == 0
        assert "niveau 0 sur 6" in detail(app, "level")
    with open_profile(data_dir, "Léa") as store:
        assert [r.competence for r in store.resets()] == ["1.1"]


async def test_start_retry_practise_and_review_open_their_screens(
    make_app: MakeApp, data_dir: Path, bank_dir: Path, clock: Clock
) -> None:
    from pix_tui.app.screens.positioning import PositioningScreen
    from pix_tui.app.screens.practice import PracticeScreen
    from pix_tui.app.screens.result import ResultScreen

    pid = play_positioning(data_dir, "Léa", bank_dir, "1.1")
    clock.advance(days=5)
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browse(pilot, "2.1")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PositioningScreen)
        assert app.screen.competence == "2.1" and not app.screen.retry
        app.screen.dismiss()
        await open_browse(pilot, "1.1")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, PositioningScreen) and app.screen.retry
        app.screen.dismiss()
        await open_browse(pilot, "1.1")
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ResultScreen)
        assert app.screen.positioning_id == pid
        app.screen.dismiss()
        await open_browse(pilot, "1.1")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.filter.competence == "1.1"


async def test_browse_in_english(make_app: MakeApp, data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browse(pilot, "4.2")
        assert detail(app, "title") == "4.2 · Protecting personal data and privacy"
        assert detail(app, "domain") == "Domain 4 · Protection and security"


def notice(app: object) -> str:
    """The line above the footer where a greyed key says why, as the learner reads it."""
    widget = app.screen.query_one("#browse-notice", Static)  # type: ignore[attr-defined]
    return " ".join(str(widget.render()).split()) if widget.display else ""


async def test_a_greyed_key_says_why_and_when_where_the_learner_looks(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    play_positioning(data_dir, "Léa", bank_dir, "1.1", correct=lambda n: n < 2)
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # home → Browse on 1.1
        await settle(pilot)
        assert notice(app) == ""
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert notice(app) == (
            "1.1 : positionnement terminé. Pour le retenter, touche r, "
            "possible à partir du vendredi 6 mars à 9 h 33."
        )
        screen = screen_text(app)
        assert "1.1 : positionnement terminé. Pour le retenter, touche r" in screen
        await pilot.press("r")
        await settle(pilot)
        assert "Retenter (r) sera possible à partir du vendredi 6 mars à 9 h 33" in notice(app)
        await pilot.press("z")
        await settle(pilot)
        assert "Remettre à zéro (z) sera possible à partir du lundi 9 mars à 9 h 33" in notice(app)
        assert "lundi 9 mars à 9 h 33" in screen_text(app)
        await pilot.press("down")  # 1.2: never positioned
        await settle(pilot)
        assert notice(app) == "", "the notice belongs to the competence it was about"
        await pilot.press("r")
        await settle(pilot)
        assert (
            notice(app)
            == "1.2 : rien à retenter, pas encore de positionnement. Entrée pour commencer."
        )
        await pilot.press("v")
        await settle(pilot)
        assert "pas encore de résultat à revoir" in notice(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, BrowseScreen), "an allowed key still works"


async def test_a_greyed_key_explains_itself_in_english(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    play_positioning(data_dir, "Léa", bank_dir, "1.1", correct=lambda n: n < 2)
    app = make_app(profile="Léa", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browse(pilot, "1.1")
        await pilot.press("r")
        await settle(pilot)
        assert notice(app) == (
            "1.1: no new attempt yet. Retry (r) will be available from Friday 6 March at 9:33."
        )


async def test_positioning_a_finished_competence_from_the_palette_says_how_to_retry(
    make_app: MakeApp, data_dir: Path, bank_dir: Path, clock: Clock
) -> None:
    from pix_tui.app.screens.positioning import PositioningScreen

    play_positioning(data_dir, "Léa", bank_dir, "1.1", correct=lambda n: n < 2)
    clock.advance(days=5)
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Positionnement 1.1")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, PositioningScreen), "no second first positioning"
        assert isinstance(app.screen, BrowseScreen)
        assert notice(app) == (
            "1.1 : positionnement terminé. Pour le retenter, touche r (possible maintenant)."
        )
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, PositioningScreen) and app.screen.retry


def test_the_top_level_has_nothing_left_to_retry() -> None:
    from datetime import UTC, datetime

    from pix_tui.app.view import CompetenceState, unavailable_reason
    from pix_tui.i18n import Translator

    state = CompetenceState(
        level=6,
        pix=48,
        status="finished",
        available=True,
        answered=0,
        positionings=1,
        finished_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        retry_at=datetime(2026, 3, 6, 9, 30, tzinfo=UTC),
        reset_at=datetime(2026, 3, 9, 9, 30, tzinfo=UTC),
        can_retry=False,
        can_reset=False,
        last_positioning_id="p",
    )
    fr, en = Translator("fr"), Translator("en")
    assert unavailable_reason(fr, state, "retry", "3.1", 6) == (
        "3.1 : niveau 6 atteint, le maximum. Plus rien à améliorer, pas de nouvel essai."
    )
    assert "rien à améliorer" in unavailable_reason(fr, state, "start", "3.1", 6)
    assert "Nothing left to improve" in unavailable_reason(en, state, "start", "3.1", 6)


async def test_the_still_loading_notice_goes_once_the_profile_has_loaded(
    make_app: MakeApp, data_dir: Path, monkeypatch: object
) -> None:
    import threading

    from pix_tui.core import loader

    release = threading.Event()
    real_load = loader.load_bank

    def held_load(*args: object, **kwargs: object) -> object:
        release.wait(30)
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load_bank", held_load)  # type: ignore[attr-defined]
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, BrowseScreen))
        await pilot.press("enter")
        await until(pilot, lambda: "Ton profil se charge encore" in screen_text(app))
        release.set()
        await until(pilot, lambda: "niveau 0 sur 6" in detail(app, "level"))
        await settle(pilot)
        assert "se charge encore" not in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: "Question 1" in screen_text(app))
