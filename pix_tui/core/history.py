"""What a learner did, as plain records: the store persists them, the core derives from them.

Levels and pix are never stored: they are recomputed from these records, so a rule change or a
bank update can never leave a profile holding a stale truth.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
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

    `positioning_id` is empty for practice answers, which never change a level;
    `certification_id` names the certification blanche the answer belongs to.
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
    certification_id: str = ""

    @property
    def is_practice(self) -> bool:
        return not self.positioning_id and not self.certification_id

    @property
    def is_certification(self) -> bool:
        return bool(self.certification_id)


def seen_before(answers: Iterable[AnswerRecord], moment: datetime) -> frozenset[str]:
    """The challenges answered before `moment`: the app shows every stored answer corrected
    (a checkpoint every 5 answers and the result of a positioning, at once in practice, the
    review of a certification). A positioning that starts at `moment` avoids them where the
    bank has another variant; records from before it only, so a resume asks the same."""
    return frozenset(answer.challenge_id for answer in answers if answer.at < moment)


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


class CertificationState(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


class CertificationEnd(enum.StrEnum):
    """How a certification blanche ended: questions left at time up or abandon count as wrong."""

    COMPLETED = "completed"
    TIME_UP = "time_up"
    ABANDONED = "abandoned"


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    """One question of a certification, chosen at its start and served in the stored order.

    `skill` is the skill name (`@topicN`); `dep` marks a QROCM-dep, which counts twice in a
    competence of fewer than 3 questions; `fresh` says the learner had never answered it.
    """

    competence: str
    skill: str
    level: int
    challenge_id: str
    dep: bool = False
    fresh: bool = True


@dataclass(frozen=True, slots=True)
class CompetenceStart:
    """A competence's positioning level and pix when the certification began: what it checks."""

    competence: str
    level: int
    pix: int
    direct_skills: int = 0
    """Skills validated directly while positioning: fewer than 3 means fewer questions."""


@dataclass(frozen=True, slots=True)
class CertificationRecord:
    """A certification blanche: its questions, fixed at the start, and how it went.

    Answers are `AnswerRecord`s carrying this id. `elapsed_s` is the time spent saved when the
    learner leaves; `unserved` lists questions whose challenge the bank no longer held.
    """

    id: str
    started_at: datetime
    minutes: int
    questions: tuple[PlannedQuestion, ...]
    competences: tuple[CompetenceStart, ...]
    state: CertificationState = CertificationState.IN_PROGRESS
    ended_at: datetime | None = None
    end: CertificationEnd | None = None
    elapsed_s: float = 0.0
    neutralised: tuple[int, ...] = ()
    unserved: tuple[int, ...] = ()
    seed: int = 0
