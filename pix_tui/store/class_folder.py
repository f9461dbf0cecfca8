"""Every profile of a data folder, read for the teacher without taking any lock or writing.

A learner may be answering while the teacher looks: the store writes by atomic rename, so a
file read here is always a complete version (or, for an instant between two renames, only
its `.bak` exists, which is read instead). Nothing is repaired, migrated on disk or set
aside: a profile that cannot be read is named in `ClassSnapshot.problems` and left alone.
An older-format profile is read as it is (its answers sit in its main file).

`ClassReader` remembers each folder's file sizes and times, so refreshing a class re-reads
only the profiles that changed since the last look.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from pix_tui.core.class_report import last_activity as learner_last_activity
from pix_tui.core.class_report import name_key
from pix_tui.core.history import (
    AnswerRecord,
    CertificationRecord,
    PositioningRecord,
    ResetRecord,
)
from pix_tui.core.model import Result
from pix_tui.core.rescore import apply_rescores
from pix_tui.store import layout
from pix_tui.store.atomic_storage import (
    Tables,
    UnreadableDocument,
    backup_path,
    read_tables,
)
from pix_tui.store.errors import ProfileError, ProfileUnreadable, UnsupportedSchema
from pix_tui.store.layout import ProfileHeader
from pix_tui.store.paths import profiles_root
from pix_tui.store.records import (
    RecordError,
    answer_from_doc,
    answer_outcome_from_doc,
    certification_from_doc,
    positioning_from_doc,
    reset_from_doc,
)
from pix_tui.store.signature import Signature, folder_signature

_Record = TypeVar("_Record")


@dataclass(eq=False)
class ProfileSnapshot:
    """One learner's records as they were on disk when read.

    The main file is read at once; the answers (the bulk of a profile) only when asked for,
    since a class view whose levels are cached needs none of them.
    """

    folder: Path
    signature: Signature
    header: ProfileHeader
    positionings: tuple[PositioningRecord, ...]
    resets: tuple[ResetRecord, ...]
    certifications: tuple[CertificationRecord, ...]
    tables: Mapping[str, Mapping[str, Any]]
    """The main document's raw tables."""
    skipped_records: int = 0
    _original: tuple[AnswerRecord, ...] | None = field(default=None, repr=False)
    _answers: tuple[AnswerRecord, ...] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.header.name

    @property
    def has_pin(self) -> bool:
        return self.header.pin is not None

    def original_answers(self) -> tuple[AnswerRecord, ...]:
        """As recorded, before any re-score. Raises ProfileUnreadable when an answers file
        and its backup are both unreadable."""
        if self._original is None:
            self._original = _read_answers(self.folder, self.header.schema, self.tables)
        return self._original

    def answers(self) -> tuple[AnswerRecord, ...]:
        """The answers the profile is derived from: re-scores applied (`core/rescore.py`)."""
        if self._answers is None:
            rescores = read_rescores(self.tables)
            self._answers = tuple(apply_rescores(self.original_answers(), rescores))
        return self._answers

    def outcomes(self) -> list[tuple[str, Result, str]]:
        """(challenge, result, given) of each answer, re-scores applied: what the challenge
        analysis reads, without building whole records (a school's year is 600,000 answers).
        An answer whose other fields are damaged is counted here, skipped by `answers()`.
        Raises ProfileUnreadable like `answers()`."""
        if self._answers is not None:
            return [(a.challenge_id, a.result, a.given) for a in self._answers]
        rows = _read_answer_docs(
            self.folder, self.header.schema, self.tables, answer_outcome_from_doc
        )
        rescored = {(r.challenge_id, r.answer_at): r.result for r in read_rescores(self.tables)}
        if not rescored:
            return [(challenge, result, given) for challenge, result, given, _ in rows]
        touched = {challenge for challenge, _ in rescored}
        return [
            (challenge, _rescored(rescored, challenge, at) or result, given)
            if challenge in touched
            else (challenge, result, given)
            for challenge, result, given, at in rows
        ]

    def forget_answers(self) -> None:
        """Drop the answers read so far: a class keeps its snapshots between two looks, and
        300 learners' answers would hold hundreds of megabytes no screen shows."""
        self._original = None
        self._answers = None


@dataclass(frozen=True)
class UnreadableProfile:
    """A profile folder the class view could not read: named, never touched."""

    folder: Path
    error: ProfileError


@dataclass(frozen=True)
class ClassSnapshot:
    profiles: tuple[ProfileSnapshot, ...]
    problems: tuple[UnreadableProfile, ...]
    changed: bool = True
    """False when a refresh found every file as it was: nothing to redraw."""


def _read_either(path: Path, check: Callable[[Path, Tables], object] | None = None) -> Tables:
    """The file, else its backup (the instant between two renames, or a damaged file)."""
    first: Exception | None = None
    for candidate in (path, backup_path(path)):
        try:
            tables = read_tables(candidate)
            if check is not None:
                check(candidate, tables)
            return tables
        except FileNotFoundError:
            continue
        except UnreadableDocument as error:
            first = first or error
        except OSError as error:
            first = first or ProfileUnreadable(path=candidate, reason=error.strerror or str(error))
    if isinstance(first, UnreadableDocument):
        raise ProfileUnreadable(path=first.path, reason=first.reason)
    if isinstance(first, ProfileError):
        raise first
    raise ProfileUnreadable(path=path, reason="the file is missing")


