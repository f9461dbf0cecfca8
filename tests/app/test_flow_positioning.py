"""A positioning from the learner's side: questions, answers on disk, resume, checkpoints, end."""

from __future__ import annotations

from pathlib import Path

import pytest

from pix_tui.app.messages import AnswerRecorded, PositioningFinished
from pix_tui.app.screens.checkpoint import CheckpointView
from pix_tui.app.screens.positioning import PositioningScreen
from pix_tui.app.screens.result import ResultScreen
from pix_tui.core.history import PositioningState
from pix_tui.core.model import Result
from pix_tui.store import open_profile
from tests.app.flow_support import (
    PROFILE,
    answer,
    current,
    data_files,
    right_keys,
    running,
    screen_text,
    settle,
    write_bank,
)

MAX_QUESTIONS = 60


@pytest.fixture
def big_bank(tmp_path: Path) -> Path:
    """Four topics × six levels on 1.1: long enough for checkpoints."""
    return write_bank(tmp_path / "big")


async def start(pilot, competence: str = "1.1") -> None:
    pilot.app.action_position(competence)
    await settle(pilot)


def at_checkpoint(app) -> bool:
    return isinstance(app.screen, PositioningScreen) and app.screen.checkpoint is not None


async def play_to_the_end(pilot, *, right: bool = True) -> int:
    """Answer until the result shows; checkpoints are read and left with Enter."""
    app = pilot.app
    answered = 0
    for _ in range(MAX_QUESTIONS):
        if isinstance(app.screen, ResultScreen):
            return answered
        if at_checkpoint(app):
            await pilot.press("enter")
            await settle(pilot)
            continue
        await answer(pilot, right=right)
        answered += 1
    raise AssertionError("the positioning never ended")


async def test_a_positioning_runs_to_its_result_and_raises_the_level(
    make_app, data_dir: Path
) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await start(pilot)
        assert isinstance(app.screen, PositioningScreen)
        assert "Question 1" in screen_text(app)
        answered = await play_to_the_end(pilot, right=True)
        await settle(pilot)
        text = screen_text(app)
        assert "Résultat · 1.1" in text
        assert "niveau 0 →" in text and "en hausse" in text
        store = app.ctx.store
        [positioning] = store.positionings()
        assert positioning.state is PositioningState.FINISHED
        assert len(store.answers()) == answered
        assert all(a.positioning_id == positioning.id for a in store.answers())
        assert app.profile_view.competences["1.1"].level >= 1
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (ResultScreen, PositioningScreen))


async def test_the_result_explains_the_level_from_the_answers(
    make_app, data_dir: Path, big_bank: Path
) -> None:
    async with running(make_app, data_dir, challenges=big_bank) as pilot:
        app = pilot.app
        await start(pilot)
        answered = 0
        while not isinstance(app.screen, ResultScreen) and answered < MAX_QUESTIONS:
            if at_checkpoint(app):
                await pilot.press("enter")
                await settle(pilot)
                continue
            level = current(app).level
            await answer(pilot, right=level <= 2)
            answered += 1
        await settle(pilot)
        level = app.profile_view.competences["1.1"].level
        text = " ".join(screen_text(app).split())
        assert level == 2
        assert "Niveau 2 : réussi au niveau 2 ou plus en" in text
        assert "Pas encore au niveau 3 en" in text


async def test_each_answer_is_on_disk_before_the_next_question_shows(
    make_app, data_dir: Path
) -> None:
    seen: list[int] = []
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await start(pilot)
        for number in (1, 2, 3):
            assert f"Question {number}" in screen_text(app)
            seen.append(len(app.ctx.store.answers()))
            await answer(pilot, right=number % 2 == 1)
    assert seen == [0, 1, 2]
    with open_profile(data_dir, PROFILE) as store:
        assert [a.result for a in store.answers()] == [Result.OK, Result.KO, Result.OK]


async def test_the_app_hears_of_every_recorded_answer(make_app, data_dir: Path) -> None:
    heard: list[AnswerRecorded] = []

    def spy(message: object) -> None:
        if isinstance(message, AnswerRecorded):
            heard.append(message)

    async with running(make_app, data_dir, hook=spy) as pilot:
        await start(pilot)
        await answer(pilot)
        await answer(pilot, right=False)
    assert [m.record.result for m in heard] == [Result.OK, Result.KO]


async def test_escape_leaves_and_the_positioning_resumes_at_the_next_question(
    make_app, data_dir: Path
) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await start(pilot)
        await answer(pilot)
        await answer(pilot, right=False)
        session = app.screen.session
        expected = session.current()
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PositioningScreen)
        await start(pilot)
        assert "Question 3" in screen_text(app)
        assert current(app) == expected
        assert app.screen.session.id == session.id
        assert len(app.ctx.store.positionings()) == 1


async def test_leaving_the_app_and_coming_back_resumes_too(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir) as pilot:
        await start(pilot)
        await answer(pilot)
        await answer(pilot)
        expected = pilot.app.screen.session.current()
    async with running(make_app, data_dir, new_profile=False) as pilot:
        await start(pilot)
        assert "Question 3" in screen_text(pilot.app)
        assert current(pilot.app) == expected


