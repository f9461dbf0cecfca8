"""The demo profile: the same store behaviour, kept in memory, gone when the app quits.

A teacher demonstrating on the projector must not leave a profile behind on a shared
account, so nothing here opens a file.
"""

from __future__ import annotations

from datetime import datetime

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from pix_tui.store.atomic_storage import Tables
from pix_tui.store.layout import SCHEMA_VERSION, ProfileHeader, new_main_tables
from pix_tui.store.paths import clean_name
from pix_tui.store.profile_base import AnswerChunks, BaseProfileStore, LoadedRecords

MEMORY_CHUNK = 1_000_000


def _memory_db(tables: Tables | None = None) -> TinyDB:
    db = TinyDB(storage=MemoryStorage)
    if tables is not None:
        db.storage.write(tables)
    return db


class MemoryProfileStore(BaseProfileStore):
    def __init__(self, name: str) -> None:
        header = ProfileHeader(SCHEMA_VERSION, clean_name(name), datetime.now().astimezone(), None)
        super().__init__(
            header=header,
            main=_memory_db(new_main_tables(header.name, header.created, None)),
            chunks=AnswerChunks(lambda _number: _memory_db(), 1, 0, MEMORY_CHUNK, _memory_db()),
            records=LoadedRecords([], [], [], {}),
        )
