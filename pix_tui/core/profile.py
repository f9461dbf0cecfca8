"""A learner's profile, derived from what they did: levels are recomputed, never stored.

Per competence, only the records since its last reset count. Each positioning is replayed
through the engine that ran it (its kind and seed), so the skills a profile shows are exactly
the ones the learner saw at the end of the positioning, and a rule or bank change applies to
old records too. Practice answers (no positioning) never change a level.

Retry: `retry_delay_days` after a positioning ended, the competence can be positioned again.
No retry on a competence at the maximum level: nothing could improve. The new positioning keeps
every validated skill and the failures settled less than the delay ago (a failure whose age is
not less than the delay is forgotten, as on the platform); `retry_known` builds that for
`create_engine`.
Reset: `reset_delay_days` after the last positioning started or ended, the competence can be
put back to zero (a `ResetRecord`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pix_tui.core.engine import EngineKind, Estimate, create_engine
from pix_tui.core.history import (
    AnswerRecord,
    PositioningKind,
    PositioningRecord,
    PositioningState,
    ResetRecord,
)
from pix_tui.core.model import Bank, Result, Skill
from pix_tui.core.referential import referential
from pix_tui.core.rules import DEFAULT_RULES, PIX_PER_LEVEL, Rules
from pix_tui.core.scoring import certifiable, max_profile_pix


class CompetenceStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


class StepKind(enum.StrEnum):
    RESUME = "resume"
    START = "start"
    NEXT_LEVEL = "next_level"


@dataclass(frozen=True)
class CompetenceView:
    """Where a learner stands on one competence, and what they may do next."""

    competence: str
    available: bool
    """The bank has challenges for it: it can be positioned."""
    status: CompetenceStatus
    level: int = 0
    pix: int = 0
    validated: frozenset[Skill] = frozenset()
    invalidated: frozenset[Skill] = frozenset()
    evidence: Mapping[Skill, datetime] = field(default_factory=dict)
    """When each validated or invalidated skill was last settled: a retry forgets old failures."""
    in_progress_id: str | None = None
    """The positioning to resume, if any."""
    answered: int = 0
    """Answers given so far in the positioning to resume."""
    current: Estimate | None = None
    """The live estimate of the positioning in progress; the level shown stays the last one."""
    last_positioning_id: str | None = None
    """The last finished positioning, for its review."""
    finished_at: datetime | None = None
    positionings: int = 0
    pix_to_next_level: int | None = None
    """None at the top level: nothing left to gain."""
    retry_at: datetime | None = None
    reset_at: datetime | None = None
    can_retry: bool = False
    can_reset: bool = False


@dataclass(frozen=True, slots=True)
class PixPoint:
    at: datetime
    pix: int


@dataclass(frozen=True, slots=True)
class NextStep:
    competence: str
    kind: StepKind
    missing_pix: int = 0
    """For NEXT_LEVEL: pix still needed to reach `target_level`."""
    target_level: int = 0
    not_before: datetime | None = None
    """For NEXT_LEVEL: when the retry it needs opens, if it is not open yet."""


@dataclass(frozen=True)
class ProfileView:
    competences: Mapping[str, CompetenceView]
    """Every competence of the referential, in its order."""
    pix: int
    max_pix: int
    at_level_one: int
    """Competences at level 1 or more: 5 make the profile certifiable."""
    certifiable: bool
    pix_history: tuple[PixPoint, ...]
    """Profile pix after each finished positioning or reset, oldest first."""
    next_steps: tuple[NextStep, ...]

    @property
    def pix_series(self) -> tuple[int, ...]:
        """The pix history as plain numbers, for a sparkline."""
        return tuple(point.pix for point in self.pix_history)


@dataclass(frozen=True, slots=True)
class _State:
    validated: frozenset[Skill] = frozenset()
    invalidated: frozenset[Skill] = frozenset()
    evidence: Mapping[Skill, datetime] = field(default_factory=dict)
    estimate: Estimate | None = None


def positioning_history(
    answers: Iterable[AnswerRecord], positioning_id: str
) -> list[tuple[str, Result]]:
    """The answers of one positioning in the order they were given: what `create_engine` replays."""
    if not positioning_id:
        return []
    return [(a.challenge_id, a.result) for a in answers if a.positioning_id == positioning_id]


def _kept_for_retry(
    validated: Iterable[Skill],
    invalidated: Iterable[Skill],
    evidence: Mapping[Skill, datetime],
    now: datetime,
    rules: Rules,
) -> dict[Skill, bool]:
    horizon = now - timedelta(days=rules.retry_delay_days)
    known = dict.fromkeys(validated, True)
    for skill in invalidated:
        settled = evidence.get(skill)
        if settled is not None and settled > horizon and skill not in known:
            known[skill] = False
    return known


def retry_known(
    view: CompetenceView, now: datetime, rules: Rules = DEFAULT_RULES
) -> dict[Skill, bool]:
    """The `known` of `create_engine` for a retry started now: every validated skill, and the
    failures settled less than the retry delay ago."""
    return _kept_for_retry(view.validated, view.invalidated, view.evidence, now, rules)


def known_for_retry(
    bank: Bank,
    competence: str,
    positionings: Sequence[PositioningRecord],
    answers: Sequence[AnswerRecord],
    resets: Sequence[ResetRecord],
    now: datetime,
    rules: Rules = DEFAULT_RULES,
) -> dict[Skill, bool]:
    """`retry_known` straight from the records (those before the retry started)."""
    view = derive_competence(
        bank,
        competence,
        [p for p in positionings if p.competence == competence],
        _by_positioning(answers),
        _reset_cutoffs(resets).get(competence),
        now,
        rules,
    )
    return retry_known(view, now, rules)


def _by_positioning(answers: Iterable[AnswerRecord]) -> dict[str, list[AnswerRecord]]:
    """Positioning answers grouped in the order given; practice answers are left out."""
    grouped: dict[str, list[AnswerRecord]] = {}
    for answer in answers:
        if not answer.is_practice:
            grouped.setdefault(answer.positioning_id, []).append(answer)
    return grouped


def derive_profile(
    bank: Bank,
    positionings: Sequence[PositioningRecord],
    answers: Sequence[AnswerRecord],
    resets: Sequence[ResetRecord],
    now: datetime,
    rules: Rules = DEFAULT_RULES,
    *,
    with_history: bool = True,
) -> ProfileView:
    """`with_history=False` leaves `pix_history` empty: a class of profiles needs only levels,
    and replaying every event is most of the cost of a long history."""
    codes = referential().codes()
    by_positioning = _by_positioning(answers)
    cutoffs = _reset_cutoffs(resets)
    views = {
        code: derive_competence(
            bank,
            code,
            [p for p in positionings if p.competence == code],
            by_positioning,
            cutoffs.get(code),
            now,
            rules,
        )
        for code in codes
    }
    levels = [view.level for view in views.values()]
    return ProfileView(
        competences=views,
        pix=sum(view.pix for view in views.values()),
        max_pix=max_profile_pix(rules),
        at_level_one=sum(1 for level in levels if level >= 1),
        certifiable=certifiable(levels),
        pix_history=_pix_history(bank, positionings, by_positioning, resets, rules)
        if with_history
        else (),
        next_steps=next_steps(views.values(), rules),
    )


def derive_competence(
    bank: Bank,
    competence: str,
    positionings: Sequence[PositioningRecord],
    answers_by_positioning: Mapping[str, Sequence[AnswerRecord]],
    reset_at: datetime | None,
    now: datetime,
    rules: Rules = DEFAULT_RULES,
) -> CompetenceView:
    """Replay the competence's positionings since its last reset, oldest first."""
    available = bool(bank.of_competence(competence))
    live = sorted(
        (p for p in positionings if reset_at is None or p.started_at >= reset_at),
        key=lambda p: p.started_at,
    )
    if not live:
        return CompetenceView(
            competence, available, CompetenceStatus.NOT_STARTED, pix_to_next_level=PIX_PER_LEVEL
        )
    state = _State()
    current: Estimate | None = None
    finished_record: PositioningRecord | None = None
    for positioning in live:
        answers = answers_by_positioning.get(positioning.id, ())
        replayed = _replay(bank, positioning, answers, state, rules)
        if positioning.state is PositioningState.FINISHED:
            state, current, finished_record = replayed, None, positioning
        else:
            current = replayed.estimate
    last = live[-1]
    last_answers = answers_by_positioning.get(last.id, ())
    finished_at = (
        _ended_at(finished_record, answers_by_positioning.get(finished_record.id, ()))
        if finished_record
        else None
    )
    in_progress = last.state is not PositioningState.FINISHED
    retry_at = (
        None if in_progress or finished_at is None else finished_at + _days(rules.retry_delay_days)
    )
    reset_at_next = _ended_at(last, last_answers) + _days(rules.reset_delay_days)
    pix = state.estimate.pix if state.estimate else 0
    return CompetenceView(
        competence=competence,
        available=available,
        status=CompetenceStatus.IN_PROGRESS if in_progress else CompetenceStatus.FINISHED,
        level=state.estimate.level if state.estimate else 0,
        pix=pix,
        validated=state.validated,
        invalidated=state.invalidated,
        evidence=state.evidence,
        in_progress_id=last.id if in_progress else None,
        answered=len(last_answers) if in_progress else 0,
        current=current if in_progress else None,
        last_positioning_id=finished_record.id if finished_record else None,
        finished_at=finished_at,
        positionings=len(live),
        pix_to_next_level=_pix_to_next_level(pix, rules),
        retry_at=retry_at,
        reset_at=reset_at_next,
        can_retry=(
            available
            and retry_at is not None
            and now >= retry_at
            and _level_of(state) < rules.max_level
        ),
        can_reset=now >= reset_at_next,
    )


