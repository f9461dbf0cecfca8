"""The answer widgets and the countdown on their own, in a bare app."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input

from pix_tui.app.screens.challenge_view import ChallengeView, statement_markdown
from pix_tui.app.widgets.countdown import remaining_text
from pix_tui.core.loader import load_bank
from pix_tui.core.model import Bank, Challenge
from pix_tui.i18n import Translator
from tests.app.conftest import Clock, write_small_bank

FR = Translator("fr")


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return load_bank(write_small_bank(tmp_path / "bank")).bank


class ViewApp(App[None]):
    CSS_PATH = [  # noqa: RUF012
        Path(__file__).parents[2] / "pix_tui/app/screens/challenge_view.tcss",
        Path(__file__).parents[2] / "pix_tui/app/widgets/answer_widgets.tcss",
    ]

    def __init__(self, challenge: Challenge, clock: Clock, *, seed: int = 0, low: bool = False):
        super().__init__()
        self.challenge = challenge
        self.clock = clock
        self.seed = seed
        self.low = low
        self.answers: list[ChallengeView.Answered] = []

    def compose(self) -> ComposeResult:
        yield ChallengeView(
            self.challenge,
            heading="Question 1",
            seed=self.seed,
            tr=FR,
            now=self.clock,
            low_bandwidth=self.low,
        )

    def on_mount(self) -> None:
        self.query_one(ChallengeView).start()

    def on_challenge_view_answered(self, event: ChallengeView.Answered) -> None:
        self.answers.append(event)

    def key_f2(self) -> None:
        self.query_one(ChallengeView).skip()


def of_type(bank: Bank, kind: str) -> Challenge:
    return next(c for c in bank.challenges if c.type.value == kind)


async def test_qcu_digit_then_enter_answers_with_the_original_index(bank: Bank) -> None:
    challenge = replace(of_type(bank, "qcu"), shuffle=True)
    app = ViewApp(challenge, Clock(), seed=2)
    async with app.run_test(size=(80, 24)) as pilot:
        order = app.query_one(ChallengeView).answer.order
        assert order[1] != 1, "pick a seed that moves the second proposal"
        await pilot.press("2", "enter")
        await pilot.pause()
    assert [a.given for a in app.answers] == [order[1]]


async def test_qcu_enter_without_a_choice_asks_for_one(bank: Bank) -> None:
    app = ViewApp(of_type(bank, "qcu"), Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        hint = str(app.query_one(".challenge-hint").render())
    assert app.answers == []
    assert "Choisis d'abord une réponse" in hint


async def test_qcu_enter_takes_the_highlighted_proposal(bank: Bank) -> None:
    app = ViewApp(of_type(bank, "qcu"), Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.pause()
    assert [a.given for a in app.answers] == [1]


async def test_qcm_ticks_several_and_space_unticks(bank: Bank) -> None:
    app = ViewApp(of_type(bank, "qcm"), Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "2", "3", "down", "down", "down", "space", "enter")
        await pilot.pause()
    assert [a.given for a in app.answers] == [frozenset({0, 1})]


async def test_qroc_sends_the_typed_text_and_refuses_an_empty_one(bank: Bank) -> None:
    app = ViewApp(of_type(bank, "qroc"), Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.press("b", "o", "n", "n", "e", "enter")
        await pilot.pause()
    assert [a.given for a in app.answers] == ["bonne"]


async def test_qrocm_enter_moves_to_the_next_blank_then_validates(bank: Bank) -> None:
    app = ViewApp(of_type(bank, "qrocm"), Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("P", "a", "r", "i", "s", "enter")
        await pilot.pause()
        assert app.answers == []
        assert app.focused is app.query(Input)[1]
        await pilot.press("F", "r", "enter")
        await pilot.pause()
    assert [dict(a.given) for a in app.answers] == [{"ville": "Paris", "pays": "Fr"}]


async def test_the_blanks_are_numbered_gaps_that_match_the_field_labels(bank: Bank) -> None:
    challenge = of_type(bank, "qrocm")
    text = statement_markdown(challenge, FR)
    assert "{{" not in text
    assert "[1. ville]" in text and "[2. pays]" in text
    app = ViewApp(challenge, Clock())
    async with app.run_test(size=(80, 24)):
        labels = [str(label.render()) for label in app.query(".blank-label")]
    assert labels == ["1. ville", "2. pays"]


def test_images_are_shown_as_their_alt_text(bank: Bank) -> None:
    challenge = replace(of_type(bank, "qcu"), statement="Regarde ![Un chat gris](chat.png) bien.")
    assert statement_markdown(challenge, FR) == "Regarde *[Image : Un chat gris]* bien."


async def test_skip_sends_no_answer_with_the_time_taken(bank: Bank) -> None:
    clock = Clock()
    app = ViewApp(of_type(bank, "qcu"), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(seconds=12)
        await pilot.press("f2")
        await pilot.pause()
    [answered] = app.answers
    assert answered.given is None
    assert answered.elapsed_s == 12


async def test_a_timed_challenge_counts_down_and_says_when_time_is_up(bank: Bank) -> None:
    clock = Clock()
    app = ViewApp(replace(of_type(bank, "qcu"), time_limit=30), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        countdown = app.query_one("#countdown")
        assert "0:30" in str(countdown.render())
        clock.advance(seconds=31)
        countdown._paint()  # type: ignore[attr-defined]
        await pilot.pause()
        assert "Temps écoulé" in str(countdown.render())
        assert "ta réponse comptera comme fausse" in str(app.query_one(".challenge-hint").render())
        await pilot.press("1", "enter")
        await pilot.pause()
    assert app.answers[0].elapsed_s == 31


async def test_low_bandwidth_inputs_do_not_blink(bank: Bank) -> None:
    app = ViewApp(of_type(bank, "qrocm"), Clock(), low=True)
    async with app.run_test(size=(80, 24)):
        assert [field.cursor_blink for field in app.query(Input)] == [False, False]
    app = ViewApp(of_type(bank, "qroc"), Clock(), low=False)
    async with app.run_test(size=(80, 24)):
        assert app.query_one(Input).cursor_blink is True


def test_coarse_countdown_steps_by_ten_seconds_until_the_last_twenty() -> None:
    assert remaining_text(65, coarse=False) == "1:05"
    assert remaining_text(61, coarse=True) == "1:10"
    assert remaining_text(19.2, coarse=True) == "0:20"
    assert remaining_text(-3, coarse=True) == "0:00"
