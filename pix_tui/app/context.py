"""Everything the screens share, passed around as one object instead of globals."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pix_tui.core.rules import DEFAULT_RULES, Rules
from pix_tui.i18n import Translator

if TYPE_CHECKING:
    from pix_tui.core.loader import LoadReport
    from pix_tui.core.model import Bank


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class AppContext:
    """Mutable on purpose: the bank and the store arrive from workers after the first paint.

    `store` is a ProfileStore or a MemoryProfileStore (both share one interface).
    """

    tr: Translator
    rules: Rules = DEFAULT_RULES
    engine_kind: str = "default"
    demo: bool = False
    low_bandwidth: bool = False
    bank: Bank | None = None
    load_report: LoadReport | None = None
    store: Any = None
    replays: Any = None
    """The core's `Replays` for this bank: after an answer, only its positioning is replayed."""
    now: Callable[[], datetime] = field(default=local_now)
    clock: Callable[[], float] = field(default=time.monotonic)
    """Seconds that only go forward: what a certification's time is measured with."""

    @property
    def lang(self) -> str:
        return self.tr.lang
