"""Past answers re-scored after a teacher accepted a new answer, the original kept beside.

An answer on disk is never rewritten: a re-score is a record of its own naming the answer
(challenge and moment), its original result and its new one. Applying the re-scores gives the
answers the profile is derived from; removing them gives back exactly the original story.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from pix_tui.core.analysis import blank_values
from pix_tui.core.answers import check_answer
from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Challenge, ChallengeType, Result


@dataclass(frozen=True, slots=True)
class RescoreRecord:
    challenge_id: str
    answer_at: datetime
    """The re-scored answer's own moment: with the challenge, it names the answer."""
    original: Result
    result: Result
    rescored_at: datetime


def apply_rescores(
    answers: Sequence[AnswerRecord], rescores: Iterable[RescoreRecord]
) -> list[AnswerRecord]:
    """The answers with each re-scored one carrying its new result (the last re-score wins)."""
    new = {(r.challenge_id, r.answer_at): r.result for r in rescores}
    if not new:
        return list(answers)
    return [
        replace(a, result=new[key]) if (key := (a.challenge_id, a.at)) in new else a
        for a in answers
    ]


def rescores_for(
    challenge: Challenge,
    answers: Iterable[AnswerRecord],
    done: Iterable[RescoreRecord],
    now: datetime,
) -> list[RescoreRecord]:
    """Wrong answers to `challenge` that its accepted answers now take; timed-out and skipped
    answers stay as they were, and an answer already re-scored is not re-scored again."""
    seen = {(r.challenge_id, r.answer_at) for r in done}
    found = []
    for answer in answers:
        if answer.challenge_id != challenge.id or answer.result is not Result.KO:
            continue
        if (answer.challenge_id, answer.at) in seen:
            continue
        given: object = answer.given
        if challenge.type is ChallengeType.QROCM:
            given = blank_values(challenge, answer.given)
        elif challenge.type is not ChallengeType.QROC:
            continue
        if check_answer(challenge, given) is Result.OK:  # type: ignore[arg-type]
            found.append(RescoreRecord(challenge.id, answer.at, Result.KO, Result.OK, now))
    return found
