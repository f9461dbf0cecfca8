"""A fixed linear test: the same kind of questions for everyone, scored like the default engine.

It exists for the benchmark, to show what adaptivity buys: N challenges spread evenly over the
levels (easiest first) and rotated over topics, then the default engine's classifier.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from pix_tui.core.engine.bayes import BayesEngine, BayesSettings
from pix_tui.core.model import Bank, Challenge, Skill
from pix_tui.core.rules import Rules


def linear_plan(bank: Bank, competence: str, length: int, seed: int) -> tuple[Challenge, ...]:
    challenges = sorted(bank.of_competence(competence), key=lambda c: c.id)
    levels = sorted({c.level for c in challenges})
    if not levels:
        return ()
    rng = random.Random(f"linear:{seed}")
    topic_order: dict[int, list[str]] = {}
    for level in levels:
        topic_order[level] = sorted({c.topic for c in challenges if c.level == level})
        rng.shuffle(topic_order[level])
    plan: list[Challenge] = []
    turns: dict[int, int] = {}
    for k in range(length):
        level = levels[k * len(levels) // length]
        turn = turns.get(level, 0)
        turns[level] = turn + 1
        topic = topic_order[level][turn % len(topic_order[level])]
        used = {c.id for c in plan}
        variants = [
            c for c in challenges if c.level == level and c.topic == topic and c.id not in used
        ]
        if variants:
            plan.append(rng.choice(variants))
    return tuple(plan)


class LinearEngine(BayesEngine):
    def __init__(
        self,
        bank: Bank,
        competence: str,
        *,
        length: int,
        seed: int,
        known: Mapping[Skill, bool],
        rules: Rules,
        settings: BayesSettings,
    ) -> None:
        super().__init__(bank, competence, seed=seed, known=known, rules=rules, settings=settings)
        self._plan = linear_plan(bank, competence, length, seed)

    def _done(self) -> bool:
        return self._answered >= len(self._plan)

    def _choose(self) -> Challenge | None:
        return self._plan[self._answered]
