"""What pupils type, written in a challenge file and run through the real answer checker.

A free answer is only as good as its accepted list: authors give examples that must be
accepted and near misses that must be refused, and `check` fails when the checker disagrees.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pix_tui.core.answers import Given, check_answer
from pix_tui.core.front_matter import Fields, Problems
from pix_tui.core.model import Challenge, ChallengeType, Result

MIN_ACCEPTED = 3
MIN_REFUSED = 2
KINDS = ("accept", "refuse")


def _example(challenge: Challenge, value: Any) -> Given | None:
    """A qroc example is a text; a qrocm one maps every blank to what is typed in it."""
    if challenge.type is ChallengeType.QROC:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return None
        return str(value)
    if not isinstance(value, Mapping) or set(map(str, value)) != set(challenge.blank_names):
        return None
    if any(isinstance(v, bool) or not isinstance(v, str | int | float) for v in value.values()):
        return None
    return {str(k): str(v) for k, v in value.items()}


def _shown(given: Given) -> str:
    if isinstance(given, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in given.items())
    return str(given)


def check_examples(challenge: Challenge, fields: Fields, ctx: Problems) -> None:
    """Errors for examples the checker judges otherwise; a warning when there are too few."""
    raw = fields.data.get("examples")
    if raw is None:
        ctx.warn(1, "examples_missing", accept=MIN_ACCEPTED, refuse=MIN_REFUSED)
        return
    line = fields.line("examples")
    if not isinstance(raw, Mapping) or not set(map(str, raw)) <= set(KINDS):
        ctx.error(line, "examples_not_mapping")
        return
    counts = {}
    for kind in KINDS:
        items = raw.get(kind) or []
        if not isinstance(items, list):
            ctx.error(fields.line(f"examples.{kind}"), "examples_not_list", kind=kind)
            return
        counts[kind] = len(items)
        for index, value in enumerate(items):
            where = fields.line(f"examples.{kind}.{index}")
            given = _example(challenge, value)
            if given is None:
                ctx.error(where, f"example_malformed_{challenge.type}")
                continue
            accepted = check_answer(challenge, given) is Result.OK
            if kind == "accept" and not accepted:
                ctx.error(where, "example_refused", given=_shown(given))
            elif kind == "refuse" and accepted:
                ctx.error(where, "example_accepted", given=_shown(given))
    if counts["accept"] < MIN_ACCEPTED or counts["refuse"] < MIN_REFUSED:
        ctx.warn(
            line,
            "examples_too_few",
            accept=counts["accept"],
            refuse=counts["refuse"],
            min_accept=MIN_ACCEPTED,
            min_refuse=MIN_REFUSED,
        )
