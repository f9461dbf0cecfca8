"""Older profile formats, and the pure steps that bring them to SCHEMA_VERSION.

Format 0 is a profile in a single TinyDB file with no format number: the answers sit in an
`answers` table beside the profile. It is what a hand-made or exported profile looks like,
so it stays readable. Format 1 moves the answers into chunk files (see layout.py).

A step takes the documents of a profile and returns new ones; it never touches the disk, so
the shell can write the result in a crash-safe order and the tests can check steps alone.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from pix_tui.store.atomic_storage import Tables
from pix_tui.store.layout import (
    ANSWERS_TABLE,
    PROFILE_TABLE,
    SCHEMA_VERSION,
    SINGLE_DOC,
    with_missing_tables,
)


@dataclass(frozen=True, slots=True)
class ProfileDocuments:
    """The main document and the answer chunks, in order."""

    main: Tables
    chunks: tuple[Tables, ...]


Step = Callable[[ProfileDocuments, int], ProfileDocuments]


def _split_answers(docs: ProfileDocuments, per_chunk: int) -> ProfileDocuments:
    """0 → 1: the answers table leaves the main file for chunks of `per_chunk` answers."""
    main = copy.deepcopy(docs.main)
    table = main.pop(ANSWERS_TABLE, {})
    answers = [table[key] for key in sorted(table, key=int)]
    chunks = tuple(
        {ANSWERS_TABLE: {str(i): doc for i, doc in enumerate(answers[at : at + per_chunk], 1)}}
        for at in range(0, len(answers), per_chunk)
    )
    main[PROFILE_TABLE][SINGLE_DOC]["schema"] = 1
    return ProfileDocuments(with_missing_tables(main), docs.chunks + chunks)


STEPS: dict[int, Step] = {0: _split_answers}
"""STEPS[n] turns format n into format n + 1."""


def migrate(docs: ProfileDocuments, version: int, per_chunk: int) -> ProfileDocuments:
    for step_from in range(version, SCHEMA_VERSION):
        docs = STEPS[step_from](docs, per_chunk)
    return docs
