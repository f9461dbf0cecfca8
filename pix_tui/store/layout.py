"""The files of one profile folder and the shape of their TinyDB documents.

```
profile.json         tables profile (schema, name, created, pin), settings, positionings, resets,
                     certifications (the certifications blanches; their answers go to the chunks)
answers-0001.json    table answers: the first ANSWERS_PER_CHUNK answers, then answers-0002…
*.bak                the previous version of each file (one backup generation)
lock                 held with flock while a pix-tui has the profile open
standing.json        the levels the learner's app derived last, with the signature of the files
                     above they come from (a cache for the class view, see standing_file.py)
```

Answers are append-only, so splitting them into chunks means recording one rewrites a small
file whatever the size of the history; closed chunks are never written again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pix_tui.store.atomic_storage import Tables, UnreadableDocument
from pix_tui.store.errors import InvalidProfileName
from pix_tui.store.paths import clean_name
from pix_tui.store.pin import PinHash

SCHEMA_VERSION = 1
"""Format written by this version; see migrations.py for the older ones it still reads."""

MAIN_FILE = "profile.json"
STANDING_FILE = "standing.json"
ANSWERS_PER_CHUNK = 500
PROFILE_TABLE = "profile"
SETTINGS_TABLE = "settings"
POSITIONINGS_TABLE = "positionings"
RESETS_TABLE = "resets"
CERTIFICATIONS_TABLE = "certifications"
ANSWERS_TABLE = "answers"
SINGLE_DOC = "1"
MAIN_INDENT = 1

_CHUNK = re.compile(r"answers-(\d{4,})\.json(?:\.bak)?")


def main_path(folder: Path) -> Path:
    return folder / MAIN_FILE


def chunk_path(folder: Path, number: int) -> Path:
    return folder / f"answers-{number:04d}.json"


def chunk_numbers(folder: Path) -> list[int]:
    """Every chunk with a file or a backup (a crash between two renames leaves only the latter)."""
    numbers = {int(m[1]) for entry in folder.iterdir() if (m := _CHUNK.fullmatch(entry.name))}
    return sorted(numbers)


def aside_path(path: Path, now: datetime) -> Path:
    """`profile.json` → `profile.corrupt-20261126T101500.json`, never an existing name."""
    stem, dot, suffix = path.name.partition(".")
    base = f"{stem}.corrupt-{now.strftime('%Y%m%dT%H%M%S')}"
    candidate, n = path.with_name(f"{base}{dot}{suffix}"), 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{base}-{n}{dot}{suffix}")
    return candidate


@dataclass(frozen=True, slots=True)
class ProfileHeader:
    """The profile document: who, since when, and the PIN hash if any."""

    schema: int
    name: str
    created: datetime
    pin: PinHash | None

    def to_doc(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "name": self.name,
            "created": self.created.isoformat(),
            "pin": self.pin.to_doc() if self.pin else None,
        }


def new_main_tables(name: str, created: datetime, pin: PinHash | None) -> Tables:
    header = ProfileHeader(SCHEMA_VERSION, name, created, pin)
    return {
        PROFILE_TABLE: {SINGLE_DOC: header.to_doc()},
        SETTINGS_TABLE: {SINGLE_DOC: {}},
        POSITIONINGS_TABLE: {},
        RESETS_TABLE: {},
        CERTIFICATIONS_TABLE: {},
    }


def schema_of(path: Path, tables: Tables) -> int:
    """Format 0 had no schema field; anything else but a non-negative integer is damage."""
    doc = tables.get(PROFILE_TABLE, {}).get(SINGLE_DOC)
    if doc is None:
        raise UnreadableDocument(path, "it has no profile document")
    schema = doc.get("schema", 0)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        raise UnreadableDocument(path, f"its format number {schema!r} is not valid")
    return schema


def read_header(path: Path, tables: Tables) -> ProfileHeader:
    """Raises UnreadableDocument naming the field that is wrong."""
    schema = schema_of(path, tables)
    doc = tables[PROFILE_TABLE][SINGLE_DOC]
    name, created, pin = doc.get("name"), doc.get("created"), doc.get("pin")
    if not isinstance(name, str):
        raise UnreadableDocument(path, "its profile has no name")
    try:
        name = clean_name(name)
    except InvalidProfileName as error:
        raise UnreadableDocument(path, str(error)) from error
    try:
        when = datetime.fromisoformat(created) if isinstance(created, str) else None
    except ValueError:
        when = None
    if when is None:
        raise UnreadableDocument(path, f"its creation date {created!r} is not a date")
    try:
        pin_hash = PinHash.from_doc(pin) if isinstance(pin, dict) else None
    except ValueError as error:
        raise UnreadableDocument(path, str(error)) from error
    if pin is not None and pin_hash is None:
        raise UnreadableDocument(path, "its PIN field is not valid")
    return ProfileHeader(schema, name, when, pin_hash)


def with_missing_tables(tables: Tables) -> Tables:
    """A hand-made profile may omit empty tables; TinyDB and the store expect them all."""
    for table in (SETTINGS_TABLE, POSITIONINGS_TABLE, RESETS_TABLE, CERTIFICATIONS_TABLE):
        tables.setdefault(table, {})
    tables[SETTINGS_TABLE].setdefault(SINGLE_DOC, {})
    return tables
