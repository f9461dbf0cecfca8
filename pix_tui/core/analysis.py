"""What a class's answers say about each challenge: how often it is right, for whom, and which
refused answers keep coming back.

For each challenge answered by the class: the number of answers, the share right, and the
share right among learners whose current level in its competence is below, at or above the
challenge's declared level. A challenge is flagged, with the numbers that raised the flag,
when learners below its level mostly succeed (easier than declared), when learners at or
above it mostly fail (harder than declared), or when strong learners fail it more than weak
ones (a likely wrong key). Refused free answers are grouped by the checker's own
normalisation, so "DHCP", "dhcp " and "DHCP." are one line when the tolerances say so.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Bank, BlankMode, Challenge, ChallengeType, InputKind, Result
from pix_tui.core.normalize import base_form, normalise, number_matches, parse_number, text_matches


class Placement(enum.StrEnum):
    BELOW = "below"
    AT = "at"
    ABOVE = "above"


class FlagKind(enum.StrEnum):
    EASIER = "easier"
    HARDER = "harder"
    INVERTED = "inverted"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """A flag needs enough answers in the groups it compares; shares are between 0 and 1."""

    min_answers: int = 5
    easier_share: float = 0.8
    harder_share: float = 0.3
    inverted_gap: float = 0.2


@dataclass(frozen=True, slots=True)
class Share:
    answers: int = 0
    right: int = 0

    @property
    def share(self) -> float | None:
        return self.right / self.answers if self.answers else None

    def __add__(self, other: Share) -> Share:
        return Share(self.answers + other.answers, self.right + other.right)


@dataclass(frozen=True, slots=True)
class Flag:
    kind: FlagKind
    evidence: tuple[tuple[Placement | None, Share], ...]
    """The groups whose shares raised the flag (None: at and above together)."""


@dataclass(frozen=True, slots=True)
class RefusedAnswer:
    shown: str
    """The most frequent way learners typed it."""
    key: str
    """Its normalised form: what the checker compared."""
    count: int
    learners: int
    blank: str = ""
    """For a challenge with blanks: the blank it was typed in."""


@dataclass(frozen=True)
class ChallengeAnalysis:
    challenge_id: str
    competence: str
    level: int
    type: ChallengeType
    path: Path
    total: Share
    groups: Mapping[Placement, Share]
    flags: tuple[Flag, ...] = ()
    refused: tuple[RefusedAnswer, ...] = ()

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


Answered = tuple[str, Result, str]
"""(challenge id, result, the answer given as text): all the analysis reads of an answer."""


def answered(records: Iterable[AnswerRecord]) -> list[Answered]:
    return [(a.challenge_id, a.result, a.given) for a in records]


@dataclass(frozen=True)
class LearnerAnswers:
    """One learner's answers and current levels (competence → level)."""

    name: str
    levels: Mapping[str, int]
    answers: Sequence[Answered]


@dataclass
class _Tally:
    groups: dict[Placement, list[int]] = field(
        default_factory=lambda: {p: [0, 0] for p in Placement}
    )
    refused: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    refused_by: dict[tuple[str, str], set[str]] = field(default_factory=dict)


def placement(learner_level: int, challenge_level: int) -> Placement:
    if learner_level < challenge_level:
        return Placement.BELOW
    if learner_level > challenge_level:
        return Placement.ABOVE
    return Placement.AT


def analyse(
    bank: Bank, learners: Iterable[LearnerAnswers], thresholds: Thresholds = Thresholds()
) -> list[ChallengeAnalysis]:
    """Every challenge of the bank answered at least once, flagged ones first, then by id.

    Answers to challenges no longer in the bank are left out: there is nothing to fix.
    """
    tallies: dict[str, _Tally] = {}
    free = bank.derived(("free-answer-challenges",), lambda: _free_answer_ids(bank))
    # The same wrong answer, given by many learners, is normalised once.
    refused: dict[tuple[str, str], list[Refusal]] = {}
    get = bank.get
    for learner in learners:
        answers, levels = learner.answers, learner.levels
        for (challenge_id, result), count in Counter(map(_ID_AND_RESULT, answers)).items():
            challenge = get(challenge_id)
            if challenge is None:
                continue
            tally = tallies.get(challenge_id)
            if tally is None:
                tally = tallies[challenge_id] = _Tally()
            cell = tally.groups[placement(levels.get(challenge.competence, 0), challenge.level)]
            cell[0] += count
            if result is Result.OK:
                cell[1] += count
        ko = Result.KO
        for challenge_id, result, given in answers:
            if result is ko and challenge_id in free:
                found = refused.get((challenge_id, given))
                if found is None:
                    found = refused[challenge_id, given] = _refusals(free[challenge_id], given)
                _count_refused(found, learner.name, tallies[challenge_id])
    results = [
        _summary(challenge, tallies[challenge_id], thresholds)
        for challenge_id in tallies
        if (challenge := bank.get(challenge_id)) is not None
    ]
    results.sort(key=lambda a: (not a.flagged, a.competence, a.level, a.challenge_id))
    return results


