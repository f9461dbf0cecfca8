"""How likely a right answer is: guessing by answer type, slipping, and knowledge.

P(right) = guess + (1 - guess - slip) x P(knows the skill). Shared by the default engine (its
belief about learners) and the simulation benchmark (its simulated learners), so both speak
about the same quantities.
"""

from __future__ import annotations

import math

from pix_tui.core.model import Challenge, ChallengeType

SLIP = 0.10
FREE_ANSWER_GUESS = 0.05
"""QCM (every correct box and no other) and typed answers are rarely right by chance."""


def guess_probability(challenge: Challenge, free_answer: float = FREE_ANSWER_GUESS) -> float:
    """A QCU is right one time in n by chance: it carries less evidence than a typed answer.

    `free_answer` is the chance for a QCM or a typed answer (the default engine may assume more).
    """
    if challenge.type is ChallengeType.QCU and challenge.proposals:
        return 1.0 / len(challenge.proposals)
    return free_answer


def logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def p_right(know: float, guess: float, slip: float = SLIP) -> float:
    return guess + (1.0 - guess - slip) * know
