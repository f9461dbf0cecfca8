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
from dataclasses import asdict, dataclass, replace
from multiprocessing import Pool
from pathlib import Path

from pix_tui.core.engine import Engine, EngineKind, create_engine
from pix_tui.core.engine.bayes import DEFAULT_SETTINGS, BayesEngine, BayesSettings
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
    CONTINUOUS = "continuous"
    TOPICS = "topics"
    STREAK = "streak"
    LUCKY = "lucky"
    SKIPPER = "skipper"
    TIMEOUT = "timeout"
    SLIP = "slip"
    MIXED = "mixed"


OLD_CONDITIONS = tuple(Condition)[:5]
"""Whole-level learners, for comparison with earlier runs (docs/engine.md)."""
NEW_CONDITIONS = tuple(Condition)[5:]
"""Learners of continuous ability, truth from the skills they master (`Behaviour`)."""
FAST_LEARNERS = 120


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


@dataclass(frozen=True, slots=True)
class Behaviour:
    """How a learner of the new conditions is drawn: every number is a share or a spread.

    Ability is continuous (uniform over 0 … max level + 1), so it sits anywhere in a band; a
    skill's real difficulty is its declared level plus an error shared by its variants, and
    each variant adds its own. The truth is the platform's level of the skills whose real
    difficulty the learner's topic ability reaches (`competence_level`).
    """

    topic_sd: float = 0.0
    """Spread of each topic's ability around the learner's own."""
    streak: float = 0.0
    """Share of learners who answer 2-4 questions in a row wrong, anywhere in the first ten."""
    lucky: float = 0.0
    """Share of learners who, not knowing, are right far above chance (+15 to +35 points)."""
    skipper: float = 0.0
    """Share of learners who skip what they do not know instead of guessing."""
    timeout: tuple[float, float] = (0.0, 0.0)
    """Range of the chance, per learner, of running out of time on a timed challenge."""
    slip: tuple[float, float] = (0.10, 0.10)
    """Range of the chance, per learner, of a careless error on a known skill."""


