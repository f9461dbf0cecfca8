"""The records' own helpers: what the learner had already seen corrected at a moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pix_tui.core.history import AnswerRecord, seen_before
from pix_tui.core.model import Result

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def answer(challenge_id: str, minutes: int, **ids: str) -> AnswerRecord:
    return AnswerRecord(
        challenge_id,
        "1.3",
        "@formules4",
        Result.KO,
        "x",
        5.0,
        T0 + timedelta(minutes=minutes),
        **ids,
    )


def test_every_kind_of_answer_before_the_moment_counts_and_none_after() -> None:
    answers = [
        answer("formules-4-b", 0, positioning_id="p1"),
        answer("tri-2-a", 1),
        answer("tableur-1-a", 2, certification_id="c1"),
        answer("formules-4-a", 10, positioning_id="p2"),
    ]
    assert seen_before(answers, T0 + timedelta(minutes=10)) == {
        "formules-4-b",
        "tri-2-a",
        "tableur-1-a",
    }
    assert seen_before(answers, T0) == frozenset()
