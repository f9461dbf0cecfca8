"""Accepted answers written with alternatives: `[le|un]? [service|serveur]? DHCP` is one line.

`[a|b]` is one of a or b, `[a|b]?` one of them or nothing; `\\[`, `\\]`, `\\|` and `\\?` are
literal. After expansion, runs of spaces become one and the ends are trimmed, so authors
write spaces naturally. The bare form (every optional group left out) comes first: it is the
one shown to a learner as the expected answer.
"""

from __future__ import annotations

import itertools
import re

MAX_EXPANSIONS = 200
SPACES = re.compile(r"\s+")
SPECIAL = "[]|?"


class AlternativesError(ValueError):
    """A written answer that cannot be expanded; `code` is a problem catalogue key."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def _parts(pattern: str) -> list[tuple[str, ...]]:
    """The pattern as a product of choices: a literal is a choice of one."""
    parts: list[tuple[str, ...]] = []
    literal: list[str] = []
    group: list[str] | None = None
    current: list[str] = []
    chars = iter(enumerate(pattern))
    for index, char in chars:
        if char == "\\" and index + 1 < len(pattern) and pattern[index + 1] in SPECIAL:
            (current if group is not None else literal).append(next(chars)[1])
        elif char == "[":
            if group is not None:
                raise AlternativesError("alternatives_nested")
            parts.append(("".join(literal),))
            literal, group, current = [], [], []
        elif char == "]":
            if group is None:
                raise AlternativesError("alternatives_unbalanced")
            group.append("".join(current))
            optional = pattern[index + 1 : index + 2] == "?"
            if optional:
                next(chars)
            parts.append(("", *group) if optional else tuple(group))
            group = None
        elif char == "|" and group is not None:
            group.append("".join(current))
            current = []
        else:
            (current if group is not None else literal).append(char)
    if group is not None:
        raise AlternativesError("alternatives_unbalanced")
    parts.append(("".join(literal),))
    return parts


def expand(pattern: str) -> tuple[str, ...]:
    """Every answer a pattern stands for, in a stable order, without duplicates."""
    if not any(c in pattern for c in "[]\\"):
        plain = SPACES.sub(" ", pattern).strip()
        if not plain:
            raise AlternativesError("alternatives_empty")
        return (plain,)
    parts = _parts(pattern)
    count = 1
    for choices in parts:
        count *= len(choices)
        if count > MAX_EXPANSIONS:
            raise AlternativesError("alternatives_too_many", limit=MAX_EXPANSIONS)
    seen: dict[str, None] = {}
    for combination in itertools.product(*parts):
        text = SPACES.sub(" ", "".join(combination)).strip()
        if text:
            seen.setdefault(text, None)
    if not seen:
        raise AlternativesError("alternatives_empty")
    return tuple(seen)
