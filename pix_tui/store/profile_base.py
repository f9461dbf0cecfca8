"""What every profile store does, over TinyDB databases whatever their storage.

The on-disk store and the demo store differ only in the storage they give TinyDB, so the
app sees one behaviour. Records are decoded once and kept in memory: the lock guarantees
nobody else writes the files, and `answers()` is asked for after every answer.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Self

from tinydb import Query, TinyDB
from tinydb.table import Document

from pix_tui.core.history import (
    AnswerRecord,
    CertificationRecord,
    PositioningRecord,
    PositioningState,
    ResetRecord,
)
from pix_tui.store.atomic_storage import UnreadableDocument
from pix_tui.store.errors import InvalidRecord, ProfileClosed, SaveFailed
from pix_tui.store.layout import (
    ANSWERS_TABLE,
    CERTIFICATIONS_TABLE,
    POSITIONINGS_TABLE,
    PROFILE_TABLE,
    RESETS_TABLE,
    SETTINGS_TABLE,
    SINGLE_DOC,
    ProfileHeader,
)
from pix_tui.store.records import (
    answer_to_doc,
    certification_to_doc,
    positioning_to_doc,
    reset_to_doc,
)
from pix_tui.store.recovery import Recovery
from pix_tui.store.signature import Signature
from pix_tui.store.standing_cache import Cached

ChunkOpener = Callable[[int], TinyDB]


@dataclass(slots=True)
class AnswerChunks:
    """The chunk receiving new answers; a full chunk is left as it is and the next begun."""

    open_chunk: ChunkOpener
    number: int
    count: int
    per_chunk: int
    current: TinyDB

    def append(self, doc: dict[str, Any]) -> None:
        """Raises SaveFailed with nothing changed, in memory or on disk."""
        target, number = self.current, self.number
        if self.count >= self.per_chunk:
            number += 1
            target = self.open_chunk(number)
        try:
            target.table(ANSWERS_TABLE).insert(doc)
        except (OSError, UnreadableDocument) as error:
            raise _save_failed(_location(target), error) from error
        if target is not self.current:
            self.current.close()
            self.current, self.number, self.count = target, number, 0
        self.count += 1


@dataclass(frozen=True, slots=True)
class RecordsSnapshot:
    """Every record at one instant, with the signature of the files that hold them."""

    positionings: list[PositioningRecord]
    answers: list[AnswerRecord]
    resets: list[ResetRecord]
    certifications: list[CertificationRecord]
    signature: Signature
    """() for a store without files (the demo)."""


@dataclass(frozen=True, slots=True)
class LoadedRecords:
    answers: list[AnswerRecord]
    positionings: list[PositioningRecord]
    resets: list[ResetRecord]
    settings: dict[str, Any]
    certifications: list[CertificationRecord] = field(default_factory=list)


def _location(db: TinyDB) -> str:
    return str(getattr(db.storage, "path", "memory"))


class BaseProfileStore:
    """Every method is safe to call from any thread (workers share one store)."""

    def __init__(
        self,
        header: ProfileHeader,
        main: TinyDB,
        chunks: AnswerChunks,
        records: LoadedRecords,
        recoveries: tuple[Recovery, ...] = (),
    ) -> None:
        self._header = header
        self._main = main
        self._chunks = chunks
        self._answers = records.answers
        self._positionings = records.positionings
        self._resets = records.resets
        self._settings = records.settings
        self._certifications = records.certifications
        self._mutex = threading.RLock()
        self._closed = False
        self.recoveries = recoveries
        self.recovery_notice: str | None = (
            "\n".join(r.describe() for r in recoveries) if recoveries else None
        )

    # -- the profile ------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._header.name

    @property
    def created(self) -> datetime:
        return self._header.created

    @property
    def has_pin(self) -> bool:
        return self._header.pin is not None

    @property
    def settings(self) -> dict[str, Any]:
        """A copy: change settings through update_settings, which saves them."""
        with self._guard():
            return copy.deepcopy(self._settings)

    def update_settings(self, **values: Any) -> None:
        for key, value in values.items():
            try:
                json.dumps(value, allow_nan=False)
            except (TypeError, ValueError) as error:
                raise InvalidRecord(
                    detail=f"The setting {key!r} cannot be saved ({value!r}: {error})."
                ) from error
        with self._writing(self._main):
            self._main.table(SETTINGS_TABLE).upsert(Document(values, doc_id=int(SINGLE_DOC)))
            self._settings.update(copy.deepcopy(values))

    def change_pin(self, current: str | None, new: str | None) -> None:
        """The learner's own code changed (or removed with `new` None): the current one first.

        Raises WrongPin, InvalidPin, or SaveFailed with nothing changed.
        """
        from pix_tui.store.errors import WrongPin
        from pix_tui.store.pin import check_pin_text, hash_pin, verify_pin

        with self._guard():
            pin = self._header.pin
            if pin is not None and not (current and verify_pin(current, pin)):
                raise WrongPin(name=self.name)
            header = replace(self._header, pin=hash_pin(check_pin_text(new)) if new else None)
            with self._writing(self._main):
                self._main.table(PROFILE_TABLE).upsert(
                    Document(header.to_doc(), doc_id=int(SINGLE_DOC))
                )
                self._header = header

    # -- answers ----------------------------------------------------------------------

    def record_answer(self, record: AnswerRecord) -> None:
        """Returns once the answer is durably saved; raises SaveFailed otherwise."""
        doc = answer_to_doc(record)
        with self._guard():
            self._chunks.append(doc)
            self._answers.append(record)

    def answers(self) -> list[AnswerRecord]:
        with self._guard():
            return list(self._answers)

    # -- positionings and resets ------------------------------------------------------

    def start_positioning(self, record: PositioningRecord) -> None:
        with self._writing(self._main):
            table = self._main.table(POSITIONINGS_TABLE)
            if any(p.id == record.id for p in self._positionings) or table.contains(
                Query().id == record.id
            ):
                raise InvalidRecord(detail=f"A positioning with id {record.id!r} already exists.")
            table.insert(positioning_to_doc(record))
            self._positionings.append(record)

    def finish_positioning(self, positioning_id: str, ended_at: datetime) -> None:
        """Finishing twice keeps the first end: the positioning ended when it ended."""
        with self._guard():
            index = next(
                (i for i, p in enumerate(self._positionings) if p.id == positioning_id), None
            )
            if index is None:
                raise InvalidRecord(detail=f"There is no positioning with id {positioning_id!r}.")
            current = self._positionings[index]
            if current.state is PositioningState.FINISHED:
                return
            done = replace(current, state=PositioningState.FINISHED, ended_at=ended_at)
            fields = {key: positioning_to_doc(done)[key] for key in ("state", "ended_at")}
            with self._writing(self._main):
                self._main.table(POSITIONINGS_TABLE).update(fields, Query().id == positioning_id)
            self._positionings[index] = done

    def positionings(self) -> list[PositioningRecord]:
        with self._guard():
            return list(self._positionings)

    def reset_competence(self, record: ResetRecord) -> None:
        with self._writing(self._main):
            self._main.table(RESETS_TABLE).insert(reset_to_doc(record))
            self._resets.append(record)

    def resets(self) -> list[ResetRecord]:
        with self._guard():
            return list(self._resets)

    # -- certifications blanches ---------------------------------------------------------

    def start_certification(self, record: CertificationRecord) -> None:
        """On disk, with its questions, before the first one is shown."""
        with self._writing(self._main):
            table = self._main.table(CERTIFICATIONS_TABLE)
            if any(c.id == record.id for c in self._certifications) or table.contains(
                Query().id == record.id
            ):
                raise InvalidRecord(detail=f"A certification with id {record.id!r} already exists.")
            table.insert(certification_to_doc(record))
            self._certifications.append(record)

    def update_certification(
        self, certification_id: str, change: Callable[[CertificationRecord], CertificationRecord]
    ) -> CertificationRecord:
        """Apply a pure change (time saved, end, a neutralised or unserved question) and save
        it; returns the record as stored. The id never changes."""
        with self._guard():
            index = next(
                (i for i, c in enumerate(self._certifications) if c.id == certification_id), None
            )
            if index is None:
                raise InvalidRecord(
                    detail=f"There is no certification with id {certification_id!r}."
                )
            changed = replace(change(self._certifications[index]), id=certification_id)
            doc = certification_to_doc(changed)
            with self._writing(self._main):
                self._main.table(CERTIFICATIONS_TABLE).update(doc, Query().id == certification_id)
            self._certifications[index] = changed
            return changed

    def certifications(self) -> list[CertificationRecord]:
        with self._guard():
            return list(self._certifications)

    # -- what the learner's app derived ------------------------------------------------

    def snapshot(self) -> RecordsSnapshot:
        """Taken under the store's lock, so the signature is that of exactly these records:
        a standing derived from them and saved with it can never pass for a later state."""
        with self._guard():
            return RecordsSnapshot(
                list(self._positionings),
                list(self._answers),
                list(self._resets),
                list(self._certifications),
                self._signature(),
            )

    def save_standing(self, snapshot: RecordsSnapshot, context: list[str], cached: Cached) -> None:
        """Hook for stores with a folder: see `standing_file.py`. Best effort, never raises."""

    def _signature(self) -> Signature:
        return ()

    # -- lifetime ---------------------------------------------------------------------

    def close(self) -> None:
        """Safe to call twice, from any thread."""
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            self._chunks.current.close()
            self._main.close()
            self._release()

    def _release(self) -> None:
        """Hook for stores holding a lock."""

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        with self._mutex:
            if self._closed:
                raise ProfileClosed(name=self.name)
            yield

    @contextmanager
    def _writing(self, db: TinyDB) -> Iterator[None]:
        with self._guard():
            try:
                yield
            except (OSError, UnreadableDocument) as error:
                raise _save_failed(_location(db), error) from error


def _save_failed(location: str | Path, error: Exception) -> SaveFailed:
    if isinstance(error, UnreadableDocument):
        reason = f"the file was changed by something else and {error.reason}"
    else:
        reason = getattr(error, "strerror", None) or str(error)
    return SaveFailed(path=location, reason=reason)
