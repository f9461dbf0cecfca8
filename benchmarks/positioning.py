"""Simulated learners answer positionings; how often does each engine find their real level?

    .venv/bin/python benchmarks/positioning.py                  # full grid, synthetic bank
    .venv/bin/python benchmarks/positioning.py --learners 200 --json
    .venv/bin/python benchmarks/positioning.py --bank challenges  # the shipped bank's structure

Every learner is drawn from fixed seeds, so two runs print the same table, and every engine
meets the same learners. docs/engine.md describes the learners, the conditions and the metrics.
"""

from __future__ import annotations

import argparse
import enum
import json
import math
import os
import random
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from multiprocessing import Pool
from pathlib import Path

from pix_tui.core.engine import Engine, EngineKind, create_engine
from pix_tui.core.engine.bayes import DEFAULT_SETTINGS
from pix_tui.core.engine.linear import LinearEngine
from pix_tui.core.engine.response_model import guess_probability, logistic, p_right
from pix_tui.core.model import Bank, Challenge, ChallengeType, Proposal, Result
from pix_tui.core.rules import DEFAULT_RULES
from pix_tui.core.scoring import competence_level

SLOPE = 2 * math.log(9)
"""A learner in the middle of a level knows its skills 9 times in 10, the next level's 1 in 10."""
SYNTHETIC_COMPETENCE = "1.1"
SYNTHETIC_TOPICS = ("topic-a", "topic-b", "topic-c", "topic-d")
ENGINES = ("default", "smart-random", "linear-6", "linear-12", "linear-18")
CHUNK = 100


class Condition(enum.StrEnum):
    CLEAN = "clean"
    STANDARD = "standard"
    NOISY = "noisy"
    FIRST_SLIP = "first-slip"
    UNEVEN = "uneven"


@dataclass(frozen=True, slots=True)
class World:
    """How far the bank's declared levels and the learner's profile are from the ideal."""

    difficulty_sd: float = 0.3
    shifted_share: float = 0.0
    first_wrong: bool = False
    topic_sd: float = 0.0


WORLDS = {
    Condition.CLEAN: World(difficulty_sd=0.0),
    Condition.STANDARD: World(),
    Condition.NOISY: World(difficulty_sd=0.5, shifted_share=0.1),
    Condition.FIRST_SLIP: World(first_wrong=True),
    Condition.UNEVEN: World(topic_sd=0.5),
}


def synthetic_bank() -> Bank:
    """One competence, 4 topics x 6 levels x 2 variants, with the answer types mixed."""
    challenges = []
    shapes = [
        (ChallengeType.QCU, 3),
        (ChallengeType.QROC, 0),
        (ChallengeType.QCU, 4),
        (ChallengeType.QCM, 4),
        (ChallengeType.QROCM, 0),
    ]
    index = 0
    for topic in SYNTHETIC_TOPICS:
        for level in range(1, 7):
            for variant in "ab":
                kind, proposals = shapes[index % len(shapes)]
                challenges.append(
                    Challenge(
                        id=f"{topic}-{level}{variant}",
                        competence=SYNTHETIC_COMPETENCE,
                        topic=topic,
                        level=level,
                        type=kind,
                        statement="…",
                        path=Path(f"synthetic/{topic}-{level}{variant}.md"),
                        proposals=tuple(Proposal(f"p{i}", i == 0, i) for i in range(proposals)),
                        time_limit=60 if index % 7 == 3 else None,
                    )
                )
                index += 1
    return Bank(Path("synthetic"), tuple(challenges))


@dataclass(frozen=True, slots=True)
class Outcome:
    true_level: int
    placed: int
    questions: int


@dataclass(frozen=True, slots=True)
class Learner:
    abilities: dict[str, float]
    difficulties: dict[str, float]
    true_level: int


def draw_learner(bank: Bank, competence: str, world: World, rng: random.Random) -> Learner:
    """Level uniform on 0-6, ability in the middle of it, then the world's distortions."""
    drawn = rng.randint(0, DEFAULT_RULES.max_level)
    abilities = {
        topic: drawn + 0.5 + (rng.gauss(0.0, world.topic_sd) if world.topic_sd else 0.0)
        for topic in bank.topics(competence)
    }
    difficulties = {}
    for challenge in sorted(bank.of_competence(competence), key=lambda c: c.id):
        offset = rng.gauss(0.0, world.difficulty_sd) if world.difficulty_sd else 0.0
        if world.shifted_share and rng.random() < world.shifted_share:
            offset += rng.choice((-1.0, 1.0))
        difficulties[challenge.id] = challenge.level + offset
    mastered = [s for s in bank.skills(competence) if abilities[s.topic] >= s.level]
    return Learner(abilities, difficulties, competence_level(bank, competence, mastered))


def answers_right(
    learner: Learner, challenge: Challenge, rng: random.Random, *, forced_wrong: bool
) -> bool:
    know = logistic(
        SLOPE * (learner.abilities[challenge.topic] - learner.difficulties[challenge.id])
    )
    right = rng.random() < p_right(know, guess_probability(challenge))
    return right and not forced_wrong


