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

import bisect
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


_NOTHING = _State()
"""Before a competence's first positioning; one value, so replayed chains can be recognised."""


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
    replays: Replays | None = None,
    *,
    with_history: bool = True,
) -> ProfileView:
    """`replays` may be kept by the caller between derivations of the same bank: the next
    derivation then replays only the positioning that changed. `with_history=False` leaves
    `pix_history` empty: a class of profiles needs only levels."""
    if replays is None or not replays.fits(bank, rules):
        replays = Replays(bank, rules)
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
            replays,
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
        pix_history=_pix_history(positionings, by_positioning, resets, rules, replays)
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
    replays: Replays | None = None,
) -> CompetenceView:
    """Replay the competence's positionings since its last reset, oldest first."""
    if replays is None or not replays.fits(bank, rules):
        replays = Replays(bank, rules)
    available = bool(bank.of_competence(competence))
    live = sorted(
        (p for p in positionings if reset_at is None or p.started_at >= reset_at),
        key=lambda p: p.started_at,
    )
    if not live:
        return CompetenceView(
            competence, available, CompetenceStatus.NOT_STARTED, pix_to_next_level=PIX_PER_LEVEL
        )
    state = _NOTHING
    current: Estimate | None = None
    finished_record: PositioningRecord | None = None
    for positioning in live:
        answers = answers_by_positioning.get(positioning.id, ())
        replayed = replays.state(positioning, answers, state)
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


class Replays:
    """Estimates of replayed positionings, each computed once for a given bank and rules.

    Replaying is the expensive step of a derivation (an engine per positioning). The same
    positioning with the same answers and the same skills carried over gives the same
    estimate, so the history of the pix, which looks at each competence at every event,
    and the next derivation (after one more answer) replay only what changed.
    """

    def __init__(self, bank: Bank, rules: Rules = DEFAULT_RULES) -> None:
        self.bank = bank
        self.rules = rules
        self._estimates: dict[tuple[object, ...], Estimate] = {}
        self._latest: dict[str, tuple[object, ...]] = {}
        self._states: dict[str, tuple[_State, tuple[object, ...], _State]] = {}
        """Per positioning, the state it was replayed from, its answers and the state after:
        the same earlier state (the very object) and the same answers give the same state."""

    def fits(self, bank: Bank, rules: Rules) -> bool:
        return self.bank is bank and self.rules == rules

    def estimate(
        self,
        positioning: PositioningRecord,
        answers: Sequence[AnswerRecord],
        known: Mapping[Skill, bool],
    ) -> Estimate:
        history = tuple((a.challenge_id, a.result) for a in answers)
        final = positioning.state is PositioningState.FINISHED
        # A finished positioning's estimate depends on its answers alone (the seed only picks
        # questions), so positionings that went alike share one replay.
        key = (
            final,
            positioning.competence,
            positioning.engine,
            None if final else positioning.seed,
            history,
            tuple(sorted(known.items())),
        )
        # An answer more replaces the positioning's previous estimate: memory stays linear.
        previous = self._latest.get(positioning.id)
        if previous is not None and previous != key:
            self._estimates.pop(previous, None)
        self._latest[positioning.id] = key
        found = self._estimates.get(key)
        if found is None:
            engine = create_engine(
                stored_engine_kind(positioning.engine),
                self.bank,
                positioning.competence,
                seed=positioning.seed,
                history=list(history),
                known=dict(known),
                rules=self.rules,
            )
            found = self._estimates[key] = engine.estimate(final=final)
        return found

    def state(
        self, positioning: PositioningRecord, answers: Sequence[AnswerRecord], before: _State
    ) -> _State:
        """The state after `positioning`, replayed from `before` unless it was already."""
        key = (positioning, tuple((a.challenge_id, a.result, a.at) for a in answers))
        found = self._states.get(positioning.id)
        if found is not None and found[0] is before and found[1] == key:
            return found[2]
        after = _replay(self, positioning, answers, before, self.rules)
        self._states[positioning.id] = (before, key, after)
        return after


def _replay(
    replays: Replays,
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
    estimate = replays.estimate(positioning, answers, known)
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


@dataclass
class _Track:
    """One competence's finished positionings as of a moment, with the state after each.

    Moments only move forward: positionings join as they end, a reset drops those started
    before it, and only the states after a change are replayed again.
    """

    ending: list[PositioningRecord]
    resets: list[datetime]
    chain: list[tuple[datetime, int, PositioningRecord]] = field(default_factory=list)
    states: list[_State] = field(default_factory=list)
    cutoff: datetime | None = None
    next_end: int = 0
    next_reset: int = 0

    def pix_at(
        self,
        at: datetime,
        ends: Mapping[str, datetime],
        order: Mapping[str, int],
        answers_by_positioning: Mapping[str, Sequence[AnswerRecord]],
        replays: Replays,
        rules: Rules,
    ) -> int:
        changed = len(self.chain)
        while self.next_reset < len(self.resets) and self.resets[self.next_reset] <= at:
            self.cutoff = self.resets[self.next_reset]
            self.next_reset += 1
            kept = [entry for entry in self.chain if entry[0] >= self.cutoff]
            if len(kept) != len(self.chain):
                self.chain, changed = kept, 0
        while self.next_end < len(self.ending) and ends[self.ending[self.next_end].id] <= at:
            positioning = self.ending[self.next_end]
            self.next_end += 1
            if self.cutoff is None or positioning.started_at >= self.cutoff:
                entry = (positioning.started_at, order[positioning.id], positioning)
                index = bisect.bisect(self.chain, entry[:2], key=lambda e: e[:2])
                self.chain.insert(index, entry)
                changed = min(changed, index)
        del self.states[changed:]
        for _, _, positioning in self.chain[changed:]:
            before = self.states[-1] if self.states else _NOTHING
            answers = answers_by_positioning.get(positioning.id, ())
            self.states.append(replays.state(positioning, answers, before))
        last = self.states[-1].estimate if self.states else None
        return last.pix if last is not None else 0


def _pix_history(
    positionings: Sequence[PositioningRecord],
    answers_by_positioning: Mapping[str, Sequence[AnswerRecord]],
    resets: Sequence[ResetRecord],
    rules: Rules,
    replays: Replays,
) -> tuple[PixPoint, ...]:
    """Total pix after each event (a positioning ended, a reset), oldest first.

    Each competence's story is followed forward once, instead of being replayed from its
    start at every event: linear in the number of positionings, not quadratic.
    """
    finished = [p for p in positionings if p.state is PositioningState.FINISHED]
    ends = {p.id: _ended_at(p, answers_by_positioning.get(p.id, ())) for p in finished}
    order = {p.id: index for index, p in enumerate(positionings)}
    events: list[tuple[datetime, str]] = [(ends[p.id], p.competence) for p in finished]
    events += [(reset.at, reset.competence) for reset in resets]
    events.sort(key=lambda event: event[0])
    tracks = {
        code: _Track(
            sorted((p for p in finished if p.competence == code), key=lambda p: ends[p.id]),
            sorted(r.at for r in resets if r.competence == code),
        )
        for code in {competence for _, competence in events}
    }
    pix: dict[str, int] = {}
    points = []
    for at, competence in events:
        pix[competence] = tracks[competence].pix_at(
            at, ends, order, answers_by_positioning, replays, rules
        )
        points.append(PixPoint(at, sum(pix.values())))
    return tuple(points)
