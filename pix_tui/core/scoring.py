"""The platform's pix and level rules (pix-rules.md), computed exactly.

Skill values are fractions (three skills of one level are worth 8/3 each): summing them as
`Fraction` keeps "three of three validated" at exactly 8 pix, where floats could floor to 7.
A skill the bank does not hold is worth nothing: pix always follow the bank in use.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from pix_tui.core.model import Bank, Skill
from pix_tui.core.referential import referential
from pix_tui.core.rules import (
    CERTIFIABLE_COMPETENCES,
    CERTIFIABLE_LEVEL,
    DEFAULT_RULES,
    MAX_SKILL_PIX,
    PIX_PER_LEVEL,
    Rules,
)


def pix_table(bank: Bank, competence: str) -> dict[Skill, Fraction]:
    """Every skill of a competence with its pix value, computed once for repeated scoring."""
    skills = bank.skills(competence)
    per_level = Counter(skill.level for skill in skills)
    cap = Fraction(MAX_SKILL_PIX)
    return {skill: min(cap, Fraction(PIX_PER_LEVEL, per_level[skill.level])) for skill in skills}


def skill_pix(bank: Bank, skill: Skill) -> Fraction:
    """min(4, 8 / number of skills of that level in that competence), 0 if not in the bank."""
    return pix_table(bank, skill.competence).get(skill, Fraction(0))


def pix_of_skills(table: Mapping[Skill, Fraction], validated: Iterable[Skill], rules: Rules) -> int:
    """Floor of the sum, then the cap: the platform's order, so a full level is never 7.99."""
    total = sum((table.get(skill, Fraction(0)) for skill in set(validated)), Fraction(0))
    return min(math.floor(total), rules.max_pix_per_competence)


def competence_pix(
    bank: Bank, competence: str, validated: Iterable[Skill], rules: Rules = DEFAULT_RULES
) -> int:
    """Pix of a competence; skills of other competences in `validated` are ignored."""
    return pix_of_skills(pix_table(bank, competence), validated, rules)


def level_for_pix(pix: int, rules: Rules = DEFAULT_RULES) -> int:
    return max(0, min(rules.max_level, pix // PIX_PER_LEVEL))


def competence_level(
    bank: Bank, competence: str, validated: Iterable[Skill], rules: Rules = DEFAULT_RULES
) -> int:
    return level_for_pix(competence_pix(bank, competence, validated, rules), rules)


def certifiable(levels: Iterable[int]) -> bool:
    """At least 5 competences at level 1 or more: the condition to sit the certification."""
    return sum(1 for level in levels if level >= CERTIFIABLE_LEVEL) >= CERTIFIABLE_COMPETENCES


def max_profile_pix(rules: Rules = DEFAULT_RULES) -> int:
    """16 competences × max level × 8: the denominator shown beside a profile's pix."""
    return len(referential().competences) * rules.max_pix_per_competence


@dataclass(frozen=True)
class ProfileScore:
    """Pix and level per competence, and what they add up to."""

    pix: Mapping[str, int]
    levels: Mapping[str, int]

    @property
    def total_pix(self) -> int:
        return sum(self.pix.values())

    @property
    def competences_at_level_one(self) -> int:
        return sum(1 for level in self.levels.values() if level >= CERTIFIABLE_LEVEL)

    @property
    def certifiable(self) -> bool:
        return certifiable(self.levels.values())


def profile_score(
    bank: Bank, validated: Mapping[str, Iterable[Skill]], rules: Rules = DEFAULT_RULES
) -> ProfileScore:
    """Score each competence's validated skills; competences left out score zero."""
    pix = {code: competence_pix(bank, code, skills, rules) for code, skills in validated.items()}
    levels = {code: level_for_pix(value, rules) for code, value in pix.items()}
    return ProfileScore(pix, levels)