def make_engine(name: str, bank: Bank, competence: str, seed: int) -> Engine:
    if name.startswith("linear-"):
        return LinearEngine(
            bank,
            competence,
            length=int(name.removeprefix("linear-")),
            seed=seed,
            known={},
            rules=DEFAULT_RULES,
            settings=DEFAULT_SETTINGS,
        )
    return create_engine(EngineKind(name), bank, competence, seed=seed)


def simulate(
    engine_name: str, bank: Bank, competence: str, condition: Condition, index: int, seed: int
) -> Outcome:
    world = WORLDS[condition]
    learner = draw_learner(bank, competence, world, random.Random(f"{seed}:{condition}:{index}"))
    answer_rng = random.Random(f"{seed}:{condition}:{index}:answers")
    engine = make_engine(engine_name, bank, competence, seed=index)
    answered = 0
    while (challenge := engine.next_challenge()) is not None:
        forced = world.first_wrong and answered == 0
        right = answers_right(learner, challenge, answer_rng, forced_wrong=forced)
        engine.record(challenge.id, Result.OK if right else Result.KO)
        answered += 1
    return Outcome(learner.true_level, engine.estimate().level, answered)


@dataclass(frozen=True, slots=True)
class Row:
    engine: str
    condition: str
    learners: int
    exact: float
    within_one: float
    mae: float
    over: float
    under: float
    level_one_agreement: float
    mean_questions: float
    p90_questions: float


def summarise(engine: str, condition: str, outcomes: Sequence[Outcome]) -> Row:
    n = len(outcomes)
    errors = [o.placed - o.true_level for o in outcomes]
    questions = sorted(o.questions for o in outcomes)
    return Row(
        engine=engine,
        condition=condition,
        learners=n,
        exact=sum(e == 0 for e in errors) / n,
        within_one=sum(abs(e) <= 1 for e in errors) / n,
        mae=sum(abs(e) for e in errors) / n,
        over=sum(e > 0 for e in errors) / n,
        under=sum(e < 0 for e in errors) / n,
        level_one_agreement=sum((o.placed >= 1) == (o.true_level >= 1) for o in outcomes) / n,
        mean_questions=statistics.fmean(questions),
        p90_questions=float(questions[min(n - 1, math.ceil(0.9 * n) - 1)]),
    )


_BANK: Bank | None = None
_COMPETENCES: tuple[str, ...] = ()


def _init_worker(bank_dir: str | None) -> None:
    global _BANK, _COMPETENCES
    _BANK, _COMPETENCES = load(bank_dir)


def load(bank_dir: str | None) -> tuple[Bank, tuple[str, ...]]:
    if bank_dir is None:
        return synthetic_bank(), (SYNTHETIC_COMPETENCE,)
    from pix_tui.core.loader import load_bank

    bank = load_bank(Path(bank_dir)).bank
    return bank, bank.competences()


def _run_chunk(task: tuple[str, str, int, int, int]) -> list[Outcome]:
    engine, condition, start, stop, seed = task
    assert _BANK is not None
    return [
        simulate(
            engine,
            _BANK,
            _COMPETENCES[i % len(_COMPETENCES)],
            Condition(condition),
            i,
            seed,
        )
        for i in range(start, stop)
    ]


def run_grid(
    engines: Sequence[str],
    conditions: Sequence[str],
    learners: int,
    *,
    seed: int = 1,
    bank_dir: str | None = None,
    workers: int = 1,
) -> list[Row]:
    tasks = [
        (engine, condition, start, min(learners, start + CHUNK), seed)
        for engine in engines
        for condition in conditions
        for start in range(0, learners, CHUNK)
    ]
    if workers > 1:
        with Pool(workers, initializer=_init_worker, initargs=(bank_dir,)) as pool:
            chunks = pool.map(_run_chunk, tasks, chunksize=1)
    else:
        _init_worker(bank_dir)
        chunks = [_run_chunk(task) for task in tasks]
    grouped: dict[tuple[str, str], list[Outcome]] = {}
    for task, outcomes in zip(tasks, chunks, strict=True):
        grouped.setdefault((task[0], task[1]), []).extend(outcomes)
    return [
        summarise(engine, condition, grouped[engine, condition]) for engine, condition in grouped
    ]


def table(rows: Sequence[Row]) -> str:
    header = (
        f"{'engine':<13} {'condition':<10} {'n':>5} {'exact':>6} {'±1':>6} {'mae':>5} "
        f"{'over':>5} {'under':>5} {'≥1 ok':>6} {'q mean':>6} {'q p90':>5}"
    )
    lines = [header, "-" * len(header)]
    for row in sorted(
        rows, key=lambda r: (list(Condition).index(Condition(r.condition)), r.engine)
    ):
        lines.append(
            f"{row.engine:<13} {row.condition:<10} {row.learners:>5} {row.exact:>6.1%} "
            f"{row.within_one:>6.1%} {row.mae:>5.2f} {row.over:>5.1%} {row.under:>5.1%} "
            f"{row.level_one_agreement:>6.1%} {row.mean_questions:>6.1f} {row.p90_questions:>5.0f}"
        )
    return "\n".join(lines)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=2000, help="learners per cell")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--bank", metavar="DIR", help="a challenge folder instead of the synthetic bank"
    )
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    parser.add_argument(
        "--conditions",
        nargs="+",
        default=[c.value for c in Condition],
        choices=[c.value for c in Condition],
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
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
