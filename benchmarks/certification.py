"""Simulated learners position on every competence, then take a certification blanche.

    .venv/bin/python benchmarks/certification.py                    # shipped bank, all engines
    .venv/bin/python benchmarks/certification.py --learners 50 --engines default smart-random
    .venv/bin/python benchmarks/certification.py --json

This measures how sincere the profiles each engine builds are: a learner over-placed by the
positioning fails the variants of the skills it validated, and the certification shows it as
competences downgraded (−1) or uncertified. Learners and their answers come from
`benchmarks/positioning.py`'s models (same seeds, same response model); the "topics" condition
adds learners whose ability varies a lot from topic to topic. Every engine meets the same
learners, and the certification asks variants they never answered (pix-rules.md).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing import Pool
from pathlib import Path

if not __package__:  # run as a script: the learner models live beside it, in benchmarks/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.positioning import (
    BEHAVIOURS,
    ENGINES,
    WORLDS,
    Condition,
    Learner,
    World,
    answers_right,
    behaving_answer,
    draw_behaving_learner,
    draw_learner,
    make_engine,
)
from pix_tui.core.certification import (
    Mark,
    finish,
    new_certification,
    plan_certification,
    score,
)
from pix_tui.core.history import (
    AnswerRecord,
    CertificationEnd,
    PositioningKind,
    PositioningRecord,
    PositioningState,
)
from pix_tui.core.model import Bank, Challenge, Result
from pix_tui.core.profile import CompetenceStatus, CompetenceView, ProfileView
from pix_tui.core.referential import referential
from pix_tui.core.rules import DEFAULT_RULES
from pix_tui.core.scoring import certifiable, max_profile_pix

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
CONDITIONS = {
    "standard": WORLDS[Condition.STANDARD],
    "uneven": WORLDS[Condition.UNEVEN],
    "topics": World(topic_sd=1.0),
    "continuous": BEHAVIOURS[Condition.CONTINUOUS],
    "mixed": BEHAVIOURS[Condition.MIXED],
}
"""`topics`: ability drawn around the learner's level with one level of spread per topic.
`continuous` and `mixed`: the positioning benchmark's learners of continuous ability (mixed:
topic strength, careless streaks, lucky guesses, skips, time-outs and slips); a streak only
strikes during the positioning."""
DEFAULT_BANK = Path(__file__).resolve().parents[1] / "challenges"


@dataclass(frozen=True, slots=True)
class Sitting:
    """One simulated learner's certification: marks per competence, rate, rejection."""

    certifiable: bool
    kept: int = 0
    minus_one: int = 0
    uncertified: int = 0
    rejected: bool = False
    rate: int = 0
    questions: int = 0
    over_placed: int = 0
    """Competences the positioning placed above the learner's true level."""


def draw(bank: Bank, code: str, condition: str, rng: random.Random) -> Learner:
    setting = CONDITIONS[condition]
    if isinstance(setting, World):
        return draw_learner(bank, code, setting, rng)
    return draw_behaving_learner(bank, code, setting, rng)


def respond(
    condition: str, learner: Learner, challenge: Challenge, rng: random.Random, position: int
) -> Result:
    """The learner's answer, with the response model of the condition's learners."""
    if isinstance(CONDITIONS[condition], World):
        right = answers_right(learner, challenge, rng, forced_wrong=False)
        return Result.OK if right else Result.KO
    return behaving_answer(learner, challenge, rng, position)


def position(
    condition: str,
    engine_name: str,
    bank: Bank,
    competence: str,
    learner: Learner,
    rng: random.Random,
    seed: int,
    at: datetime,
) -> tuple[PositioningRecord, list[AnswerRecord], CompetenceView]:
    engine = make_engine(engine_name, bank, competence, seed=seed)
    pid = f"{competence}-{seed}"
    answers = []
    while (challenge := engine.next_challenge()) is not None:
        result = respond(condition, learner, challenge, rng, len(answers))
        engine.record(challenge.id, result)
        at += timedelta(seconds=40)
        answers.append(
            AnswerRecord(challenge.id, competence, challenge.skill.name, result, "", 40.0, at, pid)
        )
    estimate = engine.estimate()
    record = PositioningRecord(
        pid, competence, engine_name, PositioningKind.FIRST, PositioningState.FINISHED, T0, at
    )
    view = CompetenceView(
        competence,
        True,
        CompetenceStatus.FINISHED,
        level=estimate.level,
        pix=estimate.pix,
        validated=estimate.validated,
        invalidated=estimate.invalidated,
    )
    return record, answers, view


