"""Glue between the certification screens, the core and the store. No Textual here.

Every method that touches the store blocks: the screens call them from thread workers. The
questions are chosen once, at the start, and stored with the certification; answers go to the
store before the next question is shown, so a crash or a quit resumes at the next question with
the answers and the time already spent. Time runs on a monotonic clock within a run (a clock
change on the machine cannot move it) and is saved at each answer, when TIME_SAVE_GAP_S have
gone by unsaved (checked every TIME_CHECK_S), on leaving and at the end: a kill loses less
than TIME_SAVE_GAP_S + TIME_CHECK_S (15 s) of the time spent, and a learner who answers more
often than that causes no extra write.
"""

from __future__ import annotations

import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from pix_tui.app.positioning_session import make_answer
from pix_tui.core.answers import Given
from pix_tui.core.certification import (
    CertificationResult,
    Eligibility,
    answers_of,
    eligibility,
    finish,
    history,
    neutralise,
    new_certification,
    next_question,
    plan_certification,
    score,
    time_left,
    time_spent,
    toggle_neutralised,
)
from pix_tui.core.history import (
    AnswerRecord,
    CertificationEnd,
    CertificationRecord,
    CertificationState,
)
from pix_tui.core.model import Bank, Challenge
from pix_tui.core.profile import derive_profile
from pix_tui.core.rules import Rules

TIME_SAVE_GAP_S = 10.0
"""Unsaved time spent that makes a save worth a write of the profile's main file."""
TIME_CHECK_S = 5.0
"""How often the screen asks whether a save is due; no write unless it is."""


@dataclass(frozen=True)
class CertificationStatus:
    """Where the learner stands and every finished certification, for home and progress."""

    standing: Eligibility
    history: tuple[CertificationResult, ...]


def certification_status(
    store: Any, profile: Any, now: datetime, rules: Rules
) -> CertificationStatus:
    certifications = store.certifications()
    return CertificationStatus(
        eligibility(profile, certifications, now, rules),
        history(certifications, store.answers(), rules),
    )


def profile_of(store: Any, bank: Bank, rules: Rules, now: datetime) -> Any:
    return derive_profile(bank, store.positionings(), store.answers(), store.resets(), now, rules)


def standing(store: Any, bank: Bank, rules: Rules, now: datetime) -> Eligibility:
    """Where the learner stands toward a certification blanche, as the core decides it."""
    return eligibility(profile_of(store, bank, rules, now), store.certifications(), now, rules)


def planned_count(store: Any, bank: Bank, rules: Rules, now: datetime) -> int:
    """How many questions a certification started now would ask (the same for any seed)."""
    plan = plan_certification(
        bank,
        profile_of(store, bank, rules, now),
        store.positionings(),
        store.answers(),
        store.resets(),
        seed=0,
    )
    return len(plan.questions)


