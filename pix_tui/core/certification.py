"""The certification blanche: who may take it, which questions, and how it is scored.

Everything follows `pix-rules.md` ("Certification"): the test checks that a profile is sincere,
so it asks variants of skills the learner validated *directly* while positioning, at most 3 per
competence at level ≥ 1, and scores them with the platform's reproducibility rules. Pure
functions over records; the choice of questions is drawn from a stored seed, so a resumed test
asks exactly the same questions in the same order.
"""

from __future__ import annotations

import enum
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from fractions import Fraction

from pix_tui.core.history import (
    AnswerRecord,
    CertificationEnd,
    CertificationRecord,
    CertificationState,
    CompetenceStart,
    PlannedQuestion,
    PositioningRecord,
    PositioningState,
    ResetRecord,
)
from pix_tui.core.model import Bank, BlankMode, Challenge, ChallengeType, Result, Skill
from pix_tui.core.profile import ProfileView
from pix_tui.core.rules import CERTIFIABLE_COMPETENCES, DEFAULT_RULES, PIX_PER_LEVEL, Rules

QUESTIONS_PER_COMPETENCE = 3
REJECTION_RATE = 50
"""Under this reproducibility rate (in %) the certification is rejected."""
HIGH_BAND = 80
MIDDLE_BAND = 70
UNCERTIFIED_LEVEL = -1
"""The platform's level for a competence that was not certified ("non certifiée")."""


# -- eligibility ---------------------------------------------------------------------------


class Standing(enum.StrEnum):
    NOT_CERTIFIABLE = "not_certifiable"
    READY = "ready"
    WAITING = "waiting"
    IN_PROGRESS = "in_progress"


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Where a learner stands toward a certification blanche, and what is missing."""

    standing: Standing
    missing: int = 0
    """Competences still to bring to level 1 (NOT_CERTIFIABLE)."""
    next_at: datetime | None = None
    """When the next certification opens (WAITING)."""
    in_progress_id: str | None = None
    last: CertificationRecord | None = None


def eligibility(
    profile: ProfileView,
    certifications: Sequence[CertificationRecord],
    now: datetime,
    rules: Rules = DEFAULT_RULES,
) -> Eligibility:
    """A test in progress is resumed first; then the profile must be certifiable, and the
    last certification must have started at least `certification_delay_days` ago."""
    ordered = sorted(certifications, key=lambda c: c.started_at)
    last = ordered[-1] if ordered else None
    running = [c for c in ordered if c.state is CertificationState.IN_PROGRESS]
    if running:
        return Eligibility(Standing.IN_PROGRESS, in_progress_id=running[-1].id, last=last)
    if not profile.certifiable:
        missing = max(0, CERTIFIABLE_COMPETENCES - profile.at_level_one)
        return Eligibility(Standing.NOT_CERTIFIABLE, missing=missing, last=last)
    if last is not None:
        opens = last.started_at + timedelta(days=rules.certification_delay_days)
        if now < opens:
            return Eligibility(Standing.WAITING, next_at=opens, last=last)
    return Eligibility(Standing.READY, last=last)


# -- choice of questions -------------------------------------------------------------------

_SKILL_NAME = re.compile(r"@(.+)(\d)")


def parse_skill(competence: str, name: str) -> Skill | None:
    """`@topicN` back into a skill (levels are one digit); None for a malformed name."""
    match = _SKILL_NAME.fullmatch(name)
    return Skill(competence, match[1], int(match[2])) if match else None


def _skill_of(bank: Bank, answer: AnswerRecord) -> Skill | None:
    challenge = bank.get(answer.challenge_id)
    if challenge is not None:
        return challenge.skill
    return parse_skill(answer.competence, answer.skill)


def directly_validated(
    bank: Bank,
    profile: ProfileView,
    positionings: Iterable[PositioningRecord],
    answers: Iterable[AnswerRecord],
    resets: Iterable[ResetRecord],
) -> dict[str, frozenset[Skill]]:
    """Per competence, the validated skills the learner answered right in a finished
    positioning since the competence's last reset: never the ones only inferred."""
    cutoffs: dict[str, datetime] = {}
    for reset in resets:
        if reset.competence not in cutoffs or reset.at > cutoffs[reset.competence]:
            cutoffs[reset.competence] = reset.at
    live = {
        p.id: p.competence
        for p in positionings
        if p.state is PositioningState.FINISHED
        and (p.competence not in cutoffs or p.started_at >= cutoffs[p.competence])
    }
    direct: dict[str, set[Skill]] = {}
    for answer in answers:
        if answer.result is not Result.OK or live.get(answer.positioning_id) != answer.competence:
            continue
        skill = _skill_of(bank, answer)
        view = profile.competences.get(answer.competence)
        if skill is not None and view is not None and skill in view.validated:
            direct.setdefault(answer.competence, set()).add(skill)
    return {code: frozenset(skills) for code, skills in direct.items()}