def sit(engine_name: str, bank: Bank, condition: str, index: int, seed: int) -> Sitting:
    """Position one learner on every competence of the bank, then certify on unseen variants."""
    positionings: list[PositioningRecord] = []
    answers: list[AnswerRecord] = []
    views: dict[str, CompetenceView] = {}
    learners: dict[str, Learner] = {}
    for code in referential().codes():
        if not bank.of_competence(code):
            views[code] = CompetenceView(code, False, CompetenceStatus.NOT_STARTED)
            continue
        learner_rng = random.Random(f"{seed}:{condition}:{index}:{code}")
        learners[code] = draw(bank, code, condition, learner_rng)
        answer_rng = random.Random(f"{seed}:{condition}:{index}:{code}:answers")
        record, given, views[code] = position(
            condition, engine_name, bank, code, learners[code], answer_rng, index, T0
        )
        positionings.append(record)
        answers += given
    levels = [v.level for v in views.values()]
    if not certifiable(levels):
        return Sitting(certifiable=False)
    profile = ProfileView(
        competences=views,
        pix=sum(v.pix for v in views.values()),
        max_pix=max_profile_pix(),
        at_level_one=sum(1 for level in levels if level >= 1),
        certifiable=True,
        pix_history=(),
        next_steps=(),
    )
    plan = plan_certification(bank, profile, positionings, answers, [], seed=index)
    record = new_certification(f"cert-{index}", plan, T0, index, DEFAULT_RULES)
    rng = random.Random(f"{seed}:{condition}:{index}:certification")
    given = []
    for question in record.questions:
        challenge = bank.get(question.challenge_id)
        assert challenge is not None
        result = respond(condition, learners[question.competence], challenge, rng, -1)
        given.append(
            AnswerRecord(
                challenge.id,
                challenge.competence,
                question.skill,
                result,
                "",
                40.0,
                T0,
                certification_id=record.id,
            )
        )
    done = finish(record, T0, CertificationEnd.COMPLETED, 40.0 * len(given))
    result = score(done, given)
    marks = [c.mark for c in result.competences]
    return Sitting(
        certifiable=True,
        kept=marks.count(Mark.KEPT),
        minus_one=marks.count(Mark.MINUS_ONE),
        uncertified=marks.count(Mark.UNCERTIFIED),
        rejected=result.rejected,
        rate=result.rate,
        questions=len(record.questions),
        over_placed=sum(
            1
            for c in result.competences
            if views[c.competence].level > learners[c.competence].true_level
        ),
    )


@dataclass(frozen=True, slots=True)
class Row:
    engine: str
    condition: str
    learners: int
    certifiable: float
    kept: float
    minus_one: float
    uncertified: float
    rejected: float
    mean_rate: float
    mean_questions: float
    over_placed: float


def summarise(engine: str, condition: str, sittings: Sequence[Sitting]) -> Row:
    sat = [s for s in sittings if s.certifiable]
    competences = sum(s.kept + s.minus_one + s.uncertified for s in sat) or 1
    n = len(sat) or 1
    return Row(
        engine=engine,
        condition=condition,
        learners=len(sittings),
        certifiable=len(sat) / (len(sittings) or 1),
        kept=sum(s.kept for s in sat) / competences,
        minus_one=sum(s.minus_one for s in sat) / competences,
        uncertified=sum(s.uncertified for s in sat) / competences,
        rejected=sum(s.rejected for s in sat) / n,
        mean_rate=statistics.fmean(s.rate for s in sat) if sat else 0.0,
        mean_questions=statistics.fmean(s.questions for s in sat) if sat else 0.0,
        over_placed=sum(s.over_placed for s in sat) / competences,
    )


_BANK: Bank | None = None


def _init_worker(bank_dir: str) -> None:
    global _BANK
    from pix_tui.core.loader import load_bank

    _BANK = load_bank(Path(bank_dir)).bank


def _run(task: tuple[str, str, int, int]) -> Sitting:
    engine, condition, index, seed = task
    assert _BANK is not None
    return sit(engine, _BANK, condition, index, seed)


def run_grid(
    engines: Sequence[str],
    conditions: Sequence[str],
    learners: int,
    *,
    seed: int = 1,
    bank_dir: str = str(DEFAULT_BANK),
    workers: int = 1,
) -> list[Row]:
    tasks = [
        (engine, condition, index, seed)
        for engine in engines
        for condition in conditions
        for index in range(learners)
    ]
    if workers > 1:
        with Pool(workers, initializer=_init_worker, initargs=(bank_dir,)) as pool:
            sittings = pool.map(_run, tasks, chunksize=4)
    else:
        _init_worker(bank_dir)
        sittings = [_run(task) for task in tasks]
    grouped: dict[tuple[str, str], list[Sitting]] = {}
    for task, sitting in zip(tasks, sittings, strict=True):
        grouped.setdefault((task[0], task[1]), []).append(sitting)
    return [
        summarise(engine, condition, grouped[engine, condition]) for engine, condition in grouped
    ]


def table(rows: Sequence[Row]) -> str:
    header = (
        f"{'engine':<13} {'condition':<10} {'n':>4} {'certif.':>7} {'kept':>6} {'−1':>6} "
        f"{'uncert.':>7} {'over':>6} {'reject':>6} {'rate':>5} {'q':>5}"
    )
    lines = [header, "-" * len(header)]
    order = list(CONDITIONS)
    for row in sorted(rows, key=lambda r: (order.index(r.condition), r.engine)):
        lines.append(
            f"{row.engine:<13} {row.condition:<10} {row.learners:>4} {row.certifiable:>7.1%} "
            f"{row.kept:>6.1%} {row.minus_one:>6.1%} {row.uncertified:>7.1%} "
            f"{row.over_placed:>6.1%} {row.rejected:>6.1%} {row.mean_rate:>5.1f} "
            f"{row.mean_questions:>5.1f}"
        )
    return "\n".join(lines)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100, help="learners per cell")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bank", metavar="DIR", default=str(DEFAULT_BANK))
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    parser.add_argument(
        "--conditions", nargs="+", default=list(CONDITIONS), choices=list(CONDITIONS)
    )
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--json", action="store_true", help="print rows as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] = print) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    rows = run_grid(
        args.engines,
        args.conditions,
        args.learners,
        seed=args.seed,
        bank_dir=args.bank,
        workers=args.workers,
    )
    out(json.dumps([asdict(row) for row in rows], indent=2) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
