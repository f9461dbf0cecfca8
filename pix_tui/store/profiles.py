"""Profiles on disk: list, create, open (with recovery and migration), and the open store."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from pix_tui.core.history import (
    AnswerRecord,
    CertificationRecord,
    PositioningRecord,
    PositioningState,
)
from pix_tui.core.rescore import apply_rescores
from pix_tui.store import layout
from pix_tui.store.atomic_storage import (
    AtomicJSONStorage,
    Tables,
    UnreadableDocument,
    atomic_write,
    backup_path,
    encode_tables,
    read_tables,
)
from pix_tui.store.errors import (
    PinRequired,
    ProfileExists,
    ProfileLocked,
    ProfileNotFound,
    ProfileUnreadable,
    UnsupportedSchema,
    WrongPin,
)
from pix_tui.store.layout import ProfileHeader
from pix_tui.store.lock import ProfileLock
from pix_tui.store.migrations import ProfileDocuments, migrate
from pix_tui.store.paths import (
    clean_name,
    ensure_private_dir,
    name_key,
    profile_folder,
    profiles_root,
)
from pix_tui.store.pin import hash_pin, verify_pin
from pix_tui.store.profile_base import (
    AnswerChunks,
    BaseProfileStore,
    LoadedRecords,
    RecordsSnapshot,
)
from pix_tui.store.records import (
    RecordError,
    answer_from_doc,
    certification_from_doc,
    positioning_from_doc,
    reset_from_doc,
)
from pix_tui.store.recovery import (
    LoadedFile,
    Recovery,
    RecoveryKind,
    load_file,
    remove_temporary_files,
)
from pix_tui.store.rescores import read_rescores
from pix_tui.store.signature import Signature, folder_signature
from pix_tui.store.standing_cache import Cached
from pix_tui.store.standing_file import write_standing


@dataclass(frozen=True, slots=True)
class ProfileInfo:
    name: str
    has_pin: bool
    created: datetime


class ProfileStore(BaseProfileStore):
    """An open profile: holds its lock until `close()` (or the end of the process)."""

    def __init__(self, folder: Path, lock: ProfileLock, **parts: Any) -> None:
        super().__init__(**parts)
        self.folder = folder
        self._lock = lock

    def _release(self) -> None:
        self._lock.release()

    def _signature(self) -> Signature:
        try:
            return folder_signature(self.folder)
        except OSError:
            return ()

    def save_standing(self, snapshot: RecordsSnapshot, context: list[str], cached: Cached) -> None:
        if snapshot.signature and not self.closed:
            write_standing(self.folder, snapshot.signature, context, cached)


def _now() -> datetime:
    return datetime.now().astimezone()


# -- listing ------------------------------------------------------------------------------


def _peek_header(folder: Path) -> ProfileHeader | None:
    """Read-only: another pix-tui may hold the profile; its writes are atomic renames."""
    main = layout.main_path(folder)
    for path in (main, backup_path(main)):
        try:
            return layout.read_header(path, read_tables(path))
        except (OSError, UnreadableDocument):
            continue
    return None


def list_profiles(data_dir: Path) -> list[ProfileInfo]:
    """Readable profiles, by name; a damaged one shows up again once opened and repaired."""
    root = profiles_root(data_dir)
    try:
        folders = [entry for entry in root.iterdir() if entry.is_dir()]
    except FileNotFoundError:
        return []
    except OSError as error:
        raise ProfileUnreadable(path=root, reason=error.strerror or str(error)) from error
    headers = [h for h in map(_peek_header, folders) if h is not None]
    infos = [ProfileInfo(h.name, h.pin is not None, h.created) for h in headers]
    return sorted(infos, key=lambda info: (info.name.casefold(), info.name))


@dataclass(frozen=True, slots=True)
class CertificationHistory:
    """A profile's certifications blanches and their answers, read without the lock."""

    name: str
    certifications: tuple[CertificationRecord, ...]
    answers: tuple[AnswerRecord, ...]


