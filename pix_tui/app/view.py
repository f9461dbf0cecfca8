"""The core's ProfileView put into words for the screens; every number comes from the core."""

from __future__ import annotations

from typing import Any

from pix_tui.app.text import plural
from pix_tui.app.widgets.domain_list import RowState
from pix_tui.core.rules import CERTIFIABLE_COMPETENCES
from pix_tui.i18n import Translator


def total_pix(profile: Any) -> int:
    return int(profile.pix)


def max_pix(profile: Any) -> int:
    return int(profile.max_pix)


def is_certifiable(profile: Any) -> bool:
    return bool(profile.certifiable)


def row_states(profile: Any) -> dict[str, RowState]:
    return {
        code: RowState(level=c.level, pix=c.pix, status=str(c.status))
        for code, c in profile.competences.items()
    }


def certification_sentence(tr: Translator, profile: Any) -> str:
    """`3 compétences sur 5 au niveau 1 — encore 2 pour être certifiable`."""
    reached = int(profile.at_level_one)
    needed = CERTIFIABLE_COMPETENCES
    if reached >= needed:
        return plural(tr, "home.certifiable", reached, needed=needed)
    return plural(tr, "home.reached", reached, needed=needed) + plural(
        tr, "home.missing", needed - reached
    )
