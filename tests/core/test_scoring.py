"""Pix and levels follow the platform's rules, whatever the bank's shape."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pix_tui.core.model import Bank, Challenge, ChallengeType, Skill
from pix_tui.core.rules import DEFAULT_RULES, Rules
from pix_tui.core.scoring import (
    ProfileScore,
    certifiable,
    competence_level,
    competence_pix,
    level_for_pix,
    max_profile_pix,
    profile_score,
    skill_pix,
)


def bank_of(skills: list[tuple[str, str, int]]) -> Bank:
    return Bank(
        Path("bank"),
        tuple(
            Challenge(
                id=f"{competence}-{topic}-{level}",
                competence=competence,
                topic=topic,
                level=level,
                type=ChallengeType.QROC,
                statement="?",
                path=Path(f"bank/{competence}-{topic}-{level}.md"),
                answers=("x",),
            )
            for competence, topic, level in skills
        ),
    )


FULL = bank_of([("1.1", topic, level) for topic in "abcd" for level in range(1, 7)])


def test_a_lone_skill_of_a_level_is_worth_four_pix_not_eight() -> None:
    bank = bank_of([("1.1", "a", 1), ("1.1", "a", 2), ("1.1", "b", 2)])
    assert skill_pix(bank, Skill("1.1", "a", 1)) == 4
    assert skill_pix(bank, Skill("1.1", "a", 2)) == 4


def test_three_skills_of_a_level_make_exactly_one_level() -> None:
    bank = bank_of([("1.1", topic, 1) for topic in "abc"])
    assert skill_pix(bank, Skill("1.1", "a", 1)) == Fraction(8, 3)
    assert competence_pix(bank, "1.1", bank.skills("1.1")) == 8
    assert competence_level(bank, "1.1", bank.skills("1.1")) == 1


def test_a_skill_the_bank_does_not_hold_is_worth_nothing() -> None:
    assert skill_pix(FULL, Skill("1.1", "zzz", 3)) == 0
    assert competence_pix(FULL, "1.1", [Skill("1.1", "zzz", 3)]) == 0


def test_skills_of_another_competence_do_not_count() -> None:
    bank = bank_of([("1.1", "a", 1), ("1.1", "b", 1), ("2.1", "c", 1)])
    assert competence_pix(bank, "1.1", bank.skills()) == 8


def test_validating_every_skill_up_to_a_level_reaches_that_level() -> None:
    for level in range(7):
        validated = [s for s in FULL.skills("1.1") if s.level <= level]
        assert competence_level(FULL, "1.1", validated) == level
        assert competence_pix(FULL, "1.1", validated) == 8 * level


def test_pix_are_floored() -> None:
    bank = bank_of([("1.1", topic, 1) for topic in "abc"])
    assert competence_pix(bank, "1.1", [Skill("1.1", "a", 1)]) == 2


def test_level_is_capped_by_the_max_level_setting() -> None:
    assert level_for_pix(48, Rules(max_level=5)) == 5
    assert competence_pix(FULL, "1.1", FULL.skills("1.1"), Rules(max_level=5)) == 40


def test_max_profile_pix_is_sixteen_competences_of_six_levels() -> None:
    assert max_profile_pix() == 768


def test_certifiable_needs_five_competences_at_level_one() -> None:
    assert not certifiable([6, 1, 1, 1, 0, 0])
    assert certifiable([1, 1, 1, 1, 1])
    score = profile_score(FULL, {"1.1": FULL.skills("1.1")})
    assert score.total_pix == 48 and score.levels == {"1.1": 6}
    assert not score.certifiable


skill_sets = st.sets(st.sampled_from(sorted(FULL.skills("1.1"))))
banks = st.lists(
    st.tuples(st.just("1.1"), st.sampled_from("abcdefg"), st.integers(1, 7)),
    min_size=1,
    max_size=30,
).map(bank_of)


@settings(max_examples=200)
@given(banks, st.integers(1, 8), st.data())
def test_pix_never_exceed_the_cap(bank: Bank, max_level: int, data: st.DataObject) -> None:
    rules = Rules(max_level=max_level)
    validated = data.draw(st.sets(st.sampled_from(sorted(bank.skills("1.1")))))
    pix = competence_pix(bank, "1.1", validated, rules)
    assert 0 <= pix <= rules.max_pix_per_competence
    assert 0 <= level_for_pix(pix, rules) <= max_level


@settings(max_examples=200)
@given(banks, st.data())
def test_level_is_monotone_in_validated_skills(bank: Bank, data: st.DataObject) -> None:
    skills = sorted(bank.skills("1.1"))
    smaller = data.draw(st.sets(st.sampled_from(skills)))
    extra = data.draw(st.sets(st.sampled_from(skills)))
    assert competence_pix(bank, "1.1", smaller) <= competence_pix(bank, "1.1", smaller | extra)
    assert competence_level(bank, "1.1", smaller) <= competence_level(bank, "1.1", smaller | extra)


@given(skill_sets)
def test_level_is_pix_divided_by_eight(validated: set[Skill]) -> None:
    pix = competence_pix(FULL, "1.1", validated, DEFAULT_RULES)
    assert competence_level(FULL, "1.1", validated) == pix // 8


@given(st.lists(st.integers(0, 6), max_size=16))
def test_profile_is_certifiable_exactly_when_five_levels_reach_one(levels: list[int]) -> None:
    score = ProfileScore(
        pix={str(i): 8 * level for i, level in enumerate(levels)},
        levels={str(i): level for i, level in enumerate(levels)},
    )
    expected = len([level for level in levels if level >= 1]) >= 5
    assert score.certifiable is expected
    assert certifiable(levels) is expected
    assert score.total_pix == 8 * sum(levels)
