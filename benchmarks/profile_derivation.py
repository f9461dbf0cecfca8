"""How long does `derive_profile` take on a long history? It runs after every answer.

    .venv/bin/python benchmarks/profile_derivation.py              # 20,000 answers per shape
    .venv/bin/python benchmarks/profile_derivation.py --answers 2000 --json

Target: at most 0.5 s for 20,000 answers, whatever their shape (many short positionings, a
few long ones, spread over every competence, retries and resets), for the derivation that
runs after each answer: the app keeps the `Replays` of the previous one. The first
derivation after opening a profile (cold) replays every positioning once; it runs in a
worker while the screen shows "Loading…". Histories are built from the shipped bank, each
positioning's answers drawn with its own fixed seed: two runs replay the same records, and
positionings seldom repeat one another (alike finished ones share a replay; a one-answer
positioning can only be one of about a hundred).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from pix_tui.core.history import (
    AnswerRecord,
    PositioningKind,
    PositioningRecord,
    PositioningState,
    ResetRecord,
)
from pix_tui.core.loader import default_bank_path, load_bank
from pix_tui.core.model import Bank, Result
from pix_tui.core.profile import Replays, derive_profile
from pix_tui.core.referential import referential

TARGET_S = 0.5
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


@dataclass
class History:
    positionings: list[PositioningRecord]
    answers: list[AnswerRecord]
    resets: list[ResetRecord]


@dataclass(frozen=True, slots=True)
class Row:
    shape: str
    positionings: int
    answers: int
    resets: int
    cold_s: float
    after_answer_s: float
    within_target: bool


def build(
    bank: Bank,
    count: int,
    length: int,
    competences: list[str],
    *,
    retry: bool = False,
    reset_every: int = 0,
    last_open: bool = False,
) -> History:
    """`count` positionings of `length` answers, round robin over `competences`."""
    history = History([], [], [])
    moment = START
    for n in range(count):
        code = competences[n % len(competences)]
        challenges = sorted(bank.of_competence(code), key=lambda c: c.id)
        pid = f"pos-{n}"
        draw = random.Random(n)
        kind = PositioningKind.RETRY if retry and n >= len(competences) else PositioningKind.FIRST
        started = moment
        for _ in range(length):
            moment += timedelta(seconds=30)
            challenge = draw.choice(challenges)
            result = Result.OK if draw.random() < 0.6 else Result.KO
            history.answers.append(
                AnswerRecord(
                    challenge.id, code, challenge.skill.name, result, "x", 30.0, moment, pid
                )
            )
        finished = not (last_open and n == count - 1)
        history.positionings.append(
            PositioningRecord(
                pid,
                code,
                "default",
                kind,
                PositioningState.FINISHED if finished else PositioningState.IN_PROGRESS,
                started,
                moment + timedelta(seconds=1) if finished else None,
                seed=n,
            )
        )
        moment += timedelta(days=5)
        if reset_every and n % reset_every == reset_every - 1:
            history.resets.append(ResetRecord(code, moment))
            moment += timedelta(days=1)
    return history


def shapes(bank: Bank, total: int) -> dict[str, Callable[[], History]]:
    codes = [code for code in referential().codes() if bank.of_competence(code)]
    return {
        f"{total // 20} x 20, one competence": lambda: build(bank, total // 20, 20, codes[:1]),
        f"{total // 20} x 20, every competence": lambda: build(bank, total // 20, 20, codes),
        f"{total} x 1, one competence": lambda: build(bank, total, 1, codes[:1]),
        f"1 x {total}, in progress": lambda: build(bank, 1, total, codes[:1], last_open=True),
        f"{total // 40} x 40, retries, a reset every 10": lambda: build(
            bank, total // 40, 40, codes[:2], retry=True, reset_every=10
        ),
    }


def measure(bank: Bank, name: str, history: History) -> Row:
    """Cold: a fresh `Replays`. After an answer: one more answer in the last positioning."""
    now = START + timedelta(days=365 * 30)
    replays = Replays(bank)
    began = time.perf_counter()
    derive_profile(
        bank, history.positionings, history.answers, history.resets, now, replays=replays
    )
    cold = time.perf_counter() - began
    last = history.answers[-1]
    challenges = sorted(bank.of_competence(last.competence), key=lambda c: c.id)
    extra = AnswerRecord(
        challenges[0].id,
        last.competence,
        challenges[0].skill.name,
        Result.OK,
        "x",
        30.0,
        last.at + timedelta(seconds=30),
        last.positioning_id,
    )
    answers = [*history.answers, extra]
    began = time.perf_counter()
    derive_profile(bank, history.positionings, answers, history.resets, now, replays=replays)
    warm = time.perf_counter() - began
    return Row(
        name,
        len(history.positionings),
        len(history.answers),
        len(history.resets),
        round(cold, 3),
        round(warm, 3),
        warm <= TARGET_S,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", type=int, default=20_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    bank = load_bank(default_bank_path()).bank
    rows = [measure(bank, name, make()) for name, make in shapes(bank, args.answers).items()]
    if args.json:
        print(json.dumps([asdict(row) for row in rows], indent=2))
        return
    print(
        f"{'shape':<42}{'pos.':>7}{'answers':>9}{'resets':>8}{'cold s':>9}"
        f"{'answer s':>10}  ≤ {TARGET_S} s"
    )
    for row in rows:
        mark = "yes" if row.within_target else "NO"
        print(
            f"{row.shape:<42}{row.positionings:>7}{row.answers:>9}{row.resets:>8}"
            f"{row.cold_s:>9.3f}{row.after_answer_s:>10.3f}  {mark}"
        )


if __name__ == "__main__":
    main()