def is_dep(challenge: Challenge) -> bool:
    return challenge.type is ChallengeType.QROCM and challenge.mode is BlankMode.DEP


def pick_skills(
    skills: Iterable[Skill], rng: random.Random, limit: int = QUESTIONS_PER_COMPETENCE
) -> list[Skill]:
    """By decreasing level, one level group at a time; inside a group, a skill of a topic not
    used yet first (drawn at random among them); stop at `limit`."""
    by_level: dict[int, list[Skill]] = {}
    for skill in sorted(set(skills)):
        by_level.setdefault(skill.level, []).append(skill)
    chosen: list[Skill] = []
    used: set[str] = set()
    for level in sorted(by_level, reverse=True):
        group = by_level[level]
        while group and len(chosen) < limit:
            fresh_topics = [s for s in group if s.topic not in used]
            skill = rng.choice(fresh_topics or group)
            group.remove(skill)
            chosen.append(skill)
            used.add(skill.topic)
        if len(chosen) >= limit:
            break
    return chosen


def pick_variant(
    bank: Bank, skill: Skill, answered: set[str], rng: random.Random
) -> tuple[Challenge, bool] | None:
    """A variant never answered anywhere, else any challenge of the skill (the platform's
    fallback); None when the bank holds no challenge of it any more."""
    variants = sorted(bank.variants(skill), key=lambda c: c.id)
    if not variants:
        return None
    unseen = [c for c in variants if c.id not in answered]
    return (rng.choice(unseen), True) if unseen else (rng.choice(variants), False)


@dataclass(frozen=True, slots=True)
class CertificationPlan:
    questions: tuple[PlannedQuestion, ...]
    competences: tuple[CompetenceStart, ...]


def plan_certification(
    bank: Bank,
    profile: ProfileView,
    positionings: Sequence[PositioningRecord],
    answers: Sequence[AnswerRecord],
    resets: Sequence[ResetRecord],
    seed: int,
) -> CertificationPlan:
    """Every competence at level ≥ 1, in the referential's order, with its questions."""
    direct = directly_validated(bank, profile, positionings, answers, resets)
    answered = {a.challenge_id for a in answers}
    questions: list[PlannedQuestion] = []
    starts: list[CompetenceStart] = []
    for code, view in profile.competences.items():
        if view.level < 1:
            continue
        skills = [s for s in direct.get(code, frozenset()) if bank.variants(s)]
        starts.append(CompetenceStart(code, view.level, view.pix, len(direct.get(code, ()))))
        rng = random.Random(f"pix-tui:certification:{seed}:{code}")
        for skill in pick_skills(skills, rng):
            picked = pick_variant(bank, skill, answered, rng)
            if picked is None:
                continue
            challenge, fresh = picked
            questions.append(
                PlannedQuestion(
                    code, skill.name, skill.level, challenge.id, is_dep(challenge), fresh
                )
            )
    return CertificationPlan(tuple(questions), tuple(starts))


def new_certification(
    certification_id: str, plan: CertificationPlan, started_at: datetime, seed: int, rules: Rules
) -> CertificationRecord:
    return CertificationRecord(
        id=certification_id,
        started_at=started_at,
        minutes=rules.certification_minutes,
        questions=plan.questions,
        competences=plan.competences,
        seed=seed,
    )