def _decode_quietly(docs: Mapping[str, Any], decode: Callable[[Any], Any]) -> list[Any]:
    records = []
    for doc_id in sorted(docs, key=int):
        try:
            records.append(decode(docs[doc_id]))
        except RecordError:
            continue
    return records


def _peek_tables(path: Path) -> Tables | None:
    for candidate in (path, backup_path(path)):
        try:
            return read_tables(candidate)
        except (OSError, UnreadableDocument):
            continue
    return None


def read_certifications(data_dir: Path, name: str) -> CertificationHistory:
    """Read-only, lock-free (another pix-tui may hold the profile: its writes are atomic
    renames), for a teacher's class view. Damaged records are left out, never repaired here;
    opening the profile reports them. Raises ProfileNotFound."""
    display = clean_name(name)
    folder = profile_folder(data_dir, display)
    main = _peek_tables(layout.main_path(folder))
    if main is None:
        raise ProfileNotFound(name=display, folder=data_dir)
    try:
        display = layout.read_header(layout.main_path(folder), main).name
    except UnreadableDocument:
        raise ProfileNotFound(name=display, folder=data_dir) from None
    records = _decode_quietly(main.get(layout.CERTIFICATIONS_TABLE, {}), certification_from_doc)
    answers: list[AnswerRecord] = []
    for number in layout.chunk_numbers(folder):
        tables = _peek_tables(layout.chunk_path(folder, number))
        if tables is not None:
            decoded = _decode_quietly(tables.get(layout.ANSWERS_TABLE, {}), answer_from_doc)
            answers += [a for a in decoded if a.is_certification]
    return CertificationHistory(display, tuple(records), tuple(answers))


# -- creating -----------------------------------------------------------------------------


def create_profile(data_dir: Path, name: str, pin: str | None = None) -> None:
    """A new, empty profile; ProfileExists when the name (ignoring capitals) is taken."""
    display = clean_name(name)
    pin_hash = hash_pin(pin) if pin else None
    folder = profile_folder(data_dir, display)
    ensure_private_dir(folder)
    try:
        lock = ProfileLock.acquire(folder, display)
    except ProfileLocked:
        raise ProfileExists(name=display, folder=data_dir) from None
    try:
        main = layout.main_path(folder)
        if main.exists() or backup_path(main).exists() or layout.chunk_numbers(folder):
            existing = _peek_header(folder)
            raise ProfileExists(name=existing.name if existing else display, folder=data_dir)
        payload = _main_payload(layout.new_main_tables(display, _now(), pin_hash))
        atomic_write(backup_path(main), payload, keep_backup=False)
        atomic_write(main, payload, keep_backup=False)
    except OSError as error:
        raise _unreadable(error, folder) from error
    finally:
        lock.release()


def _main_payload(tables: Tables) -> bytes:
    return encode_tables(tables, indent=layout.MAIN_INDENT)


# -- opening ------------------------------------------------------------------------------


def open_profile(
    data_dir: Path, name: str, pin: str | None = None, *, check_pin: bool = True
) -> ProfileStore:
    """The profile, locked for this process, repaired if it had to be (see recovery_notice).

    `check_pin=False` is for the teacher's side only, already behind the teacher code (which
    may clear a learner's code anyway): it opens a profile without the learner's code.

    Raises ProfileNotFound, ProfileLocked, PinRequired/WrongPin, UnsupportedSchema or
    ProfileUnreadable. A profile from a newer pix-tui is not touched at all; a damaged file
    is set aside before the PIN is checked, since that changes nothing the learner saved.
    """
    display = clean_name(name)
    folder = profile_folder(data_dir, display)
    if not folder.is_dir():
        raise ProfileNotFound(name=display, folder=data_dir)
    lock = ProfileLock.acquire(folder, display)
    try:
        return _open_locked(folder, display, pin, lock, check_pin=check_pin)
    except OSError as error:
        lock.release()
        raise _unreadable(error, folder) from error
    except BaseException:
        lock.release()
        raise


def _unreadable(error: OSError, folder: Path) -> ProfileUnreadable:
    return ProfileUnreadable(path=error.filename or folder, reason=error.strerror or str(error))


