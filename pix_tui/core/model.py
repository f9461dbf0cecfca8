"""Immutable data of the challenge bank: challenges, skills, and the bank itself."""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pix_tui.core.safe_text import quoted


class ChallengeType(enum.StrEnum):
    QCU = "qcu"
    QCM = "qcm"
    QROC = "qroc"
    QROCM = "qrocm"

    @property
    def is_choice(self) -> bool:
        return self in (ChallengeType.QCU, ChallengeType.QCM)


class Tolerance(enum.StrEnum):
    T1 = "t1"
    T2 = "t2"
    T3 = "t3"


class BlankMode(enum.StrEnum):
    IND = "ind"
    DEP = "dep"


class InputKind(enum.StrEnum):
    TEXT = "text"
    NUMBER = "number"


class Result(enum.StrEnum):
    OK = "ok"
    KO = "ko"
    SKIPPED = "skipped"
    TIMED_OUT = "timed_out"

    @property
    def is_correct(self) -> bool:
        return self is Result.OK


@dataclass(frozen=True, slots=True, order=True)
class Skill:
    """A topic at one level: the platform's "acquis" (written @topicN)."""

    competence: str
    topic: str
    level: int

    @property
    def name(self) -> str:
        return f"@{self.topic}{self.level}"


@dataclass(frozen=True)
class Proposal:
    text: str
    correct: bool
    line: int


@dataclass(frozen=True)
class Tutorial:
    title: str
    url: str


@dataclass(frozen=True)
class Challenge:
    id: str
    competence: str
    topic: str
    level: int
    type: ChallengeType
    statement: str
    path: Path
    proposals: tuple[Proposal, ...] = ()
    answers: tuple[str, ...] = ()
    blanks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    mode: BlankMode = BlankMode.IND
    input: InputKind = InputKind.TEXT
    tolerances: frozenset[Tolerance] = frozenset()
    shuffle: bool = False
    time_limit: int | None = None
    explanation: str = ""
    tutorials: tuple[Tutorial, ...] = ()
    attachments: tuple[Path, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def skill(self) -> Skill:
        return Skill(self.competence, self.topic, self.level)

    @property
    def timed(self) -> bool:
        return self.time_limit is not None

    @property
    def blank_names(self) -> tuple[str, ...]:
        return tuple(self.blanks)

    def label(self, blank: str) -> str:
        """What the learner reads beside a blank: its label, else its name."""
        return self.labels.get(blank, blank)

    @property
    def correct_indices(self) -> frozenset[int]:
        return frozenset(i for i, p in enumerate(self.proposals) if p.correct)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a bank file, located for the author.

    The message is a catalogue key (`problems.<key>`) and its values, so `pix-tui check`
    speaks the teacher's language; `message` is the English text.
    """

    path: Path
    line: int
    key: str
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, path: Path, line: int, code: str, /, **values: object) -> Problem:
        """Values are quoted inert and short: they come from the file being complained about."""
        return cls(path, line, code, tuple((k, quoted(v)) for k, v in values.items()))

    def text(self, tr: Callable[..., str]) -> str:
        return tr(f"problems.{self.key}", **dict(self.values))

    @property
    def message(self) -> str:
        from pix_tui.i18n import Translator

        return self.text(Translator("en"))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Parsed:
    """A file that became a challenge, with the warnings it raised and the line of its id."""

    challenge: Challenge
    warnings: tuple[Problem, ...] = ()
    id_line: int = 1


_T = TypeVar("_T")


@dataclass(frozen=True)
class Bank:
    """The valid challenges of a folder tree, indexed once for the engines and the UI."""

    root: Path
    challenges: tuple[Challenge, ...]
    topic_titles: Mapping[tuple[str, str], str] = field(default_factory=dict)
    _by_id: dict[str, Challenge] = field(init=False, repr=False, compare=False)
    _by_competence: dict[str, tuple[Challenge, ...]] = field(init=False, repr=False, compare=False)
    _by_skill: dict[Skill, tuple[Challenge, ...]] = field(init=False, repr=False, compare=False)
    _derived: dict[Hashable, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_competence: dict[str, list[Challenge]] = {}
        by_skill: dict[Skill, list[Challenge]] = {}
        for challenge in self.challenges:
            by_competence.setdefault(challenge.competence, []).append(challenge)
            by_skill.setdefault(challenge.skill, []).append(challenge)
        object.__setattr__(self, "_by_id", {c.id: c for c in self.challenges})
        object.__setattr__(self, "_by_competence", {k: tuple(v) for k, v in by_competence.items()})
        object.__setattr__(self, "_by_skill", {k: tuple(v) for k, v in by_skill.items()})
        object.__setattr__(self, "_derived", {})

    def derived(self, key: Hashable, build: Callable[[], _T]) -> _T:
        """A value computed from this bank alone, built once: the bank never changes, and an
        engine replaying a long history would otherwise rebuild it for every positioning."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def __len__(self) -> int:
        return len(self.challenges)

    def get(self, challenge_id: str) -> Challenge | None:
        return self._by_id.get(challenge_id)

    def of_competence(self, competence: str) -> tuple[Challenge, ...]:
        return self._by_competence.get(competence, ())

    def competences(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_competence))

    def skills(self, competence: str | None = None) -> frozenset[Skill]:
        if competence is None:
            return frozenset(self._by_skill)
        return frozenset(c.skill for c in self.of_competence(competence))

    def topics(self, competence: str) -> tuple[str, ...]:
        return tuple(sorted({c.topic for c in self.of_competence(competence)}))

    def topic_title(self, competence: str, topic: str) -> str:
        """The learner-facing name of a topic; its slug when the bank gives none."""
        return self.topic_titles.get((competence, topic), topic)

    def variants(self, skill: Skill) -> tuple[Challenge, ...]:
        return self._by_skill.get(skill, ())
