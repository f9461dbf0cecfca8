"""Answer checking: a pure function from a challenge and a learner's answer to a `Result`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

from pix_tui.core.model import BlankMode, Challenge, ChallengeType, InputKind, Result
from pix_tui.core.normalize import number_matches, text_matches

Given: TypeAlias = int | frozenset[int] | str | Mapping[str, str] | None


def _value_matches(challenge: Challenge, given: str, accepted: Sequence[str]) -> bool:
    if challenge.input is InputKind.NUMBER:
        return any(number_matches(given, a) for a in accepted)
    return any(text_matches(given, a, challenge.tolerances) for a in accepted)


def _dep_matches(challenge: Challenge, given: Sequence[str]) -> bool:
    """Each accepted set may serve one blank only: a bipartite matching, found by augmenting."""
    sets = list(challenge.blanks.values())
    owner: dict[int, int] = {}

    def place(i: int, tried: set[int]) -> bool:
        for j, accepted in enumerate(sets):
            if j in tried or not _value_matches(challenge, given[i], accepted):
                continue
            tried.add(j)
            if j not in owner or place(owner[j], tried):
                owner[j] = i
                return True
        return False

    return all(place(i, set()) for i in range(len(given)))


def _is_correct(challenge: Challenge, given: Given) -> bool:
    match challenge.type:
        case ChallengeType.QCU:
            choice = given if isinstance(given, int) else None
            if isinstance(given, frozenset) and len(given) == 1:
                choice = next(iter(given))
            return choice is not None and frozenset({choice}) == challenge.correct_indices
        case ChallengeType.QCM:
            return isinstance(given, frozenset) and given == challenge.correct_indices
        case ChallengeType.QROC:
            return isinstance(given, str) and _value_matches(challenge, given, challenge.answers)
        case ChallengeType.QROCM:
            if not isinstance(given, Mapping):
                return False
            values = [given.get(name, "") for name in challenge.blank_names]
            if challenge.mode is BlankMode.DEP:
                return all(v.strip() for v in values) and _dep_matches(challenge, values)
            return all(
                _value_matches(challenge, value, challenge.blanks[name])
                for name, value in zip(challenge.blank_names, values, strict=True)
            )
    return False


def check_answer(challenge: Challenge, given: Given, elapsed_s: float | None = None) -> Result:
    """None is a skip ("Je passe"); any answer after the time limit is timed out, right or not."""
    if given is None:
        return Result.SKIPPED
    if (
        challenge.time_limit is not None
        and elapsed_s is not None
        and elapsed_s > challenge.time_limit
    ):
        return Result.TIMED_OUT
    return Result.OK if _is_correct(challenge, given) else Result.KO


def format_given(challenge: Challenge, given: Given) -> str:
    """The learner's answer as one line of text, for the store and the review.

    Blanks are written by name, not label: stored answers must not change when a label does.
    """
    if given is None:
        return ""
    if isinstance(given, int):
        given = frozenset({given})
    if isinstance(given, frozenset):
        return " | ".join(
            challenge.proposals[i].text for i in sorted(given) if 0 <= i < len(challenge.proposals)
        )
    if isinstance(given, Mapping):
        return " | ".join(f"{name} = {given.get(name, '')}" for name in challenge.blank_names)
    return given


def correct_answer_text(challenge: Challenge) -> str:
    if challenge.type.is_choice:
        return " | ".join(p.text for p in challenge.proposals if p.correct)
    if challenge.type is ChallengeType.QROC:
        return challenge.answers[0] if challenge.answers else ""
    return " | ".join(
        f"{challenge.label(name)} = {values[0]}" for name, values in challenge.blanks.items()
    )