def _check_main(name: str) -> Callable[[Path, Tables], object]:
    def check(path: Path, tables: Tables) -> ProfileHeader:
        schema = layout.schema_of(path, tables)
        if schema > layout.SCHEMA_VERSION:
            raise UnsupportedSchema(
                name=name, found=schema, supported=layout.SCHEMA_VERSION, path=path
            )
        return layout.read_header(path, tables)

    return check


def _check_chunk(path: Path, tables: Tables) -> None:
    """Any TinyDB document will do: its records are checked one by one."""


def _open_locked(
    folder: Path, display: str, pin: str | None, lock: ProfileLock, *, check_pin: bool = True
) -> ProfileStore:
    now = _now()
    recoveries: list[Recovery] = []
    main_path = layout.main_path(folder)
    loaded = load_file(main_path, _check_main(display), now)
    if loaded.tables is None:
        if not loaded.moved_to and not layout.chunk_numbers(folder):
            raise ProfileNotFound(name=display, folder=folder.parent.parent)
        main = _start_again(main_path, display, now)
        reason = loaded.damage or "the file was missing"
        recoveries.append(Recovery(RecoveryKind.STARTED_AGAIN, main_path, reason, loaded.moved_to))
    else:
        main = loaded.tables
        recoveries.extend(_file_recoveries(main_path, loaded))
    header = layout.read_header(main_path, main)
    if name_key(header.name) != name_key(display):
        raise ProfileNotFound(name=display, folder=folder.parent.parent)
    if check_pin:
        _check_pin(header, pin)
    if header.schema < layout.SCHEMA_VERSION:
        main = _migrate_files(folder, main, header.schema, now)
        header = layout.read_header(main_path, main)
    main = layout.with_missing_tables(main)
    chunks, records = _load_answers(folder, now, recoveries)
    # Only now: a temporary left by a write cut short tells a crash from a deleted file.
    remove_temporary_files(folder)
    records = apply_rescores(records, read_rescores(main))
    positionings, resets, certifications = _load_main_records(main_path, main, recoveries)
    recoveries.extend(_missing_answers(folder, records, positionings))
    return ProfileStore(
        folder,
        lock,
        header=header,
        main=TinyDB(main_path, storage=AtomicJSONStorage, initial=main, indent=layout.MAIN_INDENT),
        chunks=chunks,
        records=LoadedRecords(
            records,
            positionings,
            resets,
            dict(main[layout.SETTINGS_TABLE][layout.SINGLE_DOC]),
            certifications,
        ),
        recoveries=tuple(recoveries),
    )


def _start_again(main_path: Path, display: str, now: datetime) -> Tables:
    tables = layout.new_main_tables(display, now, None)
    atomic_write(main_path, _main_payload(tables), keep_backup=False)
    return tables


def _file_recoveries(path: Path, loaded: LoadedFile) -> list[Recovery]:
    """A backup used after a crash between two renames is no news; after damage it is."""
    if loaded.damage and loaded.tables is not None:
        return [Recovery(RecoveryKind.RESTORED_BACKUP, path, loaded.damage, loaded.moved_to)]
    if loaded.deleted:
        return [Recovery(RecoveryKind.FILE_MISSING, path, "it had been deleted")]
    if loaded.tables is None and loaded.moved_to:
        return [Recovery(RecoveryKind.ANSWERS_SET_ASIDE, path, loaded.damage, loaded.moved_to)]
    return []


def _check_pin(header: ProfileHeader, pin: str | None) -> None:
    if header.pin is None:
        return
    if not pin:
        raise PinRequired(name=header.name)
    if not verify_pin(pin, header.pin):
        raise WrongPin(name=header.name)


