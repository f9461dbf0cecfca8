"""Glue between the positioning screen, the engine and the store. No Textual here.

Every method that touches the store blocks: the screens call them from thread workers. A
positioning is never saved as state: it is rebuilt from its seed and the answers already on
disk, so leaving with Escape (or a crash) resumes exactly at the next question.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pix_tui.core.answers import Given, check_answer, format_given
from pix_tui.core.engine import Engine, create_engine
from pix_tui.core.evidence import LevelEvidence, level_evidence
from pix_tui.core.history import (
    AnswerRecord,
    PositioningKind,
    PositioningRecord,
    PositioningState,
    seen_before,
)
from pix_tui.core.model import Bank, Challenge, Result, Skill
from pix_tui.core.profile import (
    Replays,
    derive_profile,
    known_for_retry,
    resumable_positioning,
    stored_engine_kind,
)
from pix_tui.core.rules import Rules

CHECKPOINT_EVERY = 5


@dataclass(frozen=True)
class LevelClaim:
    level: int
    confident: bool


def make_answer(
    challenge: Challenge,
    given: Given,
    elapsed_s: float,
    at: datetime,
    positioning_id: str = "",
) -> AnswerRecord:
    """Checked by the core; `given` kept as text so the review can show it years later."""
    return AnswerRecord(
        challenge_id=challenge.id,
        competence=challenge.competence,
        skill=challenge.skill.name,
        result=check_answer(challenge, given, elapsed_s),
        given=format_given(challenge, given),
        duration_s=round(elapsed_s, 1),
        at=at,
        positioning_id=positioning_id,
    )


def in_progress(store: Any, competence: str) -> PositioningRecord | None:
    """The positioning to resume, if any, as the core decides it."""
    return resumable_positioning(store.positionings(), store.resets(), competence)


@dataclass
class PositioningSession:
    store: Any
    bank: Bank
    positioning: PositioningRecord
    rules: Rules
    now: Callable[[], datetime]
    known: Any = None
    answers: list[AnswerRecord] = field(default_factory=list)
    avoid: frozenset[str] = frozenset()
    """Challenges seen corrected before the positioning began: other variants come first."""
    engine: Engine = field(init=False)

    def __post_init__(self) -> None:
        self.engine = self._engine(self.answers)

    def _engine(self, answers: Sequence[AnswerRecord]) -> Engine:
        history = [(a.challenge_id, a.result) for a in answers if self.bank.get(a.challenge_id)]
        return create_engine(
            stored_engine_kind(self.positioning.engine),
            self.bank,
            self.positioning.competence,
            seed=self.positioning.seed,
            history=history,
            known=self.known,
            rules=self.rules,
            avoid=self.avoid,
        )

    @classmethod
    def open(
        cls,
        store: Any,
        bank: Bank,
        competence: str,
        *,
        engine: str,
        rules: Rules,
        now: Callable[[], datetime],
        retry: bool = False,
    ) -> PositioningSession:
        """Resume the competence's unfinished positioning, or start (and store) a new one."""
        positioning = in_progress(store, competence)
        if positioning is None:
            positioning = PositioningRecord(
                id=uuid.uuid4().hex,
                competence=competence,
                engine=stored_engine_kind(engine).value,
                kind=PositioningKind.RETRY if retry else PositioningKind.FIRST,
                state=PositioningState.IN_PROGRESS,
                started_at=now(),
                seed=secrets.randbelow(2**31),
            )
            store.start_positioning(positioning)
            answers: list[AnswerRecord] = []
        else:
            answers = [a for a in store.answers() if a.positioning_id == positioning.id]
        known = None
        if positioning.kind is PositioningKind.RETRY:
            known = retry_knowledge(store, bank, positioning, rules)
        avoid = seen_before(store.answers(), positioning.started_at)
        return cls(store, bank, positioning, rules, now, known, answers, avoid)

    @property
    def id(self) -> str:
        return self.positioning.id

    @property
    def competence(self) -> str:
        return self.positioning.competence

    @property
    def number(self) -> int:
        """The number of the question about to be asked (1 for the first)."""
        return len(self.answers) + 1

    def current(self) -> Challenge | None:
        return self.engine.next_challenge()

    def level(self) -> int:
        return self.engine.estimate().level

    def claim(self) -> LevelClaim:
        """The level now, and whether the engine is sure enough of it to announce it."""
        estimate = self.engine.estimate()
        return LevelClaim(estimate.level, estimate.confident)

    def level_after(self, count: int) -> int:
        """The level the engine estimated after the first `count` answers (a replay)."""
        if count >= len(self.answers):
            return self.level()
        return self._engine(self.answers[:count]).estimate().level

    def answer(self, challenge: Challenge, given: Given, elapsed_s: float) -> AnswerRecord:
        """On disk first: the engine moves on only once the store has the answer."""
        record = make_answer(challenge, given, elapsed_s, self.now(), self.positioning.id)
        self.store.record_answer(record)
        self.engine.record(challenge.id, record.result)
        self.answers.append(record)
        return record

    def at_checkpoint(self) -> bool:
        return bool(self.answers) and len(self.answers) % CHECKPOINT_EVERY == 0

    def last_block(self) -> list[AnswerRecord]:
        return self.answers[-CHECKPOINT_EVERY:]

    def finish(self) -> None:
        self.store.finish_positioning(self.positioning.id, self.now())


