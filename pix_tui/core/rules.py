"""The platform's numeric rules, in one place so a teacher or a test can change them."""

from __future__ import annotations

from dataclasses import dataclass

MIN_LEVEL = 1
PIX_PER_LEVEL = 8
MAX_SKILL_PIX = 4.0
CERTIFIABLE_COMPETENCES = 5
CERTIFIABLE_LEVEL = 1


@dataclass(frozen=True, slots=True)
class Rules:
    """Settings that the note or a teacher may change; defaults follow the note."""

    max_level: int = 6
    retry_delay_days: float = 4.0
    reset_delay_days: float = 7.0
    certification_delay_days: float = 15.0
    certification_minutes: int = 105

    @property
    def max_pix_per_competence(self) -> int:
        return self.max_level * PIX_PER_LEVEL


DEFAULT_RULES = Rules()
