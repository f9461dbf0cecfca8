"""Re-scores in a profile: a `rescores` table of the main file, beside the untouched answers.

Written by the teacher under the profile's lock (`rescore_profile`); read back when a profile
opens and by the class view, which apply them to the answers (`core/rescore.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Result
from pix_tui.core.rescore import RescoreRecord
from pix_tui.store import layout
from pix_tui.store.atomic_storage import Tables, atomic_write, backup_path, encode_tables
from pix_tui.store.errors import SaveFailed
from pix_tui.store.records import RecordError, _choice, _date, _field

RESCORES_TABLE = "rescores"


def rescore_to_doc(record: RescoreRecord) -> dict[str, Any]:
    return {
        "challenge_id": record.challenge_id,
        "answer_at": record.answer_at.isoformat(),
        "original": record.original.value,
        "result": record.result.value,
        "rescored_at": record.rescored_at.isoformat(),
    }


def rescore_from_doc(doc: Mapping[str, Any]) -> RescoreRecord:
    return RescoreRecord(
        challenge_id=_field(doc, "challenge_id", str),
        answer_at=_date(doc, "answer_at"),
        original=_choice(doc, "original", Result),
        result=_choice(doc, "result", Result),
        rescored_at=_date(doc, "rescored_at"),
    )


def read_rescores(main: Mapping[str, Any]) -> list[RescoreRecord]:
    """Readable re-scores in order; a damaged one is left out (its answer keeps its result)."""
    table = main.get(RESCORES_TABLE, {})
    found = []
    for doc_id in sorted(table, key=int):
        try:
            found.append(rescore_from_doc(table[doc_id]))
        except RecordError:
            continue
    return found


def rescore_profile(
    data_dir: Path,
    name: str,
    find: Callable[[Sequence[AnswerRecord], Sequence[RescoreRecord]], Iterable[RescoreRecord]],
) -> int:
    """Adds the re-scores `find` returns for this profile's answers; how many were added.

    Takes the profile's lock (ProfileLocked when a learner has it open); the main file and
    its backup are both written, like every header change.
    """
    from pix_tui.store.class_folder import read_profile
    from pix_tui.store.management import _locked_folder, _read_main

    folder, _, lock = _locked_folder(data_dir, name)
    try:
        snapshot = read_profile(folder)
        tables: Tables = _read_main(folder)
        done = read_rescores(tables)
        new = list(find(snapshot.original_answers(), done))
        if not new:
            return 0
        table = tables.setdefault(RESCORES_TABLE, {})
        next_id = max((int(k) for k in table), default=0) + 1
        for offset, record in enumerate(new):
            table[str(next_id + offset)] = rescore_to_doc(record)
        payload = encode_tables(tables, indent=layout.MAIN_INDENT)
        main = layout.main_path(folder)
        try:
            atomic_write(backup_path(main), payload, keep_backup=False)
            atomic_write(main, payload, keep_backup=False)
        except OSError as error:
            raise SaveFailed(path=main, reason=error.strerror or str(error)) from error
        return len(new)
    finally:
        lock.release()