# -- the test as it runs ---------------------------------------------------------------------


def answers_of(
    record: CertificationRecord, answers: Iterable[AnswerRecord]
) -> dict[int, AnswerRecord]:
    """The answer to each question, by index; the first one counts (no going back)."""
    index = {q.challenge_id: i for i, q in enumerate(record.questions)}
    found: dict[int, AnswerRecord] = {}
    for answer in answers:
        if answer.certification_id != record.id:
            continue
        i = index.get(answer.challenge_id)
        if i is not None and i not in found:
            found[i] = answer
    return found


def next_question(record: CertificationRecord, answers: Iterable[AnswerRecord]) -> int | None:
    """The index of the question to serve now, None when every question is settled."""
    done = answers_of(record, answers)
    for i in range(len(record.questions)):
        if i not in done and i not in record.unserved:
            return i
    return None


def time_spent(record: CertificationRecord, answers: Iterable[AnswerRecord]) -> float:
    """Seconds spent so far: the time saved on leaving, or the answers' own durations if a
    crash came first; never negative whatever the clock did between two runs."""
    answered = sum(max(0.0, a.duration_s) for a in answers_of(record, answers).values())
    return max(0.0, record.elapsed_s, answered)


def time_left(record: CertificationRecord, spent_s: float) -> float:
    return max(0.0, record.minutes * 60 - spent_s)


def neutralise(record: CertificationRecord, index: int) -> CertificationRecord:
    """A question set aside after the test (a broken challenge): it counts for nothing."""
    if not 0 <= index < len(record.questions):
        raise IndexError(f"question {index + 1} does not exist (1 to {len(record.questions)})")
    return replace(record, neutralised=tuple(sorted({*record.neutralised, index})))


def toggle_neutralised(record: CertificationRecord, index: int) -> CertificationRecord:
    """Neutralise a question, or count it again if it was: a teacher may change their mind."""
    if index in record.neutralised:
        if not 0 <= index < len(record.questions):
            raise IndexError(f"question {index + 1} does not exist (1 to {len(record.questions)})")
        return replace(record, neutralised=tuple(i for i in record.neutralised if i != index))
    return neutralise(record, index)


def finish(
    record: CertificationRecord, ended_at: datetime, end: CertificationEnd, elapsed_s: float
) -> CertificationRecord:
    return replace(
        record,
        state=CertificationState.FINISHED,
        ended_at=ended_at,
        end=end,
        elapsed_s=max(record.elapsed_s, elapsed_s),
    )


# -- scoring ---------------------------------------------------------------------------------


class QuestionStatus(enum.StrEnum):
    CORRECT = "correct"
    WRONG = "wrong"
    AUTO_SKIPPED = "auto_skipped"
    """Left unanswered when the test ended early: counts as wrong."""
    NEUTRALISED = "neutralised"
    UNSERVED = "unserved"
    """Its challenge had left the bank: neutralised, and said so."""
    PENDING = "pending"
    """Not answered yet in a test still running."""

    @property
    def counts(self) -> bool:
        """Part of the reproducibility rate."""
        return self in (QuestionStatus.CORRECT, QuestionStatus.WRONG, QuestionStatus.AUTO_SKIPPED)


class Mark(enum.StrEnum):
    KEPT = "kept"
    MINUS_ONE = "minus_one"
    UNCERTIFIED = "uncertified"


_K, _M, _U = Mark.KEPT, Mark.MINUS_ONE, Mark.UNCERTIFIED
MARK_TABLE: Mapping[tuple[int, int, int], tuple[Mark, Mark, Mark]] = {
    (3, 3, 0): (_K, _K, _K),
    (3, 2, 0): (_K, _M, _M),
    (3, 2, 1): (_K, _K, _K),
    (3, 1, 0): (_U, _U, _U),
    (3, 1, 1): (_K, _M, _U),
    (3, 1, 2): (_K, _K, _M),
    (2, 2, 0): (_K, _K, _K),
    (2, 1, 0): (_K, _M, _U),
    (2, 1, 1): (_K, _K, _M),
    (1, 1, 0): (_K, _K, _M),
}
"""The rules' table: (questions, correct, neutralised) → mark for rate ≥ 80, 70–79, < 70.
Every other combination (no correct answer, no question) leaves the competence uncertified."""


