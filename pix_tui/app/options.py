"""What the command line asks of the app, as one immutable value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pix_tui.core.rules import DEFAULT_RULES, Rules

if TYPE_CHECKING:
    from pix_tui.store.pin import PinHash


@dataclass(frozen=True)
class AppOptions:
    """`low_bandwidth` None means automatic: on over SSH, where every byte is felt."""

    challenges: Path | None = None
    data_dir: str | None = None
    profile: str | None = None
    lang: str | None = None
    demo: bool = False
    engine: str = "default"
    low_bandwidth: bool | None = None
    retry_days: float | None = None
    reset_days: float | None = None
    certification_days: float | None = None
    certification_minutes: int | None = None
    campaign_name: str = ""
    campaign: tuple[str, ...] = ()
    """The competences the class works on this term (class settings): home shows them first."""
    teacher_code: PinHash | None = None
    """The class settings' hashed teacher code: it opens the class view from the app."""
    teacher: bool = False
    """Open the class view at once (`pix-tui class`): the command line is the teacher's."""

    def rules(self) -> Rules:
        """The platform's delays unless a teacher changed them (0 for a class demo)."""
        return Rules(
            certification_delay_days=DEFAULT_RULES.certification_delay_days
            if self.certification_days is None
            else self.certification_days,
            certification_minutes=DEFAULT_RULES.certification_minutes
            if self.certification_minutes is None
            else self.certification_minutes,
            retry_delay_days=DEFAULT_RULES.retry_delay_days
            if self.retry_days is None
            else self.retry_days,
            reset_delay_days=DEFAULT_RULES.reset_delay_days
            if self.reset_days is None
            else self.reset_days,
        )

    def wants_low_bandwidth(self, environ: Mapping[str, str]) -> bool:
        if self.low_bandwidth is not None:
            return self.low_bandwidth
        return bool(environ.get("SSH_CONNECTION"))