def _decoded(docs: Mapping[str, Any], decode: Callable[[Any], Any]) -> tuple[list[Any], int]:
    records, skipped = [], 0
    for doc_id in sorted(docs, key=int):
        try:
            records.append(decode(docs[doc_id]))
        except RecordError:
            skipped += 1
    return records, skipped


def read_rescores(main: Mapping[str, Any]) -> list[Any]:
    from pix_tui.store.rescores import read_rescores as read

    return read(main)


def read_profile(folder: Path, signature: Signature = ()) -> ProfileSnapshot:
    """Raises ProfileUnreadable or UnsupportedSchema; writes nothing, locks nothing."""
    main_path = layout.main_path(folder)

    def check(path: Path, tables: Tables) -> None:
        header = layout.read_header(path, tables)
        if header.schema > layout.SCHEMA_VERSION:
            raise UnsupportedSchema(
                name=header.name,
                found=header.schema,
                supported=layout.SCHEMA_VERSION,
                path=path,
            )

    main = _read_either(main_path, check)
    header = layout.read_header(main_path, main)
    main = layout.with_missing_tables(main)
    positionings, bad_p = _decoded(main[layout.POSITIONINGS_TABLE], positioning_from_doc)
    resets, bad_r = _decoded(main[layout.RESETS_TABLE], reset_from_doc)
    certifications, bad_c = _decoded(main[layout.CERTIFICATIONS_TABLE], certification_from_doc)
    return ProfileSnapshot(
        folder=folder,
        signature=signature,
        header=header,
        positionings=tuple(positionings),
        resets=tuple(resets),
        certifications=tuple(certifications),
        tables=main,
        skipped_records=bad_p + bad_r + bad_c,
    )


def _read_answers(
    folder: Path, schema: int, main: Mapping[str, Mapping[str, Any]]
) -> tuple[AnswerRecord, ...]:
    return tuple(_read_answer_docs(folder, schema, main, answer_from_doc))


def _read_answer_docs(
    folder: Path,
    schema: int,
    main: Mapping[str, Mapping[str, Any]],
    decode: Callable[[Any], _Record],
) -> list[_Record]:
    """Every readable answer in order; an older format keeps them in the main file."""
    if schema == 0:
        chunks: list[Mapping[str, Any]] = [main]
    else:
        chunks = [_read_either(layout.chunk_path(folder, n)) for n in layout.chunk_numbers(folder)]
    answers: list[_Record] = []
    for chunk in chunks:
        answers.extend(_decoded(chunk.get(layout.ANSWERS_TABLE, {}), decode)[0])
    return answers


def _rescored(
    rescored: Mapping[tuple[str, datetime], Result], challenge: str, at: str
) -> Result | None:
    try:
        return rescored.get((challenge, datetime.fromisoformat(at)))
    except (ValueError, TypeError):
        return None


class ClassReader:
    """Reads a data folder's profiles again and again, re-reading only what changed."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._seen: dict[Path, tuple[Signature, ProfileSnapshot | UnreadableProfile]] = {}

    def read(self) -> ClassSnapshot:
        """Raises ProfileUnreadable when the profiles folder itself cannot be listed."""
        root = profiles_root(self.data_dir)
        try:
            folders = sorted(entry for entry in root.iterdir() if entry.is_dir())
        except FileNotFoundError:
            folders = []
        except OSError as error:
            raise ProfileUnreadable(path=root, reason=error.strerror or str(error)) from error
        changed = set(self._seen) != set(folders)
        seen: dict[Path, tuple[Signature, ProfileSnapshot | UnreadableProfile]] = {}
        for folder in folders:
            try:
                signature = folder_signature(folder)
            except OSError as error:
                reason = error.strerror or str(error)
                seen[folder] = (
                    (),
                    UnreadableProfile(folder, ProfileUnreadable(path=folder, reason=reason)),
                )
                changed = True
                continue
            previous = self._seen.get(folder)
            if previous is not None and previous[0] == signature:
                seen[folder] = previous
                continue
            changed = True
            seen[folder] = (signature, _read_or_problem(folder, signature))
        self._seen = seen
        results = [result for _, result in seen.values()]
        profiles = [r for r in results if isinstance(r, ProfileSnapshot)]
        profiles.sort(key=lambda p: name_key(p.name))
        problems = tuple(r for r in results if isinstance(r, UnreadableProfile))
        return ClassSnapshot(tuple(profiles), problems, changed)


def _read_or_problem(folder: Path, signature: Signature) -> ProfileSnapshot | UnreadableProfile:
    try:
        return read_profile(folder, signature)
    except ProfileError as error:
        return UnreadableProfile(folder, error)
    except OSError as error:
        reason = error.strerror or str(error)
        return UnreadableProfile(folder, ProfileUnreadable(path=folder, reason=reason))


def last_activity(profile: ProfileSnapshot) -> datetime:
    """The learner's last answer, positioning or reset; their profile's creation otherwise.

    Raises ProfileUnreadable like `answers()`.
    """
    return learner_last_activity(
        profile.answers(), profile.positionings, profile.resets, profile.header.created
    )
