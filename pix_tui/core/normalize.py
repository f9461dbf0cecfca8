"""Answer normalisation: the platform's tolerances t1, t2, t3 and number parsing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from decimal import Decimal, InvalidOperation

from pix_tui.core.model import Tolerance

_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})
_WHITESPACE = re.compile(r"\s+")
_NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f\u2007']")
T3_MAX_RATIO = 0.25
MAX_ANSWER_LENGTH = 200
"""The answer fields' limit: far beyond any accepted answer, and it keeps t3 instant."""


def base_form(text: str) -> str:
    """NFC, no-break spaces as spaces, trimmed: applied before any comparison."""
    return unicodedata.normalize("NFC", text).translate(_NO_BREAK_SPACES).strip()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def _t2(text: str) -> str:
    """Removing punctuation can leave stray spaces ("oui !"): fold them like the base form."""
    kept = "".join(ch for ch in text if ch.isalnum() or ch == " ")
    return _WHITESPACE.sub(" ", kept).strip()


def normalise(text: str, tolerances: Collection[Tolerance]) -> str:
    """T2 runs before T1 so that removing punctuation cannot glue words back after T1."""
    result = base_form(text)
    if Tolerance.T2 in tolerances:
        result = _t2(result)
    if Tolerance.T1 in tolerances:
        result = _WHITESPACE.sub("", strip_accents(result).lower())
    return result


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def within_distance(a: str, b: str, limit: int) -> bool:
    """levenshtein(a, b) <= limit, in O(len × limit): only a band around the diagonal counts.

    A pasted page against a one-word answer is decided by the lengths alone.
    """
    if abs(len(a) - len(b)) > limit:
        return False
    if len(a) < len(b):
        a, b = b, a
    far = limit + 1
    previous = [j if j <= limit else far for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [far] * (len(b) + 1)
        current[0] = i if i <= limit else far
        for j in range(low, high + 1):
            cost = previous[j - 1] + (ca != b[j - 1])
            current[j] = min(far, previous[j] + 1, current[j - 1] + 1, cost)
        if min(current[max(0, low - 1) : high + 1]) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def text_matches(given: str, accepted: str, tolerances: Collection[Tolerance]) -> bool:
    """T3 divides by the learner's answer length, as the platform does."""
    left, right = normalise(given, tolerances), normalise(accepted, tolerances)
    if left == right:
        return True
    if Tolerance.T3 in tolerances and left:
        return within_distance(left, right, int(len(left) * T3_MAX_RATIO))
    return False


def parse_number(text: str) -> Decimal | None:
    """French and English writings of a number: "3,5", "3.5", "1 000", "-2"."""
    cleaned = _NUMBER_SPACES.sub("", base_form(text)).replace(",", ".")
    if not cleaned or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def number_matches(given: str, accepted: str) -> bool:
    left, right = parse_number(given), parse_number(accepted)
    return left is not None and right is not None and left == right
