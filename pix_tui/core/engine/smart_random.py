"""The platform's positioning algorithm ("smart random"), as pix-rules.md describes it.

It is the baseline the default engine must beat and the "mode plateforme" a teacher can pick,
so it copies the platform's choices, weaknesses included: inferred results are final, and one
wrong answer invalidates every harder skill of its topic.
"""

from __future__ import annotations

from collections.abc import Mapping

from pix_tui.core.engine.base import Estimate, UnknownChallenge, fresh_variants, step_rng
from pix_tui.core.engine.response_model import logistic
from pix_tui.core.model import Bank, Challenge, Result, Skill
from pix_tui.core.rules import Rules
from pix_tui.core.scoring import level_for_pix, pix_of_skills, pix_table

FIRST_CHALLENGE_LEVEL = 2
EASY_TOPIC_MAX_LEVEL = 3
MAX_LEVEL_GAP = 2
THETA_GRID = tuple(0.5 * step for step in range(1, 16))
"""0.5 … 7.5, the platform's grid for the Rasch estimate."""
PSEUDO_ANSWERS = ((0, True), (7, False))
"""One success anyone gets and one failure everyone gets, so the estimate always exists."""
CONFIDENCE_GRID = tuple(0.05 + 0.1 * step for step in range(80))


def rasch_level(direct: list[tuple[int, bool]]) -> float:
    """The grid point where the Rasch score equation sum(x - P) is closest to 0 (lowest on ties)."""
    answers = [*direct, *PSEUDO_ANSWERS]

    def misfit(theta: float) -> float:
        return abs(sum(float(right) - logistic(theta - level) for level, right in answers))

    return min(THETA_GRID, key=misfit)


def rasch_confidence(direct: list[tuple[int, bool]], level: int, max_level: int) -> float:
    """The proxy smart-random reports: Rasch likelihood mass of θ in [level, level + 1).

    The platform has no notion of confidence; this is the share of a flat-prior Rasch
    posterior, with the same pseudo-answers, that falls inside the reported level.
    """
    answers = [*direct, *PSEUDO_ANSWERS]
    weights = []
    for theta in CONFIDENCE_GRID:
        weight = 1.0
        for difficulty, right in answers:
            p = logistic(theta - difficulty)
            weight *= p if right else 1.0 - p
        weights.append(weight)
    total = sum(weights)
    upper = float("inf") if level >= max_level else level + 1
    inside = sum(
        w for theta, w in zip(CONFIDENCE_GRID, weights, strict=True) if level <= theta < upper
    )
    return inside / total if total > 0 else 0.0


