"""A class folder read by the teacher: class view, CSV export and challenge analysis.

    .venv/bin/python benchmarks/class_report.py                 # 35 and 300 learners × 2,000
    .venv/bin/python benchmarks/class_report.py --learners 35 --answers 200 --json

Targets (issue 10): 35 learners with 2,000 answers each: the class view opens in ≤ 1 s, the
export and the analysis run in ≤ 2 s; 300 learners in ≤ 5 s each.

The class is written straight to disk in the store's format (a profile folder per learner,
answers in chunk files of 500). Each learner's positionings on the 16 competences are played
by the real engine on the shipped bank for one of eight archetypes (weak to strong); the rest
of the 2,000 answers are practice on random challenges, with typed answers for free-answer
challenges. The shipped bank is loaded once beforehand (not timed: the app loads it anyway).

Columns, each timed from a new reader (only the cache file carries over):
- `first look`: the class view with no cache yet, on profiles as the learners' app leaves
  them: each with its standing file (the levels it derived, with the signature of the files
  they come from, `store/standing_file.py`), read instead of replaying the positionings;
- `no standing`: the same first look on profiles without a standing file (written by an
  older version, or whose last change the app had no time to derive): every profile is read
  whole and derived (the engine replays every positioning);
- `class view`: the same on the next opening, each learner's levels taken from the cache
  kept in the user cache folder (a profile whose files changed is derived again);
- `refresh, one changed`: the same reader again after one learner answered once more;
- `export csv`: the class view's work plus the CSV text (the file write included);
- `analysis`: the class view's work plus the analysis of every challenge.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pix_tui.classroom import Classroom
from pix_tui.core.class_export import ExportContext, export_csv
from pix_tui.core.class_report import class_totals
from pix_tui.core.engine import create_engine
from pix_tui.core.history import (
    AnswerRecord,
    PositioningKind,
    PositioningRecord,
    PositioningState,
)
from pix_tui.core.loader import default_bank_path, load_bank
from pix_tui.core.model import Bank, ChallengeType, Result
from pix_tui.core.profile import derive_profile
from pix_tui.core.referential import referential
from pix_tui.core.rules import DEFAULT_RULES
from pix_tui.i18n import Translator
from pix_tui.store import layout
from pix_tui.store.atomic_storage import encode_tables
from pix_tui.store.class_folder import ClassReader, last_activity
from pix_tui.store.paths import ensure_private_dir, profile_folder
from pix_tui.store.records import answer_to_doc, positioning_to_doc
from pix_tui.store.signature import folder_signature
from pix_tui.store.standing_cache import Cached, context_of
from pix_tui.store.standing_file import write_standing

TARGETS = {35: (1.0, 2.0), 300: (5.0, 5.0)}
"""learners → (class view s, export and analysis s)."""
START = datetime(2026, 9, 7, 8, 0, tzinfo=UTC)
ARCHETYPES = 8
NOW = START + timedelta(days=120)


def archetype_records(
    bank: Bank, ability: int, seed: int
) -> tuple[list[PositioningRecord], list[AnswerRecord]]:
    """Positionings on every competence, played by the engine for a learner of this ability."""
    rng = random.Random(seed)
    positionings, answers = [], []
    moment = START
    for code in referential().codes():
        if not bank.of_competence(code):
            continue
        pid = f"pos-{code}-{seed}"
        engine = create_engine("default", bank, code, seed=seed)
        started = moment
        while (challenge := engine.next_challenge()) is not None:
            right = rng.random() < (0.9 if challenge.level <= ability else 0.15)
            result = Result.OK if right else Result.KO
            engine.record(challenge.id, result)
            moment += timedelta(seconds=40)
            answers.append(
                AnswerRecord(
                    challenge.id, code, challenge.skill.name, result, "réponse", 40.0, moment, pid
                )
            )
        positionings.append(
            PositioningRecord(
                pid,
                code,
                "default",
                PositioningKind.FIRST,
                PositioningState.FINISHED,
                started,
                moment + timedelta(seconds=1),
                seed,
            )
        )
        moment += timedelta(hours=2)
    return positionings, answers


def practice(bank: Bank, count: int, after: datetime, rng: random.Random) -> list[AnswerRecord]:
    challenges = bank.challenges
    records = []
    moment = after
    for _ in range(count):
        challenge = rng.choice(challenges)
        result = rng.choice((Result.OK, Result.OK, Result.KO, Result.SKIPPED))
        given = "réponse"
        if challenge.type is ChallengeType.QROC and result is Result.KO:
            given = rng.choice(("DHCP", "dhcp", "le routeur", "je sais pas"))
        moment += timedelta(minutes=3)
        records.append(
            AnswerRecord(
                challenge.id,
                challenge.competence,
                challenge.skill.name,
                result,
                given,
                30.0,
                moment,
            )
        )
    return records


def write_profile(
    data_dir: Path,
    name: str,
    positionings: list[PositioningRecord],
    answers: list[AnswerRecord],
) -> None:
    folder = profile_folder(data_dir, name)
    ensure_private_dir(folder)
    main = layout.new_main_tables(name, START, None)
    main[layout.POSITIONINGS_TABLE] = {
        str(i): positioning_to_doc(p) for i, p in enumerate(positionings, 1)
    }
    (folder / layout.MAIN_FILE).write_bytes(encode_tables(main, indent=layout.MAIN_INDENT))
    per = layout.ANSWERS_PER_CHUNK
    for number, at in enumerate(range(0, len(answers), per), 1):
        chunk = answers[at : at + per]
        tables = {layout.ANSWERS_TABLE: {str(i): answer_to_doc(a) for i, a in enumerate(chunk, 1)}}
        layout.chunk_path(folder, number).write_bytes(encode_tables(tables))


def write_class(data_dir: Path, bank: Bank, learners: int, answers: int) -> None:
    archetypes = [archetype_records(bank, 1 + n % 6, n) for n in range(ARCHETYPES)]
    rng = random.Random(7)
    for n in range(learners):
        positionings, played = archetypes[n % ARCHETYPES]
        extra = practice(bank, max(0, answers - len(played)), played[-1].at, rng)
        write_profile(data_dir, f"Élève {n + 1:03d}", positionings, [*played, *extra][:answers])


def write_standings(data_dir: Path, bank: Bank) -> None:
    """What the learner's app leaves after deriving its profile (`App.refresh_profile`)."""
    context = context_of(bank, DEFAULT_RULES)
    for profile in ClassReader(data_dir).read().profiles:
        answers = profile.answers()
        view = derive_profile(
            bank, profile.positionings, answers, profile.resets, NOW, DEFAULT_RULES
        )
        moment = last_activity(profile)
        cached = Cached.of(view, moment, profile.certifications, answers, DEFAULT_RULES)
        write_standing(profile.folder, folder_signature(profile.folder), context, cached)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(bank: Bank, learners: int, answers: int) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory(prefix="pix-class-") as tmp:
        data_dir, cache_dir = Path(tmp) / "classe", Path(tmp) / "cache"
        write_class(data_dir, bank, learners, answers)
        tr = Translator("fr")
        codes = referential().codes()

        def room(cache: Path = cache_dir) -> Classroom:
            return Classroom(data_dir, bank, DEFAULT_RULES, lambda: NOW, cache)

        def view(cache: Path = cache_dir) -> None:
            data = room(cache).read()
            class_totals(data.rows, codes, DEFAULT_RULES.max_level)

        def export() -> None:
            data = room().read()
            text = export_csv(data.rows, ExportContext("classe", "", "fr"), tr)
            (Path(tmp) / "export.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

        def analysis() -> None:
            opened = room()
            opened.analysis(opened.read())

        derived = timed(lambda: view(Path(tmp) / "cache-without-standings"))
        write_standings(data_dir, bank)
        cold = timed(view)
        warm = timed(view)
        live = room()
        first = live.read().profiles[0]
        again = [*first.answers(), first.answers()[-1]]
        write_profile(data_dir, first.name, list(first.positionings), again)
        return {
            "learners": learners,
            "answers": answers,
            "class_view_cold_s": cold,
            "class_view_no_standing_s": derived,
            "class_view_s": warm,
            "refresh_one_changed_s": timed(live.read),
            "export_s": timed(export),
            "analysis_s": timed(analysis),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, nargs="*", default=[35, 300])
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    bank = load_bank(default_bank_path()).bank
    results = [measure(bank, n, args.answers) for n in args.learners]
    if args.json:
        print(json.dumps({"results": results, "targets_s": TARGETS}, indent=2))
        return 0
    head = (
        f"{'learners':>8} {'answers':>8} {'first look':>11} {'no standing':>12}"
        f" {'class view':>11} {'refresh':>8}"
        f" {'export':>8} {'analysis':>9}  target (view / export, analysis)"
    )
    print(head)
    print("─" * len(head))
    for r in results:
        view_target, other_target = TARGETS.get(int(r["learners"]), (None, None))
        target = f"≤ {view_target:g} s / ≤ {other_target:g} s" if view_target else ""
        print(
            f"{r['learners']:>8} {r['answers']:>8} {r['class_view_cold_s']:>10.2f}s"
            f" {r['class_view_no_standing_s']:>11.2f}s"
            f" {r['class_view_s']:>10.2f}s"
            f" {r['refresh_one_changed_s']:>7.2f}s {r['export_s']:>7.2f}s"
            f" {r['analysis_s']:>8.2f}s  {target}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
