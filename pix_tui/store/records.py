"""History records ⇄ TinyDB documents (plain JSON types, dates in ISO 8601).

Decoding is strict and says what is wrong: a hand-edited or damaged record is reported and
left in its file, never silently turned into something else.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from pix_tui.core.history import (
    AnswerRecord,
    PositioningKind,
    PositioningRecord,
    PositioningState,
    ResetRecord,
)
from pix_tui.core.model import Result

Doc = dict[str, Any]
E = TypeVar("E", bound=enum.Enum)


class RecordError(ValueError):
    """One stored record that cannot be read back."""


def _field(doc: Mapping[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    if name not in doc:
        raise RecordError(f"field {name!r} is missing")
    value = doc[name]
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind)):
        raise RecordError(f"field {name!r} has the wrong type ({value!r})")
    return value


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _date(doc: Mapping[str, Any], name: str) -> datetime:
    text = _field(doc, name, str)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise RecordError(f"field {name!r} is not a date ({text!r})") from None


def _choice(doc: Mapping[str, Any], name: str, enum_type: type[E]) -> E:
    text = _field(doc, name, str)
    try:
        return enum_type(text)
    except ValueError:
        allowed = ", ".join(str(member.value) for member in enum_type)
        raise RecordError(f"field {name!r} is {text!r}, expected one of {allowed}") from None


def answer_to_doc(record: AnswerRecord) -> Doc:
    return {
        "challenge_id": record.challenge_id,
        "competence": record.competence,
        "skill": record.skill,
        "result": record.result.value,
        "given": record.given,
        "duration_s": record.duration_s,
        "at": record.at.isoformat(),
        "positioning_id": record.positioning_id,
    }


def answer_from_doc(doc: Mapping[str, Any]) -> AnswerRecord:
    return AnswerRecord(
        challenge_id=_field(doc, "challenge_id", str),
        competence=_field(doc, "competence", str),
        skill=_field(doc, "skill", str),
        result=_choice(doc, "result", Result),
        given=_field(doc, "given", str),
        duration_s=float(_field(doc, "duration_s", (int, float))),
        at=_date(doc, "at"),
        positioning_id=_field(doc, "positioning_id", str),
    )


def positioning_to_doc(record: PositioningRecord) -> Doc:
    return {
        "id": record.id,
        "competence": record.competence,
        "engine": record.engine,
        "kind": record.kind.value,
        "state": record.state.value,
        "started_at": record.started_at.isoformat(),
        "ended_at": record.ended_at.isoformat() if record.ended_at else None,
        "seed": record.seed,
    }


def positioning_from_doc(doc: Mapping[str, Any]) -> PositioningRecord:
    ended = _date(doc, "ended_at") if doc.get("ended_at") is not None else None
    return PositioningRecord(
        id=_field(doc, "id", str),
        competence=_field(doc, "competence", str),
        engine=_field(doc, "engine", str),
        kind=_choice(doc, "kind", PositioningKind),
        state=_choice(doc, "state", PositioningState),
        started_at=_date(doc, "started_at"),
        ended_at=ended,
        seed=_field(doc, "seed", int),
    )


def reset_to_doc(record: ResetRecord) -> Doc:
    return {"competence": record.competence, "at": record.at.isoformat()}


def reset_from_doc(doc: Mapping[str, Any]) -> ResetRecord:
    return ResetRecord(competence=_field(doc, "competence", str), at=_date(doc, "at"))