def _level_of(state: _State) -> int:
    """The level a replayed story ends on (0 before any estimate)."""
    return state.estimate.level if state.estimate else 0


def _days(days: float) -> timedelta:
    return timedelta(days=days)


def _replay(
    bank: Bank,
    positioning: PositioningRecord,
    answers: Sequence[AnswerRecord],
    before: _State,
    rules: Rules,
) -> _State:
    known: dict[Skill, bool] = {}
    if positioning.kind is PositioningKind.RETRY:
        known = _kept_for_retry(
            before.validated, before.invalidated, before.evidence, positioning.started_at, rules
        )
    engine = create_engine(
        stored_engine_kind(positioning.engine),
        bank,
        positioning.competence,
        seed=positioning.seed,
        history=[(a.challenge_id, a.result) for a in answers],
        known=known,
        rules=rules,
    )
    estimate = engine.estimate()
    settled = _ended_at(positioning, answers)
    evidence = {}
    for skill in estimate.validated | estimate.invalidated:
        kept = known.get(skill) is (skill in estimate.validated)
        evidence[skill] = before.evidence.get(skill, settled) if kept else settled
    return _State(estimate.validated, estimate.invalidated, evidence, estimate)


def _pix_to_next_level(pix: int, rules: Rules) -> int | None:
    if pix >= rules.max_pix_per_competence:
        return None
    return PIX_PER_LEVEL - pix % PIX_PER_LEVEL


