"""What a bank covers: challenges and skills per competence and level, types, timed ones."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pix_tui.core.model import Bank, ChallengeType
from pix_tui.core.rules import DEFAULT_RULES, Rules
from pix_tui.core.scoring import level_for_pix, pix_of_skills, pix_table


@dataclass(frozen=True, slots=True)
class Coverage:
    levels: tuple[int, ...]
    competences: tuple[str, ...]
    challenges: dict[str, dict[int, int]]
    skills: dict[str, dict[int, int]]
    topics: dict[str, int]
    types: dict[str, int]
    timed: int
    with_attachments: int
    single_variant: dict[str, int]
    """Skills with one challenge only, per competence: once it is answered while positioning,
    a certification blanche has no unseen variant left and asks the same question again."""
    reachable: dict[str, int]
    """The level a learner who validates every skill of the bank reaches, per competence: a
    skill is worth min(4, 8 / skills of its level) pix, so a level held by one skill only gives
    4 pix and the competence tops out below the maximum level."""

    @property
    def total(self) -> int:
        return sum(self.types.values())

    def skills_per_level(self) -> dict[int, int]:
        return {lv: sum(self.skills[c][lv] for c in self.competences) for lv in self.levels}


def coverage(
    bank: Bank, competences: tuple[str, ...], max_level: int, rules: Rules = DEFAULT_RULES
) -> Coverage:
    """Counts for every competence of the referential, zeros included: gaps must show."""
    levels = tuple(range(1, max_level + 1))
    per_level = Counter((c.competence, c.level) for c in bank.challenges)
    skills = Counter((s.competence, s.level) for s in bank.skills())
    return Coverage(
        levels=levels,
        competences=competences,
        challenges={c: {lv: per_level[c, lv] for lv in levels} for c in competences},
        skills={c: {lv: skills[c, lv] for lv in levels} for c in competences},
        topics={c: len(bank.topics(c)) for c in competences},
        types={t.value: sum(c.type is t for c in bank.challenges) for t in ChallengeType},
        timed=sum(c.timed for c in bank.challenges),
        with_attachments=sum(bool(c.attachments) for c in bank.challenges),
        single_variant={
            c: sum(1 for s in bank.skills(c) if len(bank.variants(s)) == 1) for c in competences
        },
        reachable={c: reachable_level(bank, c, rules) for c in competences},
    )


def reachable_level(bank: Bank, competence: str, rules: Rules = DEFAULT_RULES) -> int:
    """The level every skill of the competence validated would give."""
    table = pix_table(bank, competence)
    return level_for_pix(pix_of_skills(table, table, rules), rules)