SKILL_SD = 0.25
VARIANT_SD = 0.15
BEHAVIOURS = {
    Condition.CONTINUOUS: Behaviour(),
    Condition.TOPICS: Behaviour(topic_sd=0.8),
    Condition.STREAK: Behaviour(streak=1.0),
    Condition.LUCKY: Behaviour(lucky=1.0),
    Condition.SKIPPER: Behaviour(skipper=1.0),
    Condition.TIMEOUT: Behaviour(timeout=(0.4, 0.9)),
    Condition.SLIP: Behaviour(slip=(0.0, 0.3)),
    Condition.MIXED: Behaviour(
        topic_sd=0.5, streak=0.3, lucky=0.3, skipper=0.3, timeout=(0.0, 0.6), slip=(0.02, 0.2)
    ),
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
    slip: float = 0.10
    streak: frozenset[int] = frozenset()
    """Answers (0-based) forced wrong by a careless streak."""
    extra_guess: float = 0.0
    skips: bool = False
    timeout: float = 0.0


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


def draw_behaving_learner(
    bank: Bank, competence: str, behaviour: Behaviour, rng: random.Random
) -> Learner:
    """A learner of the new conditions (`Behaviour`), truth from the skills mastered."""
    top = DEFAULT_RULES.max_level
    ability = rng.uniform(0.0, top + 1.0)
    abilities = {
        topic: ability + (rng.gauss(0.0, behaviour.topic_sd) if behaviour.topic_sd else 0.0)
        for topic in bank.topics(competence)
    }
    skill_difficulty = {
        skill: skill.level + rng.gauss(0.0, SKILL_SD) for skill in sorted(bank.skills(competence))
    }
    difficulties = {
        challenge.id: skill_difficulty[challenge.skill] + rng.gauss(0.0, VARIANT_SD)
        for challenge in sorted(bank.of_competence(competence), key=lambda c: c.id)
    }
    mastered = [s for s, d in skill_difficulty.items() if abilities[s.topic] >= d]
    streak: frozenset[int] = frozenset()
    if rng.random() < behaviour.streak:
        start, length = rng.randint(0, 7), rng.randint(2, 4)
        streak = frozenset(range(start, min(10, start + length)))
    style = rng.random()
    lucky = style < behaviour.lucky
    skips = not lucky and style < behaviour.lucky + behaviour.skipper
    return Learner(
        abilities,
        difficulties,
        competence_level(bank, competence, mastered),
        slip=rng.uniform(*behaviour.slip),
        streak=streak,
        extra_guess=rng.uniform(0.15, 0.35) if lucky else 0.0,
        skips=skips,
        timeout=rng.uniform(*behaviour.timeout),
    )


def behaving_answer(
    learner: Learner, challenge: Challenge, rng: random.Random, position: int
) -> Result:
    """Knows the skill or not; then slips, guesses (luckily), skips, or runs out of time."""
    know = logistic(
        SLOPE * (learner.abilities[challenge.topic] - learner.difficulties[challenge.id])
    )
    knows = rng.random() < know
    if challenge.timed and rng.random() < learner.timeout:
        return Result.TIMED_OUT
    if position in learner.streak:
        return Result.KO
    if knows:
        return Result.KO if rng.random() < learner.slip else Result.OK
    if learner.skips:
        return Result.SKIPPED
    guess = min(0.9, guess_probability(challenge) + learner.extra_guess)
    return Result.OK if rng.random() < guess else Result.KO


def answers_right(
    learner: Learner, challenge: Challenge, rng: random.Random, *, forced_wrong: bool
) -> bool:
    know = logistic(
        SLOPE * (learner.abilities[challenge.topic] - learner.difficulties[challenge.id])
    )
    right = rng.random() < p_right(know, guess_probability(challenge))
    return right and not forced_wrong


def make_engine(
    name: str, bank: Bank, competence: str, seed: int, settings: BayesSettings = DEFAULT_SETTINGS
) -> Engine:
    if name == "default" and settings != DEFAULT_SETTINGS:
        return BayesEngine(
            bank, competence, seed=seed, known={}, rules=DEFAULT_RULES, settings=settings
        )
    if name.startswith("linear-"):
        return LinearEngine(
            bank,
            competence,
            length=int(name.removeprefix("linear-")),
            seed=seed,
            known={},
            rules=DEFAULT_RULES,
            settings=settings,
        )
    return create_engine(EngineKind(name), bank, competence, seed=seed)


def simulate(
    engine_name: str,
    bank: Bank,
    competence: str,
    condition: Condition,
    index: int,
    seed: int,
    settings: BayesSettings = DEFAULT_SETTINGS,
) -> Outcome:
    learner_rng = random.Random(f"{seed}:{condition}:{index}")
    answer_rng = random.Random(f"{seed}:{condition}:{index}:answers")
    engine = make_engine(engine_name, bank, competence, seed=index, settings=settings)
    answered = 0
    if condition in BEHAVIOURS:
        learner = draw_behaving_learner(bank, competence, BEHAVIOURS[condition], learner_rng)
        while (challenge := engine.next_challenge()) is not None:
            engine.record(challenge.id, behaving_answer(learner, challenge, answer_rng, answered))
            answered += 1
        return Outcome(learner.true_level, engine.estimate().level, answered)
    world = WORLDS[condition]
    learner = draw_learner(bank, competence, world, learner_rng)
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
_SETTINGS = DEFAULT_SETTINGS


def _init_worker(bank_dir: str | None, settings: BayesSettings = DEFAULT_SETTINGS) -> None:
    global _BANK, _COMPETENCES, _SETTINGS
    _BANK, _COMPETENCES = load(bank_dir)
    _SETTINGS = settings


def parse_settings(pairs: Sequence[str]) -> BayesSettings:
    """`name=value` overrides of the default engine's settings (tuples comma-separated)."""
    settings = DEFAULT_SETTINGS
    for pair in pairs:
        name, _, text = pair.partition("=")
        current = getattr(settings, name)
        if isinstance(current, tuple):
            value: object = tuple(float(part) for part in text.split(","))
        else:
            value = type(current)(text)
        settings = replace(settings, **{name: value})
    return settings


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
            _SETTINGS,
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
    settings: BayesSettings = DEFAULT_SETTINGS,
) -> list[Row]:
    tasks = [
        (engine, condition, start, min(learners, start + CHUNK), seed)
        for engine in engines
        for condition in conditions
        for start in range(0, learners, CHUNK)
    ]
    if workers > 1:
        with Pool(workers, initializer=_init_worker, initargs=(bank_dir, settings)) as pool:
            chunks = pool.map(_run_chunk, tasks, chunksize=1)
    else:
        _init_worker(bank_dir, settings)
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


