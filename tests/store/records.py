"""Plausible records for the store tests, numbered so each one is recognisable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pix_tui.core.history import (
    AnswerRecord,
    PositioningKind,
    PositioningRecord,
    PositioningState,
    ResetRecord,
)
from pix_tui.core.model import Result

START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def answer(i: int, positioning_id: str = "pos-1") -> AnswerRecord:
    return AnswerRecord(
        challenge_id=f"challenge-{i}",
        competence="1.1",
        skill=f"@recherche{i % 6 + 1}",
        result=(Result.OK, Result.KO, Result.SKIPPED, Result.TIMED_OUT)[i % 4],
        given=f"réponse n°{i}",
        duration_s=10.0 + i / 4,
        at=START + timedelta(minutes=i),
        positioning_id=positioning_id,
    )


def positioning(pid: str = "pos-1", competence: str = "1.1") -> PositioningRecord:
    return PositioningRecord(
        id=pid,
        competence=competence,
        engine="smart-random",
        kind=PositioningKind.FIRST,
        state=PositioningState.IN_PROGRESS,
        started_at=START,
        seed=42,
    )


def reset(competence: str = "1.1") -> ResetRecord:
    return ResetRecord(competence=competence, at=START + timedelta(days=8))
