"""What every engine promises the app: the rules of a positioning, whatever the answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.positioning import SYNTHETIC_COMPETENCE, synthetic_bank
from pix_tui.core.engine import EngineKind, UnknownChallenge, create_engine
from pix_tui.core.model import Bank, Challenge, ChallengeType, Proposal, Result
from pix_tui.core.rules import Rules
from pix_tui.core.scoring import competence_pix, level_for_pix

BANK = synthetic_bank()
COMPETENCE = SYNTHETIC_COMPETENCE
KINDS = list(EngineKind)
WRONG = (Result.KO, Result.SKIPPED, Result.TIMED_OUT)


def play(
    kind: EngineKind, answers: list[Result], *, seed: int = 0, bank: Bank = BANK
) -> list[tuple[Challenge, Result]]:
    """Serve challenges until the engine stops, answering from `answers` in turn."""
    engine = create_engine(kind, bank, COMPETENCE, seed=seed)
    served = []
    while (challenge := engine.next_challenge()) is not None:
        result = answers[len(served) % len(answers)]
        engine.record(challenge.id, result)
        served.append((challenge, result))
    return served


results = st.lists(st.sampled_from(list(Result)), min_size=1, max_size=12)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=25, deadline=None)
@given(answers=results, seed=st.integers(0, 10_000))
def test_no_challenge_is_served_twice_and_the_positioning_ends(
    kind: EngineKind, answers: list[Result], seed: int
) -> None:
    served = play(kind, answers, seed=seed)
    ids = [challenge.id for challenge, _ in served]
    assert len(ids) == len(set(ids))
    assert 1 <= len(served) <= len(BANK)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=20, deadline=None)
@given(answers=results, seed=st.integers(0, 10_000))
def test_a_resumed_positioning_continues_exactly_where_it_stopped(
    kind: EngineKind, answers: list[Result], seed: int
) -> None:
    served = play(kind, answers, seed=seed)
    history = [(challenge.id, result) for challenge, result in served]
    for stop in range(len(history) + 1):
        resumed = create_engine(kind, BANK, COMPETENCE, seed=seed, history=history[:stop])
        expected = served[stop][0] if stop < len(served) else None
        assert resumed.next_challenge() == expected
    assert resumed.estimate().finished


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=20, deadline=None)
@given(answers=results, seed=st.integers(0, 10_000))
def test_the_estimate_is_always_the_platforms_scoring_of_its_skills(
    kind: EngineKind, answers: list[Result], seed: int
) -> None:
    engine = create_engine(kind, BANK, COMPETENCE, seed=seed)
    for turn in range(20):
        estimate = engine.estimate()
        assert estimate.answered == turn
        assert not estimate.validated & estimate.invalidated
        assert estimate.validated | estimate.invalidated <= BANK.skills(COMPETENCE)
        assert estimate.pix == competence_pix(BANK, COMPETENCE, estimate.validated)
        assert estimate.level == level_for_pix(estimate.pix)
        assert 0.0 <= estimate.confidence <= 1.0
        challenge = engine.next_challenge()
        assert estimate.finished is (challenge is None)
        if challenge is None:
            break
        engine.record(challenge.id, answers[turn % len(answers)])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("wrong", [Result.SKIPPED, Result.TIMED_OUT])
def test_skipping_or_running_out_of_time_counts_as_a_wrong_answer(
    kind: EngineKind, wrong: Result
) -> None:
    pattern = [Result.OK, Result.KO, Result.OK, Result.OK, Result.KO]
    replaced = [wrong if result is Result.KO else result for result in pattern]
    assert [c.id for c, _ in play(kind, pattern)] == [c.id for c, _ in play(kind, replaced)]


@pytest.mark.parametrize("kind", KINDS)
def test_asking_twice_without_answering_gives_the_same_challenge(kind: EngineKind) -> None:
    engine = create_engine(kind, BANK, COMPETENCE, seed=3)
    first = engine.next_challenge()
    engine.estimate()
    assert engine.next_challenge() == first


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_seed_and_answers_give_the_same_positioning(kind: EngineKind) -> None:
    answers = [Result.OK, Result.OK, Result.KO]
    assert play(kind, answers, seed=11) == play(kind, answers, seed=11)


def timed_bank() -> Bank:
    """Every skill has one timed and one untimed variant."""
    challenges = [
        Challenge(
            id=f"{topic}-{level}-{'timed' if timed else 'free'}",
            competence=COMPETENCE,
            topic=topic,
            level=level,
            type=ChallengeType.QCU,
            statement="?",
            path=Path(f"t/{topic}-{level}-{timed}.md"),
            proposals=(Proposal("a", True, 1), Proposal("b", False, 2), Proposal("c", False, 3)),
            time_limit=30 if timed else None,
        )
        for topic in ("web", "mail")
        for level in range(1, 7)
        for timed in (True, False)
    ]
    return Bank(Path("t"), tuple(challenges))


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=25, deadline=None)
@given(answers=results, seed=st.integers(0, 10_000))
def test_a_timed_challenge_is_never_followed_by_another_while_untimed_ones_remain(
    kind: EngineKind, answers: list[Result], seed: int
) -> None:
    bank = timed_bank()
    served = [challenge for challenge, _ in play(kind, answers, seed=seed, bank=bank)]
    for turn in range(1, len(served)):
        seen = {c.id for c in served[:turn]}
        untimed_left = any(not c.timed and c.id not in seen for c in bank.challenges)
        assert not (served[turn - 1].timed and served[turn].timed and untimed_left)


@pytest.mark.parametrize("kind", KINDS)
def test_the_first_challenge_is_untimed(kind: EngineKind) -> None:
    for seed in range(10):
        engine = create_engine(kind, timed_bank(), COMPETENCE, seed=seed)
        challenge = engine.next_challenge()
        assert challenge is not None
        assert not challenge.timed


@pytest.mark.parametrize("kind", KINDS)
def test_learners_who_know_everything_or_nothing_get_the_extremes(kind: EngineKind) -> None:
    top = create_engine(kind, BANK, COMPETENCE, history=history_of(kind, Result.OK))
    bottom = create_engine(kind, BANK, COMPETENCE, history=history_of(kind, Result.KO))
    assert top.estimate().level == 6
    assert bottom.estimate().level == 0


def history_of(kind: EngineKind, result: Result) -> list[tuple[str, Result]]:
    return [(challenge.id, answer) for challenge, answer in play(kind, [result])]


@pytest.mark.parametrize("kind", KINDS)
def test_skills_kept_from_before_stay_validated(kind: EngineKind) -> None:
    kept = {skill: True for skill in BANK.skills(COMPETENCE) if skill.level <= 2}
    engine = create_engine(kind, BANK, COMPETENCE, known=kept)
    while (challenge := engine.next_challenge()) is not None:
        engine.record(challenge.id, Result.KO)
    estimate = engine.estimate()
    assert estimate.validated >= set(kept)
    assert estimate.level >= 2


@pytest.mark.parametrize("kind", KINDS)
def test_an_answer_to_a_foreign_challenge_is_refused_but_skipped_on_replay(
    kind: EngineKind,
) -> None:
    engine = create_engine(kind, BANK, COMPETENCE)
    with pytest.raises(UnknownChallenge, match="not-there"):
        engine.record("not-there", Result.OK)
    replayed = create_engine(kind, BANK, COMPETENCE, history=[("not-there", Result.OK)])
    assert replayed.estimate().answered == 0


@pytest.mark.parametrize("kind", KINDS)
def test_a_competence_without_challenges_is_finished_at_level_zero(kind: EngineKind) -> None:
    engine = create_engine(kind, BANK, "5.2")
    assert engine.next_challenge() is None
    estimate = engine.estimate()
    assert (estimate.level, estimate.pix, estimate.finished) == (0, 0, True)


def test_an_unknown_engine_name_is_reported_with_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="default, smart-random"):
        create_engine("quantum", BANK, COMPETENCE)


@pytest.mark.parametrize("kind", KINDS)
def test_the_max_level_setting_caps_the_level(kind: EngineKind) -> None:
    engine = create_engine(kind, BANK, COMPETENCE, rules=Rules(max_level=4))
    while (challenge := engine.next_challenge()) is not None:
        engine.record(challenge.id, Result.OK)
    assert engine.estimate().level == 4


def evidence_level(bank: Bank, history: list[tuple[Challenge, Result]]) -> int:
    """The highest level answered right: what a claimed level must be backed by."""
    return max((c.level for c, result in history if result.is_correct), default=0)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=30, deadline=None)
@given(answers=results, seed=st.integers(0, 10_000))
def test_no_level_is_claimed_without_a_right_answer_at_that_level_or_above(
    kind: EngineKind, answers: list[Result], seed: int
) -> None:
    engine = create_engine(kind, BANK, COMPETENCE, seed=seed)
    served: list[tuple[Challenge, Result]] = []
    while (challenge := engine.next_challenge()) is not None:
        result = answers[len(served) % len(answers)]
        engine.record(challenge.id, result)
        served.append((challenge, result))
        assert engine.estimate().level <= evidence_level(BANK, served)


@pytest.mark.parametrize("kind", KINDS)
def test_a_kept_skill_counts_as_evidence(kind: EngineKind) -> None:
    kept = {skill: True for skill in BANK.skills(COMPETENCE) if skill.level <= 3}
    engine = create_engine(kind, BANK, COMPETENCE, known=kept)
    while (challenge := engine.next_challenge()) is not None:
        engine.record(challenge.id, Result.KO)
    assert engine.estimate().level == 3


def odd_bank(shape: str) -> Bank:
    """Banks an author may well write: levels left empty, one topic, nothing but timed work."""
    if shape == "gaps":
        cells = [(topic, level) for topic in ("web", "mail") for level in (1, 2, 5)]
    elif shape == "one-topic":
        cells = [("web", level) for level in range(1, 7)]
    else:
        cells = [(topic, level) for topic in ("web", "mail", "chat") for level in range(1, 7)]
    challenges = [
        Challenge(
            id=f"{topic}-{level}-{variant}",
            competence=COMPETENCE,
            topic=topic,
            level=level,
            type=ChallengeType.QROC if variant else ChallengeType.QCU,
            statement="?",
            path=Path(f"odd/{topic}-{level}-{variant}.md"),
            proposals=()
            if variant
            else (Proposal("a", True, 1), Proposal("b", False, 2), Proposal("c", False, 3)),
            time_limit=30 if shape == "timed" else None,
        )
        for topic, level in cells
        for variant in (0, 1)
    ]
    return Bank(Path("odd"), tuple(challenges))


ODD_SHAPES = ["gaps", "one-topic", "timed"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("shape", ODD_SHAPES)
@settings(max_examples=25, deadline=None)
@given(answers=results, seed=st.integers(0, 10_000))
def test_an_odd_bank_ends_with_a_level_it_can_justify_and_reach(
    kind: EngineKind, shape: str, answers: list[Result], seed: int
) -> None:
    bank = odd_bank(shape)
    reachable = level_for_pix(competence_pix(bank, COMPETENCE, bank.skills(COMPETENCE)))
    served = play(kind, answers, seed=seed, bank=bank)
    ids = [challenge.id for challenge, _ in served]
    assert len(ids) == len(set(ids)) and 1 <= len(ids) <= len(bank.challenges)
    engine = create_engine(
        kind, bank, COMPETENCE, seed=seed, history=[(i, r) for i, r in ids_results(served)]
    )
    estimate = engine.estimate()
    assert estimate.finished
    assert estimate.level <= min(reachable, evidence_level(bank, served))
    assert estimate.level == level_for_pix(competence_pix(bank, COMPETENCE, estimate.validated))


def ids_results(served: list[tuple[Challenge, Result]]) -> list[tuple[str, Result]]:
    return [(challenge.id, result) for challenge, result in served]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("shape", ODD_SHAPES)
def test_an_odd_bank_answered_right_throughout_reaches_its_highest_level(
    kind: EngineKind, shape: str
) -> None:
    bank = odd_bank(shape)
    reachable = level_for_pix(competence_pix(bank, COMPETENCE, bank.skills(COMPETENCE)))
    engine = create_engine(
        kind, bank, COMPETENCE, history=ids_results(play(kind, [Result.OK], bank=bank))
    )
    assert engine.estimate().level == reachable


def play_avoiding(
    kind: EngineKind, answers: list[Result], avoid: frozenset[str], *, seed: int
) -> list[tuple[Challenge, Result]]:
    engine = create_engine(kind, BANK, COMPETENCE, seed=seed, avoid=avoid)
    served = []
    while (challenge := engine.next_challenge()) is not None:
        result = answers[len(served) % len(answers)]
        engine.record(challenge.id, result)
        served.append((challenge, result))
    return served


ALL_IDS = sorted(c.id for c in BANK.of_competence(COMPETENCE))
avoid_sets = st.sets(st.sampled_from(ALL_IDS)).map(frozenset)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=25, deadline=None)
@given(answers=results, seed=st.integers(0, 10_000), avoid=avoid_sets)
def test_a_variant_seen_corrected_is_asked_only_when_its_skill_has_no_other(
    kind: EngineKind, answers: list[Result], seed: int, avoid: frozenset[str]
) -> None:
    served = play_avoiding(kind, answers, avoid, seed=seed)
    asked: set[str] = set()
    for challenge, _ in served:
        if challenge.id in avoid:
            others = [
                c.id
                for c in BANK.of_competence(COMPETENCE)
                if c.skill == challenge.skill and c.id not in asked
            ]
            assert set(others) <= avoid, f"{challenge.id} asked while {others} was fresh"
        asked.add(challenge.id)
    assert len(asked) == len(served)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=15, deadline=None)
@given(answers=results, seed=st.integers(0, 10_000), avoid=avoid_sets)
def test_with_the_same_avoided_challenges_a_resume_asks_the_same_questions(
    kind: EngineKind, answers: list[Result], seed: int, avoid: frozenset[str]
) -> None:
    served = play_avoiding(kind, answers, avoid, seed=seed)
    assert play_avoiding(kind, answers, avoid, seed=seed) == served
    history = [(challenge.id, result) for challenge, result in served]
    for stop in range(len(history) + 1):
        resumed = create_engine(
            kind, BANK, COMPETENCE, seed=seed, history=history[:stop], avoid=avoid
        )
        expected = served[stop][0] if stop < len(served) else None
        assert resumed.next_challenge() == expected


@pytest.mark.parametrize("kind", KINDS)
def test_after_a_correction_the_first_question_is_another_variant(kind: EngineKind) -> None:
    """The learner failed a challenge and read its correction: a new positioning that would
    open on it opens on another one (its sibling variant, or another skill as good)."""
    first = create_engine(kind, BANK, COMPETENCE, seed=3).next_challenge()
    assert first is not None
    again = create_engine(kind, BANK, COMPETENCE, seed=3, avoid=frozenset({first.id}))
    other = again.next_challenge()
    assert other is not None and other.id != first.id
