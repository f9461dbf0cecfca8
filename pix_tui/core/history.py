"""What a learner did, as plain records: the store persists them, the core derives from them.

Levels and pix are never stored: they are recomputed from these records, so a rule change or a
bank update can never leave a profile holding a stale truth.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from pix_tui.core.model import Result


class PositioningState(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


class PositioningKind(enum.StrEnum):
    FIRST = "first"
    RETRY = "retry"


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One answer, written to disk before the next challenge is shown.

    `positioning_id` is empty for practice answers, which never change a level.
    `given` is the learner's answer as text, for the review screen.
    """

    challenge_id: str
    competence: str
    skill: str
    result: Result
    given: str
    duration_s: float
    at: datetime
    positioning_id: str = ""

    @property
    def is_practice(self) -> bool:
        return not self.positioning_id


@dataclass(frozen=True, slots=True)
class PositioningRecord:
    id: str
    competence: str
    engine: str
    kind: PositioningKind
    state: PositioningState
    started_at: datetime
    ended_at: datetime | None = None
    seed: int = 0


@dataclass(frozen=True, slots=True)
class ResetRecord:
    """A competence reset to zero: every record of it before `at` is ignored."""

    competence: str
    at: datetime
