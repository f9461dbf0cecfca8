"""The contract every positioning engine honours, and the helpers they share."""

from __future__ import annotations

import enum
import random
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from typing import Protocol

from pix_tui.core.model import Challenge, Result, Skill

CONFIDENT = 0.8
"""P(level is right) from which a level may be announced before the positioning ends."""


class EngineKind(enum.StrEnum):
    DEFAULT = "default"
    SMART_RANDOM = "smart-random"


@dataclass(frozen=True)
class Estimate:
    """Where the learner stands now; `level` and `pix` always follow the platform's scoring.

    `confidence` is the probability that `level` is right (for smart-random, a proxy: see
    docs/engine.md).
    """

    level: int
    pix: int
    validated: frozenset[Skill]
    invalidated: frozenset[Skill]
    confidence: float
    finished: bool
    answered: int

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT


class Engine(Protocol):
    def next_challenge(self) -> Challenge | None: ...

    def record(self, challenge_id: str, result: Result) -> None: ...

    def estimate(self, *, final: bool = False) -> Estimate:
        """`final`: the caller knows the positioning has ended (a replayed record), so no next
        challenge is looked for, the costliest step of a replay; `finished` is then True."""
        ...


class UnknownChallenge(ValueError):
    """An answer names a challenge this engine cannot place: a bug in the caller."""


def step_rng(seed: int, answered: int) -> random.Random:
    """Randomness tied to (seed, answers so far), so a resumed positioning replays exactly."""
    return random.Random(f"pix-tui:{seed}:{answered}")


def prefer_untimed(candidates: Sequence[Challenge], last_timed: bool) -> list[Challenge]:
    """After a timed challenge, untimed ones only, unless none is left."""
    if not last_timed:
        return list(candidates)
    untimed = [challenge for challenge in candidates if not challenge.timed]
    return untimed or list(candidates)


def unseen(
    challenges: Iterable[Challenge], seen: set[str], avoid: Set[str] = frozenset()
) -> list[Challenge]:
    """Not asked yet in this positioning, by id; `avoid` as in `fresh_variants`."""
    return fresh_variants(
        sorted((c for c in challenges if c.id not in seen), key=lambda c: c.id), avoid
    )


def fresh_variants(candidates: Sequence[Challenge], avoid: Set[str]) -> list[Challenge]:
    """Per skill, the variants the learner has not seen corrected (`avoid`); a skill whose
    every candidate was seen keeps them all: asked again rather than left untested."""
    if not avoid:
        return list(candidates)
    fresh = {c.skill for c in candidates if c.id not in avoid}
    return [c for c in candidates if c.id not in avoid or c.skill not in fresh]
