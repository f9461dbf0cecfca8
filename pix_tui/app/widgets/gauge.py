"""Levels and progress drawn with characters every console font has (█ and ░).

The number is always written beside the drawing, so nothing depends on colour or shape alone.
"""

from __future__ import annotations

FULL = "█"
EMPTY = "░"


def level_gauge(level: int, max_level: int) -> str:
    """One cell per level: `███░░░` for level 3 of 6."""
    level = max(0, min(level, max_level))
    return FULL * level + EMPTY * (max_level - level)


def bar(value: float, maximum: float, width: int) -> str:
    """A bar of `width` cells, rounded down so a bar is only full when the value is."""
    if maximum <= 0 or width <= 0:
        return EMPTY * max(width, 0)
    filled = int(width * max(0.0, min(value, maximum)) / maximum)
    if value > 0 and filled == 0:
        filled = 1
    return FULL * filled + EMPTY * (width - filled)