_FREE = (ChallengeType.QROC, ChallengeType.QROCM)
_ID_AND_RESULT = itemgetter(0, 1)


def _free_answer_ids(bank: Bank) -> dict[str, Challenge]:
    """The challenges whose wrong answers are worth grouping: typed, not chosen."""
    return {c.id: c for c in bank.challenges if c.type in _FREE}


def refusal_key(challenge: Challenge, given: str) -> str:
    """The form the checker compares: tolerances applied, or the number it reads."""
    if challenge.input is InputKind.NUMBER:
        number = parse_number(given)
        return str(number.normalize()) if number is not None else base_form(given)
    return normalise(given, challenge.tolerances)


def _accepted(challenge: Challenge, value: str, accepted: Sequence[str]) -> bool:
    if challenge.input is InputKind.NUMBER:
        return any(number_matches(value, a) for a in accepted)
    return any(text_matches(value, a, challenge.tolerances) for a in accepted)


def blank_values(challenge: Challenge, given: str) -> dict[str, str]:
    """Reads back `format_given`'s "name = value | name = value" for a challenge with blanks."""
    values: dict[str, str] = {}
    names = set(challenge.blank_names)
    for part in given.split(" | "):
        name, sep, value = part.partition(" = ")
        if sep and name in names:
            values[name] = value
    return values


Refusal = tuple[str, str, str]
"""(blank, the form the checker compares, the form shown): one refused value of an answer."""


def _refusals(challenge: Challenge, given: str) -> list[Refusal]:
    if challenge.type is ChallengeType.QROC:
        pairs = [("", given)] if given.strip() else []
    else:
        every = [a for values in challenge.blanks.values() for a in values]
        pairs = []
        for name, value in blank_values(challenge, given).items():
            accepted = every if challenge.mode is BlankMode.DEP else challenge.blanks[name]
            if value.strip() and not _accepted(challenge, value, accepted):
                pairs.append((name, value))
    return [(blank, refusal_key(challenge, value), base_form(value)) for blank, value in pairs]


def _count_refused(refusals: list[Refusal], learner: str, tally: _Tally) -> None:
    for blank, compared, shown in refusals:
        key = (blank, compared)
        tally.refused.setdefault(key, Counter())[shown] += 1
        tally.refused_by.setdefault(key, set()).add(learner)


def _summary(challenge: Challenge, tally: _Tally, thresholds: Thresholds) -> ChallengeAnalysis:
    groups = {p: Share(*counts) for p, counts in tally.groups.items()}
    total = groups[Placement.BELOW] + groups[Placement.AT] + groups[Placement.ABOVE]
    refused = [
        RefusedAnswer(
            shown=forms.most_common(1)[0][0],
            key=key,
            count=sum(forms.values()),
            learners=len(tally.refused_by[(blank, key)]),
            blank=blank,
        )
        for (blank, key), forms in tally.refused.items()
    ]
    refused.sort(key=lambda r: (-r.count, r.blank, r.shown))
    return ChallengeAnalysis(
        challenge_id=challenge.id,
        competence=challenge.competence,
        level=challenge.level,
        type=challenge.type,
        path=challenge.path,
        total=total,
        groups=groups,
        flags=flags_for(groups, thresholds),
        refused=tuple(refused),
    )


def flags_for(groups: Mapping[Placement, Share], thresholds: Thresholds) -> tuple[Flag, ...]:
    below, at, above = (groups[p] for p in Placement)
    strong = at + above
    enough = thresholds.min_answers
    flags = []
    if below.answers >= enough and (below.share or 0) >= thresholds.easier_share:
        flags.append(Flag(FlagKind.EASIER, ((Placement.BELOW, below),)))
    if strong.answers >= enough and (strong.share or 0) <= thresholds.harder_share:
        flags.append(Flag(FlagKind.HARDER, ((None, strong),)))
    if (
        below.answers >= enough
        and above.answers >= enough
        and (above.share or 0) + thresholds.inverted_gap < (below.share or 0)
    ):
        flags.append(Flag(FlagKind.INVERTED, ((Placement.ABOVE, above), (Placement.BELOW, below))))
    return tuple(flags)