def _migrate_files(folder: Path, main: Tables, version: int, now: datetime) -> Tables:
    """Chunks first, the main file last: until it is written the profile is still in the old
    format, and an interrupted migration simply runs again.

    Format 0 has no chunk files: any found are leftovers of an interrupted migration and are
    rebuilt from the main file. The old main file is kept beside the new one.
    """
    chunks = [] if version == 0 else _existing_chunks(folder, now)
    kept = folder / f"{layout.MAIN_FILE.removesuffix('.json')}.format{version}.json"
    if not kept.exists():
        atomic_write(kept, _main_payload(main), keep_backup=False)
    docs = migrate(ProfileDocuments(main, tuple(chunks)), version, layout.ANSWERS_PER_CHUNK)
    for number, tables in enumerate(docs.chunks, 1):
        atomic_write(layout.chunk_path(folder, number), encode_tables(tables))
    atomic_write(layout.main_path(folder), _main_payload(docs.main))
    return docs.main


def _existing_chunks(folder: Path, now: datetime) -> list[Tables]:
    loaded = (
        load_file(layout.chunk_path(folder, n), _check_chunk, now)
        for n in layout.chunk_numbers(folder)
    )
    return [file.tables for file in loaded if file.tables is not None]


def _decode_all(
    path: Path, docs: Mapping[str, Any], decode: Callable[[Any], Any], out: list[Recovery]
) -> list[Any]:
    records, problems = [], []
    for doc_id in sorted(docs, key=int):
        try:
            records.append(decode(docs[doc_id]))
        except RecordError as error:
            problems.append(f"record {doc_id}: {error}")
    if problems:
        out.append(Recovery(RecoveryKind.RECORDS_SKIPPED, path, problems[0], count=len(problems)))
    return records


def _load_main_records(
    path: Path, main: Tables, out: list[Recovery]
) -> tuple[list[Any], list[Any], list[Any]]:
    positionings = _decode_all(path, main[layout.POSITIONINGS_TABLE], positioning_from_doc, out)
    resets = _decode_all(path, main[layout.RESETS_TABLE], reset_from_doc, out)
    certifications = _decode_all(
        path, main[layout.CERTIFICATIONS_TABLE], certification_from_doc, out
    )
    return positionings, resets, certifications


def _missing_answers(
    folder: Path, answers: list[AnswerRecord], positionings: list[PositioningRecord]
) -> list[Recovery]:
    """Answers files deleted by hand, with their backups: a gap in the numbers, or finished
    positionings left without a single answer (a positioning ends only after answers)."""
    numbers = layout.chunk_numbers(folder)
    gaps = [
        n
        for n in range(1, max(numbers, default=0))
        if n not in numbers and not any(folder.glob(f"{layout.chunk_path(folder, n).stem}.*"))
    ]
    answered = {answer.positioning_id for answer in answers}
    emptied = [
        p for p in positionings if p.state is PositioningState.FINISHED and p.id not in answered
    ]
    if not gaps and not emptied:
        return []
    parts = [layout.chunk_path(folder, n).name for n in gaps]
    if emptied:
        parts.append(f"{len(emptied)} finished positioning(s) have no answer left")
    reason = "; ".join(parts)
    return [Recovery(RecoveryKind.ANSWERS_MISSING, folder, reason, count=len(emptied))]


def _load_answers(
    folder: Path, now: datetime, out: list[Recovery]
) -> tuple[AnswerChunks, list[Any]]:
    answers: list[Any] = []
    last: tuple[int, Tables] | None = None
    for number in layout.chunk_numbers(folder):
        path = layout.chunk_path(folder, number)
        loaded = load_file(path, _check_chunk, now)
        out.extend(_file_recoveries(path, loaded))
        if loaded.tables is not None:
            table = loaded.tables.get(layout.ANSWERS_TABLE, {})
            answers.extend(_decode_all(path, table, answer_from_doc, out))
            last = (number, loaded.tables)
    number, tables = last if last else (1, None)

    def open_chunk(n: int, initial: Tables | None = None) -> TinyDB:
        return TinyDB(layout.chunk_path(folder, n), storage=AtomicJSONStorage, initial=initial)

    count = len(tables.get(layout.ANSWERS_TABLE, {})) if tables else 0
    chunks = AnswerChunks(
        open_chunk, number, count, layout.ANSWERS_PER_CHUNK, open_chunk(number, tables)
    )
    return chunks, answers