def band(rate: int) -> int:
    """0 for a rate ≥ 80 %, 1 for 70–79 %, 2 below."""
    if rate >= HIGH_BAND:
        return 0
    return 1 if rate >= MIDDLE_BAND else 2


def mark_for(questions: int, correct: int, neutralised: int, rate: int) -> Mark:
    row = MARK_TABLE.get((questions, correct, neutralised))
    return row[band(rate)] if row else Mark.UNCERTIFIED


def reproducibility_rate(correct: int, counted: int) -> int:
    """round(100 × correct / counted) with halves rounded up, as the platform does; 0 if none."""
    if counted <= 0:
        return 0
    return int(Fraction(100 * correct, counted) + Fraction(1, 2))


@dataclass(frozen=True, slots=True)
class Counted:
    """A competence's numbers as the table reads them (after the QROCM-dep case)."""

    questions: int
    correct: int
    neutralised: int


def counted(questions: Sequence[PlannedQuestion], statuses: Sequence[QuestionStatus]) -> Counted:
    """A QROCM-dep counts as 2 questions (and 2 correct when right) in a competence of fewer
    than 3 questions; the numbers are capped at 3."""
    few = len(questions) < QUESTIONS_PER_COMPETENCE
    asked = right = set_aside = 0
    for question, status in zip(questions, statuses, strict=True):
        weight = 2 if few and question.dep else 1
        asked += weight
        if status is QuestionStatus.CORRECT:
            right += weight
        elif status in (QuestionStatus.NEUTRALISED, QuestionStatus.UNSERVED):
            set_aside += weight
    asked = min(asked, QUESTIONS_PER_COMPETENCE)
    right = min(right, QUESTIONS_PER_COMPETENCE)
    return Counted(asked, right, min(set_aside, asked - right))


class Shortfall(enum.StrEnum):
    """Why a competence got fewer than 3 questions."""

    NONE = "none"
    FEW_SKILLS = "few_skills"
    """Fewer than 3 skills validated directly while positioning."""
    MISSING_CHALLENGES = "missing_challenges"
    """Some validated skills have no challenge left in the bank."""


@dataclass(frozen=True, slots=True)
class QuestionOutcome:
    index: int
    question: PlannedQuestion
    status: QuestionStatus
    answer: AnswerRecord | None = None


@dataclass(frozen=True, slots=True)
class CompetenceOutcome:
    competence: str
    positioned_level: int
    positioned_pix: int
    asked: int
    correct: int
    counted: Counted
    mark: Mark
    level: int
    """The certified level; UNCERTIFIED_LEVEL when not certified."""
    pix: int
    shortfall: Shortfall
    direct_skills: int
    missed: tuple[str, ...]
    """Skills answered wrong (or left), to work on."""

    @property
    def certified(self) -> bool:
        return self.level >= 0 and self.mark is not Mark.UNCERTIFIED


@dataclass(frozen=True)
class CertificationResult:
    record: CertificationRecord
    questions: tuple[QuestionOutcome, ...]
    rate: int
    rejected: bool
    competences: tuple[CompetenceOutcome, ...]
    score: int
    profile_pix: int
    """The pix of the competences checked, as positioned: what the score is compared with."""

    @property
    def finished(self) -> bool:
        return self.record.state is CertificationState.FINISHED

    @property
    def correct(self) -> int:
        return sum(1 for q in self.questions if q.status is QuestionStatus.CORRECT)

    @property
    def counted_questions(self) -> int:
        return sum(1 for q in self.questions if q.status.counts)

    @property
    def auto_skipped(self) -> int:
        return sum(1 for q in self.questions if q.status is QuestionStatus.AUTO_SKIPPED)

    @property
    def to_work_on(self) -> tuple[CompetenceOutcome, ...]:
        """Competences not kept, lowest mark first, then those with a skill missed."""
        order = {Mark.UNCERTIFIED: 0, Mark.MINUS_ONE: 1, Mark.KEPT: 2}
        weak = [c for c in self.competences if c.mark is not Mark.KEPT or c.missed]
        return tuple(sorted(weak, key=lambda c: (order[c.mark], c.competence)))


