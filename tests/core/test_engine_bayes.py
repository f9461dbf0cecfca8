"""The default engine weighs every answer, re-checks slips and stops once it is sure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from benchmarks.positioning import SYNTHETIC_COMPETENCE, synthetic_bank
from pix_tui.core.engine import EngineKind, create_engine
from pix_tui.core.engine.bayes import (
    DEFAULT_SETTINGS,
    BayesEngine,
    CompetenceShape,
    LevelPosterior,
    claim,
)
from pix_tui.core.model import Challenge, ChallengeType, Result
from pix_tui.core.rules import DEFAULT_RULES

BANK = synthetic_bank()
COMPETENCE = SYNTHETIC_COMPETENCE
Learner = Callable[[Challenge, int], bool]


def masters_up_to(level: int) -> Learner:
    return lambda challenge, turn: challenge.level <= level


def run(learner: Learner, seed: int = 0) -> BayesEngine:
    engine = create_engine(EngineKind.DEFAULT, BANK, COMPETENCE, seed=seed)
    assert isinstance(engine, BayesEngine)
    turn = 0
    while (challenge := engine.next_challenge()) is not None:
        engine.record(challenge.id, Result.OK if learner(challenge, turn) else Result.KO)
        turn += 1
    return engine


@pytest.mark.parametrize("level", range(7))
def test_a_consistent_learner_is_placed_at_their_level(level: int) -> None:
    for seed in range(3):
        assert run(masters_up_to(level), seed).estimate().level == level


@pytest.mark.parametrize("level", [1, 3, 5])
def test_a_slip_on_the_first_answer_is_re_checked(level: int) -> None:
    def slips_first(challenge: Challenge, turn: int) -> bool:
        return turn > 0 and challenge.level <= level

    for seed in range(3):
        engine = run(slips_first, seed)
        assert engine.estimate().level == level


def test_it_stops_once_sure_enough_within_its_question_limits() -> None:
    for level in range(7):
        estimate = run(masters_up_to(level)).estimate()
        assert DEFAULT_SETTINGS.min_questions <= estimate.answered
        assert estimate.answered <= DEFAULT_SETTINGS.max_questions
        # Either sure, or no question left is worth its cost: a consistent learner ends well
        # before the limit, placed with high confidence.
        assert estimate.answered <= 8
        assert estimate.confidence >= 0.7


def test_contradictory_answers_get_more_questions_than_consistent_ones() -> None:
    consistent = max(run(masters_up_to(level)).estimate().answered for level in range(7))
    for seed in range(3):
        estimate = run(lambda challenge, turn: turn % 2 == 0, seed).estimate()
        assert estimate.answered > consistent


def test_a_topic_never_answered_right_lowers_the_level_as_on_the_platform() -> None:
    def weak_on_one_topic(challenge: Challenge, turn: int) -> bool:
        return challenge.topic != "topic-a" and challenge.level <= 4

    assert run(weak_on_one_topic).estimate().level < 4


def test_a_lucky_multiple_choice_answer_counts_less_than_a_typed_one() -> None:
    shape = CompetenceShape.of(BANK, COMPETENCE, DEFAULT_RULES)
    levels = []
    for guess in (1 / 3, 0.05):
        posterior = LevelPosterior(shape, DEFAULT_SETTINGS)
        posterior.observe("topic-a", 5, guess, right=True)
        levels.append(sum(posterior.analysis().levels[5:]))
    chance, typed = levels
    assert chance < typed


def test_an_engine_assuming_lucky_typed_answers_trusts_a_right_one_less() -> None:
    """`free_answer_guess` raised: a right typed answer at level 5 backs level 5 or more less."""
    typed = next(c for c in BANK.of_competence(COMPETENCE) if c.type is ChallengeType.QROC)
    chances = []
    for free in (DEFAULT_SETTINGS.free_answer_guess, 0.2):
        settings = replace(DEFAULT_SETTINGS, free_answer_guess=free)
        engine = BayesEngine(
            BANK, COMPETENCE, seed=0, known={}, rules=DEFAULT_RULES, settings=settings
        )
        engine.record(typed.id, Result.OK)
        chances.append(sum(engine.posterior.analysis().levels[typed.level :]))
    usual, wary = chances
    assert wary < usual


def test_the_reported_level_is_the_claim_its_answers_back() -> None:
    engine = create_engine(EngineKind.DEFAULT, BANK, COMPETENCE, seed=2)
    assert isinstance(engine, BayesEngine)
    best: dict[str, int] = {}
    for turn in range(6):
        challenge = engine.next_challenge()
        assert challenge is not None
        right = turn % 3 != 0
        engine.record(challenge.id, Result.OK if right else Result.KO)
        if right:
            best[challenge.topic] = max(best.get(challenge.topic, 0), challenge.level)
        ranked = sorted(best.values(), reverse=True)
        backed = ranked[1] if len(ranked) > 1 else 0
        estimate = engine.estimate()
        levels = engine.posterior.analysis().levels
        assert estimate.level == claim(levels, backed, DEFAULT_SETTINGS.claim_quantile)
        assert estimate.level <= backed


def test_before_any_answer_nothing_is_validated() -> None:
    estimate = create_engine(EngineKind.DEFAULT, BANK, COMPETENCE).estimate()
    assert (estimate.level, estimate.validated, estimate.invalidated) == (
        0,
        frozenset(),
        frozenset(),
    )


def test_it_prefers_informative_challenges_to_guessable_ones() -> None:
    first = create_engine(EngineKind.DEFAULT, BANK, COMPETENCE).next_challenge()
    assert first is not None
    assert first.type is not ChallengeType.QCU or len(first.proposals) > 3