async def test_the_skip_key_records_a_skipped_answer(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir) as pilot:
        await start(pilot)
        assert "F2 Je ne sais pas" in screen_text(pilot.app)
        await pilot.press("f2")
        await settle(pilot)
        [record] = pilot.app.ctx.store.answers()
    assert record.result is Result.SKIPPED
    assert record.given == ""


async def test_an_answer_after_the_time_limit_is_recorded_as_timed_out(
    make_app, data_dir: Path, tmp_path: Path, clock
) -> None:
    bank = tmp_path / "timed"
    write_bank(bank, topics=("alpha",), levels=(1, 2, 3))
    for path in bank.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("type: qcu\n", "type: qcu\ntime_limit: 30\n"), "utf-8")
    async with running(make_app, data_dir, challenges=bank) as pilot:
        await start(pilot)
        assert "Temps restant" in screen_text(pilot.app)
        clock.advance(seconds=45)
        await answer(pilot, right=True)
        [record] = pilot.app.ctx.store.answers()
    assert record.result is Result.TIMED_OUT
    assert record.duration_s == 45


async def test_a_timed_question_hidden_by_a_too_small_terminal_does_not_lose_its_time(
    make_app, data_dir: Path, tmp_path: Path, clock
) -> None:
    """At 60×20 the question gives way to the "at least 80 × 24" notice: the learner cannot
    read it, so its clock waits until the window is big enough again."""
    from pix_tui.app.screens.too_small import TooSmallScreen

    bank = tmp_path / "timed"
    write_bank(bank, topics=("alpha",), levels=(1, 2, 3))
    for path in bank.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("type: qcu\n", "type: qcu\ntime_limit: 30\n"), "utf-8")
    async with running(make_app, data_dir, challenges=bank) as pilot:
        await start(pilot)
        clock.advance(seconds=10)
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert isinstance(pilot.app.screen, TooSmallScreen)
        assert "au moins 80 × 24" in screen_text(pilot.app)
        clock.advance(seconds=60)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "Temps restant 0:20" in screen_text(pilot.app)
        clock.advance(seconds=5)
        await answer(pilot, right=True)
        [record] = pilot.app.ctx.store.answers()
    assert record.result is Result.OK
    assert record.duration_s == 15


async def test_a_checkpoint_every_five_answers_shows_them_corrected(
    make_app, data_dir: Path, big_bank: Path
) -> None:
    async with running(make_app, data_dir, challenges=big_bank) as pilot:
        app = pilot.app
        await start(pilot)
        for n in range(5):
            assert not at_checkpoint(app)
            await answer(pilot, right=n != 2)
        assert at_checkpoint(app)
        text = screen_text(app)
        assert "Point d'étape" in text
        assert "4 bonne(s) réponse(s) sur 5" in text
        assert "Question 1" in text and "Réponse attendue : Juste" in text
        cards = list(app.screen.checkpoint.query(".correction"))
        assert len(cards) == 5
        assert [card.result for card in cards] == [Result.OK] * 2 + [Result.KO] + [Result.OK] * 2
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PositioningScreen) and not at_checkpoint(app)
        assert "Question 6" in screen_text(app)


async def test_the_checkpoint_announces_a_level_up_only_when_the_engine_is_sure(
    make_app, data_dir: Path, big_bank: Path
) -> None:
    async with running(make_app, data_dir, challenges=big_bank) as pilot:
        app = pilot.app
        await start(pilot)
        for _ in range(5):
            await answer(pilot)
        assert at_checkpoint(app)
        checkpoint = app.screen.checkpoint
        estimate = app.screen.session.engine.estimate()
        assert checkpoint.level_now == estimate.level > checkpoint.level_before == 0
        assert checkpoint.confident is (estimate.confidence >= 0.8)
        announced = f"tu passes au niveau {estimate.level}" in screen_text(app)
        assert announced is checkpoint.confident


@pytest.mark.parametrize(
    ("before", "now", "confident"), [(2, 2, True), (1, 3, False), (3, 2, True)]
)
async def test_no_level_up_notice_unless_the_level_rose_and_the_engine_is_sure(
    make_app, data_dir: Path, before: int, now: int, confident: bool
) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await start(pilot)
        for _ in range(2):
            await answer(pilot, right=False)
        records = app.ctx.store.answers()
        challenges = [app.ctx.bank.get(r.challenge_id) for r in records]
        view = CheckpointView(
            app.ctx.tr, records, challenges, level_before=before, level_now=now, confident=confident
        )
        await app.screen.swap_in(view)
        await settle(pilot)
        text = screen_text(app)
        assert "Point d'étape" in text
        assert "tu passes au niveau" not in text


async def test_no_correction_is_shown_during_a_positioning(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir) as pilot:
        await start(pilot)
        await answer(pilot, right=False)
        text = screen_text(pilot.app)
        assert "Question 2" in text
        assert "Réponse attendue" not in text and "Mauvaise réponse" not in text


