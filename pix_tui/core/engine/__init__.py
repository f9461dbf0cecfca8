"""Positioning engines behind one interface, used alike by the app and the benchmark.

`create_engine` replays the answers already given, so a resumed positioning continues exactly
where it stopped: every random choice is drawn from (seed, number of answers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from pix_tui.core.engine.base import Engine, EngineKind, Estimate, UnknownChallenge
from pix_tui.core.engine.bayes import BayesEngine, BayesSettings
from pix_tui.core.engine.smart_random import SmartRandomEngine
from pix_tui.core.model import Bank, Result, Skill
from pix_tui.core.rules import DEFAULT_RULES, Rules

__all__ = [
    "BayesSettings",
    "Engine",
    "EngineKind",
    "Estimate",
    "UnknownChallenge",
    "create_engine",
    "engine_kind",
]


def engine_kind(value: str) -> EngineKind:
    """The kind a stored positioning names, with a message that lists the valid ones."""
    try:
        return EngineKind(value)
    except ValueError:
        valid = ", ".join(kind.value for kind in EngineKind)
        raise ValueError(f"unknown engine {value!r}: expected one of {valid}") from None


def create_engine(
    kind: EngineKind | str,
    bank: Bank,
    competence: str,
    *,
    seed: int = 0,
    history: Sequence[tuple[str, Result]] = (),
    known: Mapping[Skill, bool] | None = None,
    rules: Rules = DEFAULT_RULES,
    avoid: Set[str] = frozenset(),
) -> Engine:
    """An engine for one positioning, with `history` already recorded.

    `avoid`: challenges whose correction the learner saw before this positioning began; each
    skill is asked through another variant when the bank has one. A replay must pass the same
    set (derive it from records older than the positioning) to get the same questions.

    Answers to challenges the bank no longer holds are skipped: they cannot be placed, and a
    bank update must not make a saved positioning impossible to resume.
    """
    kind = engine_kind(kind) if not isinstance(kind, EngineKind) else kind
    engine: Engine
    if kind is EngineKind.SMART_RANDOM:
        engine = SmartRandomEngine(
            bank, competence, seed=seed, known=known or {}, rules=rules, avoid=frozenset(avoid)
        )
    else:
        engine = BayesEngine(
            bank, competence, seed=seed, known=known or {}, rules=rules, avoid=frozenset(avoid)
        )
    for challenge_id, result in history:
        challenge = bank.get(challenge_id)
        if challenge is not None and challenge.competence == competence:
            engine.record(challenge_id, result)
    return engine
