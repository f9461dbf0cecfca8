"""Practice and the error queue: immediate correction, never a level change."""

from __future__ import annotations

from pathlib import Path

from pix_tui.app.screens.practice import PracticeScreen
from pix_tui.core.model import Result
from tests.app.flow_support import answer, current, running, screen_text, settle


async def open_practice(pilot, **filters: object) -> PracticeScreen:
    screen = PracticeScreen(**filters)  # type: ignore[arg-type]
    pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


async def test_picking_a_competence_a_topic_and_a_level_then_practising(
    make_app, data_dir: Path
) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await open_practice(pilot)
        assert "Sur quelle compétence" in screen_text(app)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert "Quel sujet" in screen_text(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "Quel niveau" in screen_text(app)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        challenge = current(app)
        assert (challenge.competence, challenge.topic, challenge.level) == ("1.2", "alpha", 2)
        assert "Entraînement · 1.2 Gérer des données · Sujet : alpha · Niveau 2" in screen_text(app)


async def test_escape_in_the_picker_goes_back_one_step(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        screen = await open_practice(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "Sur quelle compétence" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not screen


async def test_practice_corrects_at_once_and_never_changes_a_level(
    make_app, data_dir: Path
) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await open_practice(pilot, competence="1.1")
        await answer(pilot, right=True)
        text = screen_text(app)
        assert "Bonne réponse" in text and "Réponse attendue" in text and "Explication" in text
        await pilot.press("enter")
        await settle(pilot)
        assert "Question 2" in screen_text(app)
        await answer(pilot, right=True)
        records = app.ctx.store.answers()
        assert [r.positioning_id for r in records] == ["", ""]
        assert [r.result for r in records] == [Result.OK, Result.OK]
        assert app.ctx.store.positionings() == []
        assert app.profile_view.competences["1.1"].level == 0
        assert app.profile_view.competences["1.1"].pix == 0


async def test_practice_serves_each_challenge_once_then_says_it_is_done(
    make_app, data_dir: Path
) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await open_practice(pilot, competence="1.1", topic="alpha", level=1)
        served = []
        for _ in range(2):
            served.append(current(app).id)
            await answer(pilot, right=False)
            await pilot.press("enter")
            await settle(pilot)
        assert sorted(served) == ["c11-alpha-1-1", "c11-alpha-1-2"]
        assert "Tu as fait le tour : 0 bonne(s) réponse(s) sur 2" in screen_text(app)


async def test_the_error_queue_serves_an_unseen_variant_of_a_missed_skill(
    make_app, data_dir: Path
) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await open_practice(pilot, competence="1.1", topic="alpha", level=1)
        missed = current(app)
        await answer(pilot, right=False)
        await pilot.press("escape")
        await settle(pilot)
        await open_practice(pilot, errors_only=True)
        assert "Revoir mes erreurs" in screen_text(app)
        again = current(app)
        assert again.skill == missed.skill and again.id != missed.id
        await answer(pilot, right=True)
        await pilot.press("enter")
        await settle(pilot)
        assert "Plus d'erreurs à revoir" in screen_text(app)


async def test_an_empty_error_queue_says_so(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir) as pilot:
        await open_practice(pilot, errors_only=True)
        assert "aucune erreur à revoir" in screen_text(pilot.app)


async def test_the_home_keys_open_practice_and_the_error_queue(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen) and app.screen.picking
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen) and app.screen.filter.errors_only


async def test_a_question_names_its_topic_by_its_title_not_its_slug(
    make_app, data_dir: Path
) -> None:
    """`topics.toml` titles 1.1's `alpha` "Premier sujet": the heading says so, as Browse does."""
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await pilot.press("b", "e")  # Browse opens on 1.1; e practises it
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        for _ in range(12):
            heading = screen_text(app).splitlines()[1]
            if current(app).topic == "alpha":
                break
            await answer(pilot, right=True)
            await pilot.press("enter")
            await settle(pilot)
        assert current(app).topic == "alpha"
        assert "· Premier sujet ·" in heading and "alpha" not in heading


async def test_over_every_competence_a_topic_is_offered_with_its_competence(
    make_app, data_dir: Path
) -> None:
    """The small bank uses `alpha` in every competence: six topics, each named with its code,
    and picking 1.2's serves 1.2's challenges only."""
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await open_practice(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "1.1 · Premier sujet" in text and "1.2 · alpha" in text and "1.2 · beta" in text
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for _ in range(3):
            assert (current(app).competence, current(app).topic) == ("1.2", "alpha")
            await answer(pilot, right=False)
            await pilot.press("enter")
            await settle(pilot)
        assert "Entraînement · 1.2 Gérer des données · Sujet : alpha" in screen_text(app)
