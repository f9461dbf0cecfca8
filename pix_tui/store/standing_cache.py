"""Where each learner of a class stands, cached between two looks at the class.

Deriving a profile replays every positioning through the engine: tens of milliseconds per
competence, seconds for a class. A learner's levels change only when their files do, so
the class view keeps, per profile folder, the levels and pix it derived with the files'
signature, the bank's fingerprint and the rules. Any difference and the profile is
derived again. The cache lives in the user cache folder, one file per data folder, and is
safe to delete; it is never written into the class folder, which stays the learners'.

The same entry, written by the learner's own app into their profile folder, is
`standing_file.py`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import astuple, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pix_tui.core.class_report import (
    CertificationStatus,
    CertificationSummary,
    Standing,
    last_certification,
)
from pix_tui.core.history import AnswerRecord, CertificationRecord
from pix_tui.core.model import Bank
from pix_tui.core.profile import ProfileView
from pix_tui.core.referential import referential
from pix_tui.core.rules import Rules
from pix_tui.store.atomic_storage import atomic_write
from pix_tui.store.signature import Signature

VERSION = 3


@dataclass(frozen=True, slots=True)
class Cached:
    """What the class report needs of one learner that costs a derivation to know."""

    standing: Standing
    last_activity: datetime
    certification: CertificationSummary | None

    @classmethod
    def of(
        cls,
        view: ProfileView,
        last_activity: datetime,
        certifications: Sequence[CertificationRecord],
        answers: Sequence[AnswerRecord],
        rules: Rules,
    ) -> Cached:
        return cls(
            Standing.of(view), last_activity, last_certification(certifications, answers, rules)
        )


def bank_fingerprint(bank: Bank) -> str:
    """Everything of the bank a level depends on: which skills exist and how they are asked."""
    return bank.derived(("standing-fingerprint",), lambda: _fingerprint(bank))


def _fingerprint(bank: Bank) -> str:
    digest = hashlib.sha256()
    for c in sorted(bank.challenges, key=lambda c: c.id):
        parts = (c.id, c.competence, c.topic, c.level, c.type, len(c.proposals), c.time_limit)
        digest.update(repr(parts).encode("utf-8"))
    return digest.hexdigest()[:24]


def rules_key(rules: Rules) -> str:
    return repr(astuple(rules))


def context_of(bank: Bank, rules: Rules) -> list[str]:
    """What a cached standing was derived under; another bank or other rules, another level."""
    return [str(VERSION), bank_fingerprint(bank), rules_key(rules)]


def cached_to_doc(signature: Signature, cached: Cached) -> dict[str, Any]:
    certification = cached.certification
    return {
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


def cached_from_doc(doc: Any, signature: Signature, rules: Rules) -> Cached | None:
    """None unless `doc` is a well-formed entry derived from files with this signature:
    known competences, levels and pix the rules allow."""
    if not isinstance(doc, dict) or doc.get("signature") != [list(part) for part in signature]:
        return None
    try:
        return Cached(
            Standing(
                _counts(doc["levels"], rules.max_level),
                _counts(doc["pix"], rules.max_pix_per_competence),
            ),
            _moment(doc["last_activity"]),
            _certification(doc["certification"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def cache_file(cache_dir: Path, data_dir: Path) -> Path:
    key = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"class-{key}.json"


class StandingCache:
    """In memory for the session, saved by `save()`; a missing or damaged file is empty."""

    def __init__(self, path: Path | None, bank: Bank, rules: Rules) -> None:
        self.path = path
        self.rules = rules
        self._context = context_of(bank, rules)
        self._entries: dict[str, dict[str, Any]] = {}
        self._dirty = False
        if path is not None:
            with contextlib.suppress(OSError, ValueError, TypeError):
                data = json.loads(path.read_text("utf-8"))
                if data.get("context") == self._context:
                    self._entries = dict(data["profiles"])

    @property
    def context(self) -> list[str]:
        return self._context

    def get(self, folder: Path, signature: Signature) -> Cached | None:
        return cached_from_doc(self._entries.get(folder.name), signature, self.rules)

    def put(self, folder: Path, signature: Signature, cached: Cached) -> None:
        self._entries[folder.name] = cached_to_doc(signature, cached)
        self._dirty = True

    def keep_only(self, folders: set[str]) -> None:
        for name in set(self._entries) - folders:
            del self._entries[name]
            self._dirty = True

    def save(self) -> None:
        """Best effort: a cache that cannot be written only makes the next look slower."""
        if self.path is None or not self._dirty:
            return
        payload = {"context": self._context, "profiles": self._entries}
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(
                self.path, json.dumps(payload).encode("utf-8"), keep_backup=False, durable=False
            )
            self._dirty = False


def _moment(text: Any) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.utcoffset() is None:
        raise ValueError("a moment without its offset")
    return moment


def _certification(doc: Any) -> CertificationSummary | None:
    if doc is None:
        return None
    return CertificationSummary(
        _moment(doc["at"]),
        int(doc["rate"]),
        CertificationStatus(doc["status"]),
        int(doc["score"]),
    )


def _counts(values: Mapping[str, Any], most: int) -> dict[str, int]:
    codes = set(referential().codes())
    out = {}
    for code, value in values.items():
        if code not in codes or type(value) is not int or not 0 <= value <= most:
            raise ValueError(f"{code!r}: {value!r} is not a level or a pix count")
        out[code] = value
    return out