def question_status(
    record: CertificationRecord, index: int, answer: AnswerRecord | None
) -> QuestionStatus:
    if index in record.unserved:
        return QuestionStatus.UNSERVED
    if index in record.neutralised:
        return QuestionStatus.NEUTRALISED
    if answer is not None:
        return QuestionStatus.CORRECT if answer.result.is_correct else QuestionStatus.WRONG
    if record.state is CertificationState.FINISHED:
        return QuestionStatus.AUTO_SKIPPED
    return QuestionStatus.PENDING


def _mark_values(start: CompetenceStart, mark: Mark, rules: Rules) -> tuple[int, int]:
    level = min(start.level, rules.max_level)
    pix = min(start.pix, rules.max_pix_per_competence)
    if mark is Mark.KEPT:
        return level, pix
    if mark is Mark.MINUS_ONE:
        return max(0, level - 1), max(0, pix - PIX_PER_LEVEL)
    return UNCERTIFIED_LEVEL, 0


def _shortfall(start: CompetenceStart, asked: int) -> Shortfall:
    if asked >= QUESTIONS_PER_COMPETENCE:
        return Shortfall.NONE
    if start.direct_skills > asked:
        return Shortfall.MISSING_CHALLENGES
    return Shortfall.FEW_SKILLS


def score(
    record: CertificationRecord, answers: Iterable[AnswerRecord], rules: Rules = DEFAULT_RULES
) -> CertificationResult:
    """The whole result, recomputed from the record and its answers (so a question
    neutralised afterwards changes it at once)."""
    found = answers_of(record, answers)
    outcomes = tuple(
        QuestionOutcome(i, q, question_status(record, i, found.get(i)), found.get(i))
        for i, q in enumerate(record.questions)
    )
    counted_total = sum(1 for o in outcomes if o.status.counts)
    right_total = sum(1 for o in outcomes if o.status is QuestionStatus.CORRECT)
    rate = reproducibility_rate(right_total, counted_total)
    rejected = rate < REJECTION_RATE
    competences = []
    for start in record.competences:
        mine = [o for o in outcomes if o.question.competence == start.competence]
        numbers = counted([o.question for o in mine], [o.status for o in mine])
        mark = Mark.UNCERTIFIED if rejected else mark_for(*_numbers(numbers), rate)
        level, pix = _mark_values(start, mark, rules)
        missed = tuple(
            o.question.skill
            for o in mine
            if o.status in (QuestionStatus.WRONG, QuestionStatus.AUTO_SKIPPED)
        )
        competences.append(
            CompetenceOutcome(
                competence=start.competence,
                positioned_level=start.level,
                positioned_pix=start.pix,
                asked=len(mine),
                correct=sum(1 for o in mine if o.status is QuestionStatus.CORRECT),
                counted=numbers,
                mark=mark,
                level=level,
                pix=pix,
                shortfall=_shortfall(start, len(mine)),
                direct_skills=start.direct_skills,
                missed=missed,
            )
        )
    total = 0 if rejected else sum(c.pix for c in competences)
    return CertificationResult(
        record=record,
        questions=outcomes,
        rate=rate,
        rejected=rejected,
        competences=tuple(competences),
        score=total,
        profile_pix=sum(min(s.pix, rules.max_pix_per_competence) for s in record.competences),
    )


def _numbers(numbers: Counted) -> tuple[int, int, int]:
    return numbers.questions, numbers.correct, numbers.neutralised


def history(
    certifications: Iterable[CertificationRecord],
    answers: Sequence[AnswerRecord],
    rules: Rules = DEFAULT_RULES,
) -> tuple[CertificationResult, ...]:
    """Every finished certification scored, newest first: the progress view's history."""
    finished = [c for c in certifications if c.state is CertificationState.FINISHED]
    finished.sort(key=lambda c: c.started_at, reverse=True)
    mine = [a for a in answers if a.is_certification]
    return tuple(score(c, mine, rules) for c in finished)
