"""What the command line asks of the app, as one immutable value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


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

    def wants_low_bandwidth(self, environ: Mapping[str, str]) -> bool:
        if self.low_bandwidth is not None:
            return self.low_bandwidth
        return bool(environ.get("SSH_CONNECTION"))
