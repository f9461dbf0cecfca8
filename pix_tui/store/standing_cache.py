"""Where each learner of a class stands, cached between two looks at the class.

Deriving a profile replays every positioning through the engine: tens of milliseconds per
competence, seconds for a class. A learner's levels change only when their files do, so
the class view keeps, per profile folder, the levels and pix it derived with the files'
sizes and times, the bank's fingerprint and the rules. Any difference and the profile is
derived again. The cache lives in the user cache folder, one file per data folder, and is
safe to delete; it is never written into the class folder, which stays the learners'.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping
from dataclasses import astuple, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pix_tui.core.class_report import CertificationStatus, CertificationSummary, Standing
from pix_tui.core.model import Bank
from pix_tui.core.rules import Rules
from pix_tui.store.atomic_storage import atomic_write
from pix_tui.store.class_folder import Signature

VERSION = 2


@dataclass(frozen=True, slots=True)
class Cached:
    """What the class report needs of one learner that costs a derivation to know."""

    standing: Standing
    last_activity: datetime
    certification: CertificationSummary | None


def bank_fingerprint(bank: Bank) -> str:
    """Everything of the bank a level depends on: which skills exist and how they are asked."""
    digest = hashlib.sha256()
    for c in sorted(bank.challenges, key=lambda c: c.id):
        parts = (c.id, c.competence, c.topic, c.level, c.type, len(c.proposals), c.time_limit)
        digest.update(repr(parts).encode("utf-8"))
    return digest.hexdigest()[:24]


def rules_key(rules: Rules) -> str:
    return repr(astuple(rules))


def cache_file(cache_dir: Path, data_dir: Path) -> Path:
    key = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"class-{key}.json"


class StandingCache:
    """In memory for the session, saved by `save()`; a missing or damaged file is empty."""

    def __init__(self, path: Path | None, bank: Bank, rules: Rules) -> None:
        self.path = path
        self._context = [bank_fingerprint(bank), rules_key(rules)]
        self._entries: dict[str, dict[str, Any]] = {}
        self._dirty = False
        if path is not None:
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(path.read_text("utf-8"))
                if data.get("version") == VERSION and data.get("context") == self._context:
                    self._entries = dict(data["profiles"])

    def get(self, folder: Path, signature: Signature) -> Cached | None:
        entry = self._entries.get(folder.name)
        if entry is None or entry.get("signature") != [list(part) for part in signature]:
            return None
        try:
            return Cached(
                Standing(_ints(entry["levels"]), _ints(entry["pix"])),
                datetime.fromisoformat(entry["last_activity"]),
                _certification(entry["certification"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, folder: Path, signature: Signature, cached: Cached) -> None:
        certification = cached.certification
        self._entries[folder.name] = {
            "signature": [list(part) for part in signature],
            "levels": dict(cached.standing.levels),
            "pix": dict(cached.standing.pix),
            "last_activity": cached.last_activity.isoformat(),
            "certification": None
            if certification is None
            else {
                "at": certification.at.isoformat(),
                "rate": certification.rate,
                "status": certification.status.value,
                "score": certification.score,
            },
        }
        self._dirty = True

    def keep_only(self, folders: set[str]) -> None:
        for name in set(self._entries) - folders:
            del self._entries[name]
            self._dirty = True

    def save(self) -> None:
        """Best effort: a cache that cannot be written only makes the next look slower."""
        if self.path is None or not self._dirty:
            return
        payload = {"version": VERSION, "context": self._context, "profiles": self._entries}
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps(payload).encode("utf-8"), keep_backup=False)
            self._dirty = False


def _certification(doc: Any) -> CertificationSummary | None:
    if doc is None:
        return None
    return CertificationSummary(
        datetime.fromisoformat(doc["at"]),
        int(doc["rate"]),
        CertificationStatus(doc["status"]),
        int(doc["score"]),
    )


def _ints(values: Mapping[str, Any]) -> dict[str, int]:
    return {str(code): int(value) for code, value in values.items()}
