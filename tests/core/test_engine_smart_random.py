"""Smart-random follows the platform's algorithm, weaknesses included."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.positioning import SYNTHETIC_COMPETENCE, synthetic_bank
from pix_tui.core.engine import Engine, EngineKind, create_engine
from pix_tui.core.engine.smart_random import MAX_LEVEL_GAP, rasch_confidence, rasch_level
from pix_tui.core.model import Bank, Challenge, ChallengeType, Result, Skill

BANK = synthetic_bank()
COMPETENCE = SYNTHETIC_COMPETENCE


def engine(bank: Bank = BANK, seed: int = 0, known: Mapping[Skill, bool] | None = None) -> Engine:
    return create_engine(EngineKind.SMART_RANDOM, bank, COMPETENCE, seed=seed, known=known)


def bank_with_an_easy_topic() -> Bank:
    """`easy` stops at level 3; `hard` climbs to 6."""
    levels = {"easy": range(1, 4), "hard": range(1, 7)}
    return Bank(
        Path("b"),
        tuple(
            Challenge(
                id=f"{topic}-{level}",
                competence=COMPETENCE,
                topic=topic,
                level=level,
                type=ChallengeType.QROC,
                statement="?",
                path=Path(f"b/{topic}-{level}.md"),
                answers=("x",),
            )
            for topic, span in levels.items()
            for level in span
        ),
    )


def test_the_first_challenge_is_a_level_two_skill_of_an_easy_topic() -> None:
    for seed in range(20):
        first = engine(bank_with_an_easy_topic(), seed).next_challenge()
        assert first is not None
        assert (first.topic, first.level) == ("easy", 2)
        first = engine(BANK, seed).next_challenge()
        assert first is not None and first.level == 2 and not first.timed


def test_a_right_answer_validates_the_easier_skills_of_its_topic() -> None:
    positioning = engine()
    first = positioning.next_challenge()
    assert first is not None
    positioning.record(first.id, Result.OK)
    estimate = positioning.estimate()
    assert estimate.validated == {Skill(COMPETENCE, first.topic, 1), first.skill}
    assert not estimate.invalidated


def test_one_wrong_first_answer_wipes_the_harder_skills_of_its_topic_for_good() -> None:
    positioning = engine()
    first = positioning.next_challenge()
    assert first is not None
    positioning.record(first.id, Result.SKIPPED)
    wiped = {Skill(COMPETENCE, first.topic, level) for level in range(2, 7)}
    assert positioning.estimate().invalidated == wiped
    served = []
    while (challenge := positioning.next_challenge()) is not None:
        served.append(challenge)
        positioning.record(challenge.id, Result.OK)
    assert all(challenge.skill not in wiped for challenge in served)
    assert positioning.estimate().invalidated >= wiped


def test_the_estimate_is_the_rasch_score_equation_on_the_platforms_grid() -> None:
    assert rasch_level([]) == 3.5
    assert rasch_level([(2, True), (3, True), (4, True)]) > rasch_level([(2, True)])
    assert rasch_level([(2, False)]) < 3.5
    assert 0.5 <= rasch_level([(6, True)] * 20) <= 7.5


def test_its_confidence_is_a_share_of_the_rasch_likelihood() -> None:
    weak = rasch_confidence([(2, True)], 2, 6)
    strong = rasch_confidence([(2, True), (3, True), (3, True), (4, False), (4, False)], 3, 6)
    assert 0.0 < weak < strong < 1.0


@settings(max_examples=30, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=12), st.integers(0, 1000))
def test_no_skill_more_than_two_levels_above_the_estimate_and_no_skill_tested_twice(
    answers: list[bool], seed: int
) -> None:
    positioning = engine(seed=seed)
    direct: list[tuple[int, bool]] = []
    tested: set[Skill] = set()
    while (challenge := positioning.next_challenge()) is not None:
        if direct:
            assert challenge.level <= rasch_level(direct) + MAX_LEVEL_GAP
        estimate = positioning.estimate()
        assert challenge.skill not in estimate.validated | estimate.invalidated
        assert challenge.skill not in tested
        tested.add(challenge.skill)
        right = answers[len(direct) % len(answers)]
        direct.append((challenge.level, right))
        positioning.record(challenge.id, Result.OK if right else Result.KO)
    assert len(direct) <= len(BANK.skills(COMPETENCE))


def test_a_retry_starts_from_the_kept_skills_and_tests_only_the_others() -> None:
    kept = {skill: True for skill in BANK.skills(COMPETENCE) if skill.level <= 2}
    positioning = engine(known=kept)
    served = []
    while (challenge := positioning.next_challenge()) is not None:
        served.append(challenge)
        positioning.record(challenge.id, Result.OK)
    assert served and all(challenge.skill not in kept for challenge in served)
    assert positioning.estimate().level == 6
