"""Which challenge practice serves next: pure functions over the bank and the answers.

Practice never changes a level, so its choices only have to be useful: challenges not seen yet
first, then the ones got wrong, never the same one twice in a session while others remain.
The error queue ("revoir mes erreurs") holds every skill whose latest answer was not right and
serves a variant the learner has never answered when the bank has one.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Bank, Challenge, Result


@dataclass(frozen=True, slots=True)
class PracticeFilter:
    competence: str | None = None
    topic: str | None = None
    level: int | None = None
    errors_only: bool = False

    def accepts(self, challenge: Challenge) -> bool:
        return (
            (self.competence is None or challenge.competence == self.competence)
            and (self.topic is None or challenge.topic == self.topic)
            and (self.level is None or challenge.level == self.level)
        )


def _pool(bank: Bank, practice: PracticeFilter) -> list[Challenge]:
    source = bank.of_competence(practice.competence) if practice.competence else bank.challenges
    return sorted((c for c in source if practice.accepts(c)), key=lambda c: c.id)


def latest_by_skill(bank: Bank, answers: Iterable[AnswerRecord]) -> dict[str, AnswerRecord]:
    """The latest answer per skill of the bank, keyed 'competence/@topicN'."""
    latest: dict[str, AnswerRecord] = {}
    for record in sorted(answers, key=lambda r: r.at):
        challenge = bank.get(record.challenge_id)
        if challenge is not None:
            latest[_skill_key(challenge)] = record
    return latest


def _skill_key(challenge: Challenge) -> str:
    return f"{challenge.competence}/{challenge.skill.name}"


def error_queue(
    bank: Bank, answers: Sequence[AnswerRecord], practice: PracticeFilter = PracticeFilter()
) -> list[Challenge]:
    """One challenge per skill still wrong, oldest mistake first."""
    answered = {record.challenge_id for record in answers}
    queue: list[tuple[AnswerRecord, Challenge]] = []
    for record in latest_by_skill(bank, answers).values():
        if record.result is Result.OK:
            continue
        wrong = bank.get(record.challenge_id)
        if wrong is None or not practice.accepts(wrong):
            continue
        fresh = [c for c in bank.variants(wrong.skill) if c.id not in answered]
        queue.append((record, min(fresh, key=lambda c: c.id) if fresh else wrong))
    queue.sort(key=lambda item: item[0].at)
    return [challenge for _, challenge in queue]


def next_practice(
    bank: Bank,
    practice: PracticeFilter,
    answers: Sequence[AnswerRecord],
    served: Iterable[str],
    seed: int,
) -> Challenge | None:
    """None when the session has served everything it can."""
    done = set(served)
    if practice.errors_only:
        queue = [c for c in error_queue(bank, answers, practice) if c.id not in done]
        return queue[0] if queue else None
    latest = {r.challenge_id: r.result for r in sorted(answers, key=lambda r: r.at)}
    candidates = [c for c in _pool(bank, practice) if c.id not in done]
    if not candidates:
        return None
    unseen = [c for c in candidates if c.id not in latest]
    wrong = [c for c in candidates if latest.get(c.id, Result.OK) is not Result.OK]
    tier = unseen or wrong or candidates
    tier.sort(key=lambda c: (c.level, c.id))
    lowest = [c for c in tier if c.level == tier[0].level]
    return random.Random(f"{seed}:{len(done)}").choice(lowest)
