"""The evidence behind a level: what the result screen tells the learner, from the answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.positioning import SYNTHETIC_COMPETENCE, synthetic_bank
from pix_tui.core.engine import EngineKind, create_engine
from pix_tui.core.evidence import level_evidence
from pix_tui.core.model import Result, Skill

BANK = synthetic_bank()
COMPETENCE = SYNTHETIC_COMPETENCE


def evidence(level: int, answers: list[tuple[str, Result]], **kwargs):
    return level_evidence(BANK, COMPETENCE, level, answers, max_level=6, **kwargs)


def test_topics_answered_right_at_the_level_and_wrong_at_the_next_are_named() -> None:
    answers = [
        ("topic-a-3a", Result.OK),
        ("topic-b-4a", Result.OK),
        ("topic-c-2a", Result.OK),
        ("topic-c-4a", Result.KO),
        ("topic-d-4b", Result.SKIPPED),
        ("topic-d-5a", Result.OK),
    ]
    found = evidence(3, answers)
    assert found.reached == ("topic-a", "topic-b", "topic-d")
    assert found.not_yet == ("topic-c",)
    assert found.next_level == 4


def test_a_wrong_answer_later_put_right_on_the_same_topic_is_not_a_gap() -> None:
    answers = [("topic-a-4a", Result.KO), ("topic-a-4b", Result.OK)]
    assert evidence(3, answers).not_yet == ()


def test_kept_skills_count_and_the_top_level_has_nothing_above() -> None:
    kept = [Skill(COMPETENCE, "topic-b", 6)]
    found = evidence(6, [("topic-a-6a", Result.KO)], kept=kept)
    assert found.reached == ("topic-b",)
    assert (found.not_yet, found.next_level) == ((), None)


def test_level_zero_speaks_of_level_one_and_unknown_challenges_are_left_out() -> None:
    answers = [("topic-a-1a", Result.OK), ("gone", Result.OK), ("topic-b-1a", Result.KO)]
    found = evidence(0, answers)
    assert found.reached == ("topic-a",)
    assert found.not_yet == ("topic-b",)


results = st.lists(st.sampled_from(list(Result)), min_size=1, max_size=10)


@settings(max_examples=30, deadline=None)
@given(answers=results, seed=st.integers(0, 10_000), kind=st.sampled_from(list(EngineKind)))
def test_every_level_an_engine_gives_has_a_topic_to_show_for_it(
    answers: list[Result], seed: int, kind: EngineKind
) -> None:
    engine = create_engine(kind, BANK, COMPETENCE, seed=seed)
    history: list[tuple[str, Result]] = []
    while (challenge := engine.next_challenge()) is not None:
        history.append((challenge.id, answers[len(history) % len(answers)]))
        engine.record(*history[-1])
    level = engine.estimate().level
    found = evidence(level, history)
    assert level == 0 or found.reached
