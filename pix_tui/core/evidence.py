"""Why a positioning gives its level, from the answers themselves, in terms a pupil can check.

A level is explained by direct evidence only: the topics answered right at that level or above
(in this positioning, or skills kept from an earlier one), and the topics answered wrong at the
next level and never right there. The screens word it through the catalogues.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pix_tui.core.model import Bank, Result, Skill


@dataclass(frozen=True)
class LevelEvidence:
    """The facts behind a level; topics are slugs (the bank gives their titles), sorted."""

    level: int
    reached: tuple[str, ...]
    """Topics with a right answer (or a kept skill) at `level` or above; for level 0, at 1."""
    not_yet: tuple[str, ...]
    """Topics answered wrong at level + 1 and never right at level + 1 or above."""
    next_level: int | None
    """level + 1, or None at the top level (nothing is "not yet" there)."""


def level_evidence(
    bank: Bank,
    competence: str,
    level: int,
    answers: Sequence[tuple[str, Result]],
    *,
    kept: Iterable[Skill] = (),
    max_level: int,
) -> LevelEvidence:
    """The evidence for `level` from the answers (challenge id, result) and the kept skills.

    Answers to challenges the bank no longer holds, or of another competence, are left out.
    """
    right: dict[str, int] = {}
    wrong: dict[str, set[int]] = {}
    for challenge_id, result in answers:
        challenge = bank.get(challenge_id)
        if challenge is None or challenge.competence != competence:
            continue
        if result.is_correct:
            right[challenge.topic] = max(right.get(challenge.topic, 0), challenge.level)
        else:
            wrong.setdefault(challenge.topic, set()).add(challenge.level)
    for skill in kept:
        if skill.competence == competence:
            right[skill.topic] = max(right.get(skill.topic, 0), skill.level)
    floor = max(level, 1)
    reached = tuple(sorted(topic for topic, best in right.items() if best >= floor))
    next_level = level + 1 if level < max_level else None
    not_yet: tuple[str, ...] = ()
    if next_level is not None:
        not_yet = tuple(
            sorted(
                topic
                for topic, levels in wrong.items()
                if next_level in levels and right.get(topic, 0) < next_level
            )
        )
    return LevelEvidence(level, reached, not_yet, next_level)