def stored_engine_kind(name: str) -> EngineKind:
    """A positioning run by an engine this version does not know is replayed by the default."""
    try:
        return EngineKind(name)
    except ValueError:
        return EngineKind.DEFAULT


def resumable_positioning(
    positionings: Iterable[PositioningRecord], resets: Iterable[ResetRecord], competence: str
) -> PositioningRecord | None:
    """The positioning to resume, if any: the latest unfinished one since the last reset."""
    reset_at = _reset_cutoffs(resets).get(competence)
    candidates = [
        p
        for p in positionings
        if p.competence == competence
        and p.state is PositioningState.IN_PROGRESS
        and (reset_at is None or p.started_at >= reset_at)
    ]
    return max(candidates, key=lambda p: p.started_at) if candidates else None


def _ended_at(positioning: PositioningRecord, answers: Sequence[AnswerRecord]) -> datetime:
    if positioning.ended_at is not None:
        return positioning.ended_at
    return max((a.at for a in answers), default=positioning.started_at)


def _reset_cutoffs(resets: Iterable[ResetRecord]) -> dict[str, datetime]:
    cutoffs: dict[str, datetime] = {}
    for reset in resets:
        if reset.competence not in cutoffs or reset.at > cutoffs[reset.competence]:
            cutoffs[reset.competence] = reset.at
    return cutoffs


def next_steps(
    views: Iterable[CompetenceView], rules: Rules = DEFAULT_RULES
) -> tuple[NextStep, ...]:
    """Resume first, then competences never tried, then those fewest pix from their next level."""
    views = [view for view in views if view.available]
    resume = [NextStep(v.competence, StepKind.RESUME) for v in views if v.in_progress_id]
    fresh = [
        NextStep(v.competence, StepKind.START, PIX_PER_LEVEL, 1)
        for v in views
        if v.status is CompetenceStatus.NOT_STARTED
    ]
    finished = [v for v in views if v.status is CompetenceStatus.FINISHED and v.pix_to_next_level]
    finished.sort(key=lambda v: v.pix_to_next_level or 0)
    close = [
        NextStep(
            v.competence,
            StepKind.NEXT_LEVEL,
            v.pix_to_next_level or 0,
            min(rules.max_level, v.level + 1),
            None if v.can_retry else v.retry_at,
        )
        for v in finished
        if v.level < rules.max_level
    ]
    return (*resume, *fresh, *close)


def _pix_history(
    bank: Bank,
    positionings: Sequence[PositioningRecord],
    answers_by_positioning: Mapping[str, Sequence[AnswerRecord]],
    resets: Sequence[ResetRecord],
    rules: Rules,
) -> tuple[PixPoint, ...]:
    """Total pix after each event, replaying each competence's story up to that moment."""
    events: list[tuple[datetime, str]] = [
        (_ended_at(p, answers_by_positioning.get(p.id, ())), p.competence)
        for p in positionings
        if p.state is PositioningState.FINISHED
    ]
    events += [(reset.at, reset.competence) for reset in resets]
    events.sort(key=lambda event: event[0])
    pix: dict[str, int] = {}
    points = []
    for at, competence in events:
        view = derive_competence(
            bank,
            competence,
            [
                p
                for p in positionings
                if p.competence == competence
                and p.state is PositioningState.FINISHED
                and _ended_at(p, answers_by_positioning.get(p.id, ())) <= at
            ],
            answers_by_positioning,
            _reset_cutoffs(r for r in resets if r.at <= at).get(competence),
            at,
            rules,
        )
        pix[competence] = view.pix
        points.append(PixPoint(at, sum(pix.values())))
    return tuple(points)