@dataclass
class CertificationSession:
    store: Any
    bank: Bank
    record: CertificationRecord
    rules: Rules
    now: Callable[[], datetime]
    clock: Callable[[], float] = time.monotonic
    answers: list[AnswerRecord] = field(default_factory=list)
    base_s: float = 0.0
    """Time spent in earlier runs."""
    run_start: float = field(init=False)
    saved_s: float = field(init=False)
    """The time spent as last written to the store."""

    def __post_init__(self) -> None:
        self.run_start = self.clock()
        self.saved_s = self.base_s

    @classmethod
    def open(
        cls,
        store: Any,
        bank: Bank,
        *,
        rules: Rules,
        now: Callable[[], datetime],
        clock: Callable[[], float] = time.monotonic,
    ) -> CertificationSession:
        """Resume the certification in progress, or plan (and store) a new one."""
        running = [c for c in store.certifications() if c.state is CertificationState.IN_PROGRESS]
        if running:
            record = max(running, key=lambda c: c.started_at)
        else:
            seed = secrets.randbelow(2**31)
            started = now()
            plan = plan_certification(
                bank,
                profile_of(store, bank, rules, started),
                store.positionings(),
                store.answers(),
                store.resets(),
                seed,
            )
            record = new_certification(uuid.uuid4().hex, plan, started, seed, rules)
            store.start_certification(record)
        answers = [a for a in store.answers() if a.certification_id == record.id]
        return cls(store, bank, record, rules, now, clock, answers, time_spent(record, answers))

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def total(self) -> int:
        return len(self.record.questions)

    def elapsed(self) -> float:
        return self.base_s + max(0.0, self.clock() - self.run_start)

    def remaining(self) -> float:
        return time_left(self.record, self.elapsed())

    @property
    def time_up(self) -> bool:
        return self.remaining() <= 0

    def current(self) -> tuple[int, Challenge] | None:
        """The next question to serve; a question whose challenge left the bank is recorded
        as unserved (it counts for nothing) and the next one is served instead."""
        while (index := next_question(self.record, self.answers)) is not None:
            challenge = self.bank.get(self.record.questions[index].challenge_id)
            if challenge is not None:
                return index, challenge
            self.record = self.store.update_certification(
                self.id, lambda r, i=index: replace(r, unserved=tuple(sorted({*r.unserved, i})))
            )
        return None

    def answered(self) -> int:
        return len(answers_of(self.record, self.answers))

    def answer(self, challenge: Challenge, given: Given, elapsed_s: float) -> AnswerRecord:
        """On disk before the next question; no correction is shown until the end."""
        record = replace(
            make_answer(challenge, given, max(0.0, elapsed_s), self.now()),
            certification_id=self.id,
        )
        self.store.record_answer(record)
        self.answers.append(record)
        return record

    def save_time(self) -> None:
        """Keep the time spent, so leaving and coming back does not give time back."""
        spent = self.elapsed()
        self.record = self.store.update_certification(
            self.id, lambda r: replace(r, elapsed_s=max(r.elapsed_s, spent))
        )
        self.saved_s = max(self.saved_s, spent)

    def time_save_due(self) -> bool:
        """TIME_SAVE_GAP_S spent since the last save: only then is a write worth it."""
        return self.elapsed() - self.saved_s >= TIME_SAVE_GAP_S

    def finish(self, end: CertificationEnd) -> CertificationResult:
        """Questions left count as wrong ("skipped automatically") once the test is over."""
        spent = min(self.elapsed(), self.record.minutes * 60.0)
        at = self.now()
        self.record = self.store.update_certification(self.id, lambda r: finish(r, at, end, spent))
        return self.result()

    def result(self) -> CertificationResult:
        return score(self.record, self.answers, self.rules)


def certification_result(
    store: Any, certification_id: str, rules: Rules
) -> CertificationResult | None:
    found = [c for c in store.certifications() if c.id == certification_id]
    if not found:
        return None
    return score(found[0], store.answers(), rules)


def neutralise_question(store: Any, certification_id: str, number: int, rules: Rules) -> Any:
    """Set question `number` (1-based, as shown) aside after the test; the result is
    recomputed from the stored record. Raises IndexError for a number out of range."""
    record = store.update_certification(certification_id, lambda r: neutralise(r, number - 1))
    return score(record, store.answers(), rules)


def finished_certifications(store: Any) -> list[CertificationRecord]:
    """The learner's finished certifications, oldest first: the ones a teacher may correct."""
    return sorted(
        (c for c in store.certifications() if c.state is CertificationState.FINISHED),
        key=lambda c: c.started_at,
    )


def toggle_question(store: Any, certification_id: str, number: int, rules: Rules) -> Any:
    """Neutralise question `number` (1-based), or count it again if it was; saved, rescored."""
    record = store.update_certification(
        certification_id, lambda r: toggle_neutralised(r, number - 1)
    )
    return score(record, store.answers(), rules)
