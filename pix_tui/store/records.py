"""History records ⇄ TinyDB documents (plain JSON types, dates in ISO 8601).

Decoding is strict and says what is wrong: a hand-edited or damaged record is reported and
left in its file, never silently turned into something else.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Mapping
from datetime import datetime
from operator import itemgetter
from typing import Any, TypeVar

from pix_tui.core.history import (
    AnswerRecord,
    CertificationEnd,
    CertificationRecord,
    CertificationState,
    CompetenceStart,
    PlannedQuestion,
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
        when = datetime.fromisoformat(text)
    except ValueError:
        raise RecordError(f"field {name!r} is not a date ({text!r})") from None
    if when.utcoffset() is None:
        # Every date pix-tui writes carries its offset; guessing one could move a retry date.
        raise RecordError(f"field {name!r} has no UTC offset ({text!r})")
    return when


def _duration(doc: Mapping[str, Any]) -> float:
    value = _field(doc, "duration_s", (int, float))
    try:
        return float(value)
    except OverflowError:
        raise RecordError(f"field 'duration_s' is too large ({str(value)[:20]}…)") from None


def _choice(doc: Mapping[str, Any], name: str, enum_type: type[E]) -> E:
    text = _field(doc, name, str)
    try:
        return enum_type(text)
    except ValueError:
        allowed = ", ".join(str(member.value) for member in enum_type)
        raise RecordError(f"field {name!r} is {text!r}, expected one of {allowed}") from None


def answer_to_doc(record: AnswerRecord) -> Doc:
    doc = {
        "challenge_id": record.challenge_id,
        "competence": record.competence,
        "skill": record.skill,
        "result": record.result.value,
        "given": record.given,
        "duration_s": record.duration_s,
        "at": record.at.isoformat(),
        "positioning_id": record.positioning_id,
    }
    if record.certification_id:
        doc["certification_id"] = record.certification_id
    return doc


_RESULTS = {result.value: result for result in Result}


def answer_from_doc(doc: Mapping[str, Any]) -> AnswerRecord:
    """A class of 300 learners is 600,000 answers to read: the well-formed record (every
    field of its exact type, a date with its offset) is built at once, anything else goes
    through the field-by-field checks that say what is wrong."""
    get = doc.get
    challenge, competence, skill, given = (
        get("challenge_id"),
        get("competence"),
        get("skill"),
        get("given"),
    )
    positioning, result, at = get("positioning_id"), get("result"), get("at")
    certification, duration = get("certification_id", ""), get("duration_s")
    if (
        type(challenge) is str
        and type(competence) is str
        and type(skill) is str
        and type(given) is str
        and type(positioning) is str
        and type(certification) is str
        and type(result) is str
        and result in _RESULTS
        and type(duration) is float
        and type(at) is str
    ):
        with contextlib.suppress(ValueError):
            when = datetime.fromisoformat(at)
            if when.utcoffset() is not None:
                return AnswerRecord(
                    challenge,
                    competence,
                    skill,
                    _RESULTS[result],
                    given,
                    duration,
                    when,
                    positioning,
                    certification,
                )
    return _checked_answer(doc)


def answer_outcome_from_doc(doc: Mapping[str, Any]) -> tuple[str, Result, str, str]:
    """(challenge, result, given, moment as written): all a challenge analysis reads of an
    answer, at a tenth of the cost of the whole record; raises RecordError when one of these
    is unreadable (the other fields are not checked here)."""
    try:
        challenge, result, given, at = _OUTCOME_FIELDS(doc)
    except (KeyError, TypeError, IndexError):
        raise RecordError("an answer without its challenge, result, answer or moment") from None
    if type(challenge) is str and type(given) is str and type(at) is str and type(result) is str:
        found = _RESULTS.get(result)
        if found is not None:
            return challenge, found, given, at
    raise RecordError("an answer without a readable challenge, result, answer or moment")


_OUTCOME_FIELDS = itemgetter("challenge_id", "result", "given", "at")


def _checked_answer(doc: Mapping[str, Any]) -> AnswerRecord:
    return AnswerRecord(
        challenge_id=_field(doc, "challenge_id", str),
        competence=_field(doc, "competence", str),
        skill=_field(doc, "skill", str),
        result=_choice(doc, "result", Result),
        given=_field(doc, "given", str),
        duration_s=_duration(doc),
        at=_date(doc, "at"),
        positioning_id=_field(doc, "positioning_id", str),
        certification_id=_field(doc, "certification_id", str) if "certification_id" in doc else "",
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


def _list(doc: Mapping[str, Any], name: str) -> list[Any]:
    return list(_field(doc, name, list))


def _indices(doc: Mapping[str, Any], name: str) -> tuple[int, ...]:
    values = _list(doc, name)
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values):
        raise RecordError(f"field {name!r} must list question numbers ({values!r})")
    return tuple(values)


def _question_from_doc(doc: Any) -> PlannedQuestion:
    if not isinstance(doc, dict):
        raise RecordError(f"a question is not a record ({doc!r})")
    return PlannedQuestion(
        competence=_field(doc, "competence", str),
        skill=_field(doc, "skill", str),
        level=_field(doc, "level", int),
        challenge_id=_field(doc, "challenge_id", str),
        dep=_field(doc, "dep", bool),
        fresh=_field(doc, "fresh", bool),
    )


def _start_from_doc(doc: Any) -> CompetenceStart:
    if not isinstance(doc, dict):
        raise RecordError(f"a competence is not a record ({doc!r})")
    return CompetenceStart(
        competence=_field(doc, "competence", str),
        level=_field(doc, "level", int),
        pix=_field(doc, "pix", int),
        direct_skills=_field(doc, "direct_skills", int),
    )


def certification_to_doc(record: CertificationRecord) -> Doc:
    return {
        "id": record.id,
        "started_at": record.started_at.isoformat(),
        "minutes": record.minutes,
        "questions": [
            {
                "competence": q.competence,
                "skill": q.skill,
                "level": q.level,
                "challenge_id": q.challenge_id,
                "dep": q.dep,
                "fresh": q.fresh,
            }
            for q in record.questions
        ],
        "competences": [
            {
                "competence": c.competence,
                "level": c.level,
                "pix": c.pix,
                "direct_skills": c.direct_skills,
            }
            for c in record.competences
        ],
        "state": record.state.value,
        "ended_at": record.ended_at.isoformat() if record.ended_at else None,
        "end": record.end.value if record.end else None,
        "elapsed_s": record.elapsed_s,
        "neutralised": list(record.neutralised),
        "unserved": list(record.unserved),
        "seed": record.seed,
    }


def certification_from_doc(doc: Mapping[str, Any]) -> CertificationRecord:
    ended = _date(doc, "ended_at") if doc.get("ended_at") is not None else None
    end = _choice(doc, "end", CertificationEnd) if doc.get("end") is not None else None
    questions = tuple(_question_from_doc(q) for q in _list(doc, "questions"))
    count = len(questions)
    neutralised, unserved = _indices(doc, "neutralised"), _indices(doc, "unserved")
    if any(i >= count for i in (*neutralised, *unserved)):
        raise RecordError(f"a question number is beyond the {count} questions")
    return CertificationRecord(
        id=_field(doc, "id", str),
        started_at=_date(doc, "started_at"),
        minutes=_field(doc, "minutes", int),
        questions=questions,
        competences=tuple(_start_from_doc(c) for c in _list(doc, "competences")),
        state=_choice(doc, "state", CertificationState),
        ended_at=ended,
        end=end,
        elapsed_s=float(_field(doc, "elapsed_s", (int, float))),
        neutralised=neutralised,
        unserved=unserved,
        seed=_field(doc, "seed", int),
    )