def retry_knowledge(store: Any, bank: Bank, positioning: PositioningRecord, rules: Rules) -> Any:
    """What a retry starts from: the profile as it stood when the retry began."""

    before = positioning.started_at
    return known_for_retry(
        bank,
        positioning.competence,
        [p for p in store.positionings() if p.started_at < before],
        [a for a in store.answers() if a.at < before],
        [r for r in store.resets() if r.at < before],
        before,
        rules,
    )


def correct_count(records: Sequence[AnswerRecord]) -> int:
    return sum(1 for r in records if r.result is Result.OK)


@dataclass(frozen=True)
class PositioningOutcome:
    """One positioning and the competence's level and pix just before and at its end."""

    positioning: PositioningRecord
    answers: tuple[AnswerRecord, ...]
    level_before: int
    pix_before: int
    level_after: int
    pix_after: int
    evidence: LevelEvidence


def positioning_outcome(
    store: Any, bank: Bank, positioning_id: str, rules: Rules
) -> PositioningOutcome | None:
    """The profile derived twice by the core: from the records before, and up to the end."""

    positionings = list(store.positionings())
    found = [p for p in positionings if p.id == positioning_id]
    if not found:
        return None
    positioning = found[0]
    answers = list(store.answers())
    resets = list(store.resets())
    mine = tuple(a for a in answers if a.positioning_id == positioning_id)
    start = positioning.started_at
    end = positioning.ended_at or max((a.at for a in mine), default=start)
    replays = Replays(bank, rules)

    def standing(moment: datetime, *, inclusive: bool) -> tuple[int, int, frozenset[Skill]]:
        def kept(at: datetime) -> bool:
            return at <= moment if inclusive else at < moment

        view = derive_profile(
            bank,
            [p for p in positionings if kept(p.started_at)],
            [a for a in answers if kept(a.at)],
            [r for r in resets if kept(r.at)],
            moment,
            rules,
            replays,
            with_history=False,
        )
        state = view.competences.get(positioning.competence)
        if state is None:
            return 0, 0, frozenset()
        return state.level, state.pix, state.validated

    level_before, pix_before, validated_before = standing(start, inclusive=False)
    level_after, pix_after, _ = standing(end, inclusive=True)
    evidence = level_evidence(
        bank,
        positioning.competence,
        level_after,
        [(a.challenge_id, a.result) for a in mine],
        kept=validated_before,
        max_level=rules.max_level,
    )
    return PositioningOutcome(
        positioning, mine, level_before, pix_before, level_after, pix_after, evidence
    )
