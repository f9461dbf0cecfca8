"""The demo's certifiable profile: a teacher shows a certification blanche within a minute.

A learner who knows every skill up to level 3 is positioned, through the default engine, on the
first competences of the bank, exactly as the app would record it; the demo store keeps it in
memory only, like everything else in demo mode.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from pix_tui.core.engine import EngineKind, create_engine
from pix_tui.core.history import (
    AnswerRecord,
    PositioningKind,
    PositioningRecord,
    PositioningState,
)
from pix_tui.core.model import Bank, Result
from pix_tui.core.rules import CERTIFIABLE_COMPETENCES, Rules

KNOWN_UP_TO = 3
COMPETENCES = CERTIFIABLE_COMPETENCES + 1
ANSWER_S = 20.0


def fill_certifiable(store: Any, bank: Bank, now: datetime, rules: Rules) -> int:
    """Position the demo learner on up to 6 competences of the bank; returns how many."""
    started = now - timedelta(days=1)
    codes = [code for code in bank.competences() if bank.of_competence(code)][:COMPETENCES]
    for number, code in enumerate(codes):
        record = PositioningRecord(
            id=uuid.uuid4().hex,
            competence=code,
            engine=EngineKind.DEFAULT.value,
            kind=PositioningKind.FIRST,
            state=PositioningState.IN_PROGRESS,
            started_at=started + timedelta(minutes=20 * number),
            seed=number,
        )
        store.start_positioning(record)
        engine = create_engine(EngineKind.DEFAULT, bank, code, seed=number, rules=rules)
        at = record.started_at
        while (challenge := engine.next_challenge()) is not None:
            result = Result.OK if challenge.level <= KNOWN_UP_TO else Result.KO
            engine.record(challenge.id, result)
            at += timedelta(seconds=ANSWER_S)
            store.record_answer(
                AnswerRecord(
                    challenge.id,
                    code,
                    challenge.skill.name,
                    result,
                    "",
                    ANSWER_S,
                    at,
                    record.id,
                )
            )
        store.finish_positioning(record.id, at)
    return len(codes)
