"""Text from a bank, a profile or a learner, made harmless before it reaches a terminal.

A terminal obeys control characters: ESC starts sequences that can set the clipboard, the
window title or a hidden link, and U+009B acts as ESC [. Newline and tab are the only
controls that text needs. Bidirectional overrides and zero-width characters change what a
reader sees without being seen themselves (two proposals that look alike, a reversed word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Every C0 and C1 control except tab (\\x09) and newline (\\x0a)."""

INVISIBLE = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Bidirectional marks, embeddings, overrides and isolates; zero-width spaces and joiners."""

REPLACEMENT = "\ufffd"
MAX_SHOWN = 120
"""A value quoted in a message is cut here: a message names a problem, it does not copy it."""


@dataclass(frozen=True, slots=True)
class Found:
    """A suspicious character at a 1-based line of a text."""

    line: int
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"


def _picture(match: re.Match[str]) -> str:
    """C0 controls get their visible Control Pictures symbol (ESC → ␛); C1 the replacement."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return REPLACEMENT


def inert(text: str) -> str:
    """Text that can be written to a terminal as is: controls made visible, invisibles dropped."""
    return INVISIBLE.sub("", CONTROL.sub(_picture, text))


def neutral(text: str) -> str:
    """Keeps the controls (for a checker to refuse them) but drops bidi and zero-width marks."""
    return INVISIBLE.sub("", text)


def quoted(value: object, limit: int = MAX_SHOWN) -> str:
    """A value fit for a message: inert and short, whatever it is (even a huge integer)."""
    try:
        text = str(value)
    except (ValueError, RecursionError, MemoryError):
        text = REPLACEMENT
    shown = inert(text[: limit + 1])
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def first_per_line(pattern: re.Pattern[str], text: str, limit: int = 20) -> list[Found]:
    """The first match of each line, up to `limit` lines: enough to locate, never a flood."""
    found: list[Found] = []
    if pattern.search(text) is None:
        return found
    for number, line in enumerate(text.split("\n"), 1):
        match = pattern.search(line)
        if match is not None:
            found.append(Found(number, match.group()))
            if len(found) >= limit:
                break
    return found
