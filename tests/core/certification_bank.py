"""A small bank and learners with a known profile, for the certification tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pix_tui.core.history import (
    AnswerRecord,
    PositioningKind,
    PositioningRecord,
    PositioningState,
)
from pix_tui.core.model import Bank, BlankMode, Challenge, ChallengeType, Result

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

COMPETENCES = ("1.1", "1.2", "2.1", "3.1", "4.1", "5.1")


def bank(*, variants: str = "ab", dep_topic: str | None = None) -> Bank:
    challenges = []
    for competence in COMPETENCES:
        for topic in ("alpha", "beta", "gamma"):
            for level in (1, 2, 3, 4):
                for variant in variants:
                    dep = topic == dep_topic
                    challenges.append(
                        Challenge(
                            id=f"{competence}-{topic}-{level}{variant}",
                            competence=competence,
                            topic=topic,
                            level=level,
                            type=ChallengeType.QROCM if dep else ChallengeType.QROC,
                            statement="?",
                            path=Path(f"bank/{competence}-{topic}-{level}{variant}.md"),
                            answers=() if dep else ("x",),
                            blanks={"a": ("x",), "b": ("y",)} if dep else {},
                            mode=BlankMode.DEP if dep else BlankMode.IND,
                        )
                    )
    return Bank(Path("bank"), tuple(challenges))


BANK = bank()


def position(
    the_bank: Bank,
    competence: str,
    right: dict[str, int],
    *,
    pid: str | None = None,
    start: datetime = T0,
) -> tuple[PositioningRecord, list[AnswerRecord]]:
    """A finished positioning where the learner answers right up to `right[topic]`, answering
    the challenges by topic and increasing level (so every skill up to there is direct)."""
    pid = pid or f"pos-{competence}"
    answers = []
    at = start
    for topic in the_bank.topics(competence):
        for level in range(1, 5):
            challenge = the_bank.get(f"{competence}-{topic}-{level}a")
            if challenge is None:
                continue
            ok = level <= right.get(topic, 0)
            at += timedelta(seconds=30)
            answers.append(
                AnswerRecord(
                    challenge.id,
                    competence,
                    challenge.skill.name,
                    Result.OK if ok else Result.KO,
                    "x",
                    5.0,
                    at,
                    pid,
                )
            )
    rec = PositioningRecord(
        pid, competence, "smart-random", PositioningKind.FIRST, PositioningState.FINISHED, start, at
    )
    return rec, answers


def learner(
    right: dict[str, dict[str, int]], the_bank: Bank = BANK
) -> tuple[list[PositioningRecord], list[AnswerRecord]]:
    positionings, answers = [], []
    for competence, topics in right.items():
        rec, ans = position(the_bank, competence, topics)
        positionings.append(rec)
        answers += ans
    return positionings, answers


STRONG = {"alpha": 4, "beta": 3, "gamma": 2}
CERTIFIABLE = {code: STRONG for code in COMPETENCES[:5]}
