"""A class at a glance: one row per learner and the class totals, from derived profiles.

The class view, `pix-tui class` and the CSV export all read these rows, so a teacher never
sees two versions of a learner. Pure: the shell reads the profiles and derives them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pix_tui.core.certification import history as certification_history
from pix_tui.core.history import (
    AnswerRecord,
    CertificationRecord,
    PositioningRecord,
    ResetRecord,
)
from pix_tui.core.normalize import strip_accents
from pix_tui.core.profile import ProfileView
from pix_tui.core.rules import DEFAULT_RULES, Rules
from pix_tui.core.scoring import certifiable


class CertificationStatus(enum.StrEnum):
    VALIDATED = "validated"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class CertificationSummary:
    """A learner's last certification blanche, as the class report shows it."""

    at: datetime
    rate: int
    """Reproducibility rate, in %."""
    status: CertificationStatus
    score: int


@dataclass(frozen=True)
class Standing:
    """Level and pix per competence: all the class report needs of a derived profile, small
    enough to be cached between two looks at a class (deriving replays every positioning)."""

    levels: Mapping[str, int]
    pix: Mapping[str, int]

    @classmethod
    def of(cls, view: ProfileView) -> Standing:
        return cls(
            {code: c.level for code, c in view.competences.items()},
            {code: c.pix for code, c in view.competences.items()},
        )


@dataclass(frozen=True)
class LearnerInput:
    """What the shell knows about one learner: where they stand and two dates."""

    name: str
    standing: Standing
    last_activity: datetime
    certification: CertificationSummary | None = None


@dataclass(frozen=True)
class ClassRow:
    name: str
    pix: int
    at_level_one: int
    certifiable: bool
    last_activity: datetime
    certification: CertificationSummary | None
    levels: Mapping[str, int]
    pix_by_competence: Mapping[str, int]


class SortKey(enum.StrEnum):
    NAME = "name"
    PIX = "pix"
    COMPETENCES = "competences"
    ACTIVITY = "activity"


SORT_CYCLE = tuple(SortKey)


@dataclass(frozen=True, slots=True)
class RowFilter:
    """Rows kept; every criterion set must hold."""

    not_certifiable: bool = False
    inactive_days: int | None = None
    """Only learners with no activity for at least this many days."""
    below: tuple[str, int] | None = None
    """Only learners whose level in this competence is below this level."""

    @property
    def active(self) -> bool:
        return self.not_certifiable or self.inactive_days is not None or self.below is not None


@dataclass(frozen=True)
class CompetenceTotals:
    code: str
    distribution: tuple[int, ...]
    """Learners at level 0, 1, … max_level."""
    mean_level: float
    at_level_one: int


@dataclass(frozen=True)
class ClassTotals:
    learners: int
    certifiable: int
    competences: Mapping[str, CompetenceTotals] = field(default_factory=dict)


def last_activity(
    answers: Sequence[AnswerRecord],
    positionings: Iterable[PositioningRecord],
    resets: Iterable[ResetRecord],
    created: datetime,
) -> datetime:
    """The learner's last answer, positioning or reset; their profile's creation otherwise."""
    moments = [answer.at for answer in answers[-1:]]
    moments.extend(p.ended_at or p.started_at for p in positionings)
    moments.extend(reset.at for reset in resets)
    return max(moments, default=created)


def last_certification(
    certifications: Iterable[CertificationRecord],
    answers: Sequence[AnswerRecord],
    rules: Rules = DEFAULT_RULES,
) -> CertificationSummary | None:
    """The newest finished certification blanche, scored from its answers."""
    scored = certification_history(certifications, answers, rules)
    if not scored:
        return None
    result = scored[0]
    status = CertificationStatus.REJECTED if result.rejected else CertificationStatus.VALIDATED
    return CertificationSummary(result.record.started_at, result.rate, status, result.score)


def class_row(learner: LearnerInput) -> ClassRow:
    standing = learner.standing
    levels = list(standing.levels.values())
    return ClassRow(
        name=learner.name,
        pix=sum(standing.pix.values()),
        at_level_one=sum(1 for level in levels if level >= 1),
        certifiable=certifiable(levels),
        last_activity=learner.last_activity,
        certification=learner.certification,
        levels=standing.levels,
        pix_by_competence=standing.pix,
    )


def class_rows(learners: Iterable[LearnerInput]) -> list[ClassRow]:
    rows = [class_row(learner) for learner in learners]
    return sort_rows(rows, SortKey.NAME)


def name_key(name: str) -> tuple[str, str]:
    """Alphabetical as a class list is: "Élodie" between "Adam" and "zoé"."""
    return strip_accents(name).casefold(), name


def sort_rows(rows: Sequence[ClassRow], key: SortKey, descending: bool = False) -> list[ClassRow]:
    """Ties always fall back to the name, so the order never depends on the disk."""
    by_name = sorted(rows, key=lambda row: name_key(row.name))
    if key is SortKey.NAME:
        return list(reversed(by_name)) if descending else by_name
    values = {
        SortKey.PIX: lambda row: row.pix,
        SortKey.COMPETENCES: lambda row: row.at_level_one,
        SortKey.ACTIVITY: lambda row: row.last_activity,
    }[key]
    return sorted(by_name, key=values, reverse=descending)  # type: ignore[arg-type]


def filter_rows(rows: Iterable[ClassRow], wanted: RowFilter, now: datetime) -> list[ClassRow]:
    kept = []
    for row in rows:
        if wanted.not_certifiable and row.certifiable:
            continue
        if wanted.inactive_days is not None and now - row.last_activity < timedelta(
            days=wanted.inactive_days
        ):
            continue
        if wanted.below is not None:
            code, level = wanted.below
            if row.levels.get(code, 0) >= level:
                continue
        kept.append(row)
    return kept


def class_totals(rows: Sequence[ClassRow], codes: Sequence[str], max_level: int) -> ClassTotals:
    competences = {}
    for code in codes:
        counts = [0] * (max_level + 1)
        for row in rows:
            counts[min(max_level, max(0, row.levels.get(code, 0)))] += 1
        total = sum(level * n for level, n in enumerate(counts))
        competences[code] = CompetenceTotals(
            code,
            tuple(counts),
            total / len(rows) if rows else 0.0,
            sum(counts[1:]),
        )
    return ClassTotals(len(rows), sum(1 for row in rows if row.certifiable), competences)


def ordered_codes(codes: Sequence[str], campaign: Sequence[str]) -> tuple[str, ...]:
    """The campaign's competences first (in its order), then the others in the referential's."""
    first = [code for code in campaign if code in codes]
    return (*first, *(code for code in codes if code not in first))