class SmartRandomEngine:
    def __init__(
        self,
        bank: Bank,
        competence: str,
        *,
        seed: int,
        known: Mapping[Skill, bool],
        rules: Rules,
        avoid: frozenset[str] = frozenset(),
    ) -> None:
        self._competence = competence
        self._avoid = avoid
        self._seed = seed
        self._rules = rules
        self._challenges = bank.of_competence(competence)
        self._by_id = {c.id: c for c in self._challenges}
        self._table = pix_table(bank, competence)
        topics: dict[str, list[Skill]] = {}
        for skill in sorted(self._table, key=lambda s: s.level):
            topics.setdefault(skill.topic, []).append(skill)
        self._topics = {topic: tuple(skills) for topic, skills in topics.items()}
        self._easy_topics = frozenset(
            topic for topic, skills in topics.items() if skills[-1].level <= EASY_TOPIC_MAX_LEVEL
        )
        self._status: dict[Skill, bool] = {
            skill: value for skill, value in known.items() if skill in self._table
        }
        self._direct: list[tuple[int, bool]] = []
        self._seen: set[str] = set()
        self._last_timed = False
        self._answered = 0
        self._next: Challenge | None = None
        self._next_ready = False

    def next_challenge(self) -> Challenge | None:
        if not self._next_ready:
            self._next = self._choose()
            self._next_ready = True
        return self._next

    def record(self, challenge_id: str, result: Result) -> None:
        challenge = self._by_id.get(challenge_id)
        if challenge is None:
            raise UnknownChallenge(
                f"challenge {challenge_id!r} is not in competence {self._competence}"
            )
        right = result.is_correct
        self._seen.add(challenge_id)
        self._answered += 1
        self._last_timed = challenge.timed
        self._next_ready = False
        self._direct.append((challenge.level, right))
        for skill in self._topics[challenge.topic]:
            settled = skill.level <= challenge.level if right else skill.level >= challenge.level
            if settled and skill not in self._status:
                self._status[skill] = right

    def estimate(self, *, final: bool = False) -> Estimate:
        validated = frozenset(s for s, ok in self._status.items() if ok)
        invalidated = frozenset(s for s, ok in self._status.items() if not ok)
        pix = pix_of_skills(self._table, validated, self._rules)
        level = level_for_pix(pix, self._rules)
        return Estimate(
            level=level,
            pix=pix,
            validated=validated,
            invalidated=invalidated,
            confidence=rasch_confidence(self._direct, level, self._rules.max_level),
            finished=final or self.next_challenge() is None,
            answered=self._answered,
        )

    def _choose(self) -> Challenge | None:
        variants = self._untested_variants()
        variants = self._keep_easy_topics(variants)
        starting = self._answered == 0
        variants = self._keep_untimed(variants, last_timed=starting or self._last_timed)
        if starting:
            skills = self._closest_to_first_level(list(variants))
        else:
            skills = self._max_reward(list(variants), rasch_level(self._direct))
        if not skills:
            return None
        rng = step_rng(self._seed, self._answered)
        skill = rng.choice(sorted(skills))
        return rng.choice(variants[skill])

    def _untested_variants(self) -> dict[Skill, list[Challenge]]:
        variants: dict[Skill, list[Challenge]] = {}
        untested = [
            c
            for c in sorted(self._challenges, key=lambda c: c.id)
            if c.id not in self._seen and c.skill not in self._status
        ]
        for challenge in fresh_variants(untested, self._avoid):
            variants.setdefault(challenge.skill, []).append(challenge)
        return variants

    def _keep_easy_topics(
        self, variants: dict[Skill, list[Challenge]]
    ) -> dict[Skill, list[Challenge]]:
        easy = {s: v for s, v in variants.items() if s.topic in self._easy_topics}
        return easy or variants

    @staticmethod
    def _keep_untimed(
        variants: dict[Skill, list[Challenge]], *, last_timed: bool
    ) -> dict[Skill, list[Challenge]]:
        if not last_timed:
            return variants
        untimed = {s: [c for c in v if not c.timed] for s, v in variants.items()}
        untimed = {s: v for s, v in untimed.items() if v}
        return untimed or variants

    @staticmethod
    def _closest_to_first_level(skills: list[Skill]) -> list[Skill]:
        """Level 2 when the bank has it, else the nearest level, the easier one on ties."""
        if not skills:
            return []
        best = min(abs(s.level - FIRST_CHALLENGE_LEVEL) * 2 + (s.level > 2) for s in skills)
        return [
            s for s in skills if abs(s.level - FIRST_CHALLENGE_LEVEL) * 2 + (s.level > 2) == best
        ]

    def _max_reward(self, skills: list[Skill], theta: float) -> list[Skill]:
        """Skills settling the most others in expectation, never more than 2 levels above θ."""
        reachable = [s for s in skills if s.level - theta <= MAX_LEVEL_GAP]
        rewards = {skill: self._reward(skill, theta) for skill in reachable}
        if not rewards:
            return []
        best = max(rewards.values())
        return [skill for skill, reward in rewards.items() if reward == best]

    def _reward(self, skill: Skill, theta: float) -> float:
        untested = [s for s in self._topics[skill.topic] if s not in self._status]
        if_right = sum(1 for s in untested if s.level <= skill.level)
        if_wrong = sum(1 for s in untested if s.level >= skill.level)
        p = logistic(theta - skill.level)
        return p * if_right + (1.0 - p) * if_wrong