async def test_the_end_posts_positioning_finished_and_the_review_lists_every_answer(
    make_app, data_dir: Path
) -> None:
    finished: list[PositioningFinished] = []

    def spy(message: object) -> None:
        if isinstance(message, PositioningFinished):
            finished.append(message)

    async with running(make_app, data_dir, hook=spy) as pilot:
        app = pilot.app
        await start(pilot)
        answered = await play_to_the_end(pilot, right=False)
        await settle(pilot)
        cards = list(app.screen.query(".correction"))
        assert len(cards) == answered
        text = screen_text(app)
        assert "Ta réponse" in text and "Réponse attendue" in text and "Explication" in text
    assert [m.competence for m in finished] == ["1.1"]


async def test_the_result_can_be_reopened_later_from_its_id(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await start(pilot)
        answered = await play_to_the_end(pilot)
        positioning_id = app.screen.positioning_id
        await pilot.press("escape")
        await settle(pilot)
        app.push_screen(ResultScreen(positioning_id))
        await settle(pilot)
        assert len(list(app.screen.query(".correction"))) == answered
        assert "Résultat · 1.1" in screen_text(app)


async def test_an_unknown_result_id_says_so(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir) as pilot:
        pilot.app.push_screen(ResultScreen("nope"))
        await settle(pilot)
        assert "introuvable" in screen_text(pilot.app)


async def test_a_failed_save_keeps_the_answer_and_says_why(make_app, data_dir: Path) -> None:
    from pix_tui.store.errors import SaveFailed

    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await start(pilot)
        store = app.ctx.store
        real = store.record_answer
        calls: list[object] = []

        def full_disk(record: object) -> None:
            calls.append(record)
            raise SaveFailed(path=data_dir, reason="no space left on device")

        store.record_answer = full_disk
        await pilot.press(*right_keys(app))
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "n'a pas pu être enregistrée" in text and "no space left" in text
        assert "Question 1" in text
        store.record_answer = real
        await pilot.press("enter")
        await settle(pilot)
        assert "Question 2" in screen_text(app)
    assert len(calls) == 1


async def test_demo_mode_corrects_each_answer_and_writes_nothing(make_app, data_dir: Path) -> None:
    before = data_files(data_dir)
    async with running(make_app, data_dir, demo=True) as pilot:
        app = pilot.app
        await start(pilot)
        await answer(pilot, right=False)
        text = screen_text(app)
        assert "Mauvaise réponse" in text and "Réponse attendue" in text
        assert "Question 1" in text
        await pilot.press("enter")
        await settle(pilot)
        assert "Question 2" in screen_text(app)
        assert len(app.ctx.store.answers()) == 1
    assert data_files(data_dir) == before


async def test_english_labels_with_lang_en(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir, lang="en") as pilot:
        await start(pilot)
        text = screen_text(pilot.app)
        assert "Positioning · 1.1" in text
        assert "F2 I don't know" in text
        assert "Je ne sais pas" not in text


async def test_a_competence_without_challenges_says_so(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir) as pilot:
        await start(pilot, "3.4")
        assert "aucune épreuve pour la compétence 3.4" in screen_text(pilot.app)
        assert pilot.app.ctx.store.positionings() == []


async def test_a_retry_asks_other_variants_than_those_seen_corrected(
    make_app, data_dir: Path, big_bank: Path, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1.3 opened a retry on `formules-4-b`, failed and read corrected the week before, while
    `formules-4-a` existed: each skill now comes back through a variant not seen yet."""
    monkeypatch.setattr("pix_tui.app.positioning_session.secrets.randbelow", lambda _: 11)
    seen: list[str] = []
    async with running(make_app, data_dir, challenges=big_bank) as pilot:
        app = pilot.app
        await pilot.press("enter", "enter")  # home → Browse 1.1 → start
        await settle(pilot)
        while not isinstance(app.screen, ResultScreen):
            if at_checkpoint(app):
                assert app.screen.checkpoint.query(".correction")
                await pilot.press("enter")
                await settle(pilot)
                continue
            seen.append(current(app).id)
            await answer(pilot, right=len(seen) % 3 == 0)
        assert len(app.screen.query(".correction")) == len(seen), "all shown corrected"
    clock.advance(days=5)
    asked: list[str] = []
    async with running(make_app, data_dir, new_profile=False, challenges=big_bank) as pilot:
        app = pilot.app
        await pilot.press("enter", "r")  # home → Browse 1.1 → retry
        await settle(pilot)
        assert isinstance(app.screen, PositioningScreen) and app.screen.retry
        first = current(app)
        assert first.id not in seen
        while not isinstance(app.screen, ResultScreen):
            if at_checkpoint(app):
                await pilot.press("enter")
                await settle(pilot)
                continue
            challenge = current(app)
            if challenge.id in seen:
                siblings = {
                    c.id for c in app.ctx.bank.of_competence("1.1") if c.skill == challenge.skill
                }
                assert siblings <= {*seen, *asked}, f"{challenge.id} again, {siblings} exist"
            asked.append(challenge.id)
            await answer(pilot, right=True)
    assert asked, "the retry asked something"