def verdict(rows: Sequence[Row], engine: str = "default", baseline: str = "smart-random") -> str:
    """The targets of docs/engine.md, condition by condition, and the new conditions' mean."""
    by = {(row.engine, row.condition): row for row in rows}
    conditions = [c for c in Condition if (engine, c) in by and (baseline, c) in by]
    if not conditions:
        return ""
    header = (
        f"{'condition':<10} {'exact':>6} {baseline:>12} {'gap':>6} "
        f"{'over≤under':>10} {'q≤10':>5} {'p90≤16':>6}"
    )
    lines = [f"targets: {engine} against {baseline}", header, "-" * len(header)]
    gaps = []
    for condition in conditions:
        mine, theirs = by[engine, condition], by[baseline, condition]
        gap = mine.exact - theirs.exact
        if condition in NEW_CONDITIONS:
            gaps.append(gap)
        lines.append(
            f"{condition.value:<10} {mine.exact:>6.1%} {theirs.exact:>12.1%} {gap:>+6.1%} "
            f"{'yes' if mine.over <= mine.under else 'NO':>10} "
            f"{'yes' if mine.mean_questions <= 10 else 'NO':>5} "
            f"{'yes' if mine.p90_questions <= 16 else 'NO':>6}"
        )
    if gaps:
        mean = statistics.fmean(gaps)
        met = "met" if mean >= 0.08 else "missed"
        lines.append(f"new conditions: mean exact gap {mean:+.1%} (target +8.0 points: {met})")
    return "\n".join(lines)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=2000, help="learners per cell")
    parser.add_argument(
        "--fast",
        action="store_true",
        help=f"{FAST_LEARNERS} learners, default and smart-random only: for development",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--bank", metavar="DIR", help="a challenge folder instead of the synthetic bank"
    )
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    parser.add_argument(
        "--conditions",
        nargs="+",
        default=[c.value for c in Condition],
        choices=[c.value for c in Condition] + ["old", "new"],
        help="conditions, or 'old' / 'new' for either group",
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--setting",
        nargs="*",
        default=[],
        metavar="NAME=VALUE",
        help="override a default-engine setting (BayesSettings), to try a change",
    )
    parser.add_argument("--json", action="store_true", help="print rows as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] = print) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    groups = {"old": OLD_CONDITIONS, "new": NEW_CONDITIONS}
    conditions = list(
        dict.fromkeys(c for name in args.conditions for c in groups.get(name, (name,)))
    )
    engines, learners = args.engines, args.learners
    if args.fast:
        engines = [e for e in engines if e in ("default", "smart-random")]
        learners = FAST_LEARNERS
    rows = run_grid(
        engines,
        conditions,
        learners,
        seed=args.seed,
        bank_dir=args.bank,
        workers=args.workers,
        settings=parse_settings(args.setting),
    )
    if args.json:
        out(json.dumps([asdict(row) for row in rows], indent=2))
    else:
        out(table(rows))
        if summary := verdict(rows):
            out("\n" + summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
