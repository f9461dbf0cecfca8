"""Time to record one answer (durably: fsync, atomic rename) with a profile already holding
100, 1,000 and 5,000 answers; target ≤ 15 ms median at 5,000.

Rows:
- `pix-tui store`: the real store, answers in chunk files. One answer rewrites only the
  current chunk, so its cost depends on how full that chunk is, not on the history; the
  default sample count spans a whole chunk so the median is not flattered by a fresh one.
- `tinydb one file`: TinyDB's default JSONStorage (rewrites in place, not crash-safe).
- `atomic one file`: the store's atomic storage with every answer in one file.
The last two are the designs the store avoids; they are measured for comparison.
Also reported: the time to open a profile of that size (lock, read, check every record).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Result
from pix_tui.store import create_profile, open_profile
from pix_tui.store.atomic_storage import AtomicJSONStorage
from pix_tui.store.layout import ANSWERS_PER_CHUNK
from pix_tui.store.records import answer_to_doc

TARGET_MS = 15.0
SIZES = (100, 1_000, 5_000)
START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def answer(i: int) -> AnswerRecord:
    """A plausible answer: ids, skill, a typed answer, a positioning."""
    return AnswerRecord(
        challenge_id=f"1.{i % 3 + 1}-sujet-{i % 5}-niveau-{i % 6 + 1}-v{i % 4}",
        competence=f"1.{i % 3 + 1}",
        skill=f"@sujet{i % 5}{i % 6 + 1}",
        result=(Result.OK, Result.KO, Result.SKIPPED)[i % 3],
        given=f"une réponse tapée numéro {i}",
        duration_s=12.5 + i % 40,
        at=START + timedelta(seconds=30 * i),
        positioning_id=f"pos-{i // 20:05d}",
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def bench_store(folder: Path, sizes: tuple[int, ...], samples: int) -> list[dict[str, float]]:
    create_profile(folder, "Banc d'essai")
    store = open_profile(folder, "Banc d'essai")
    rows, count = [], 0
    for size in sizes:
        while count < size:
            store.record_answer(answer(count))
            count += 1
        store.close()
        start = time.perf_counter()
        store = open_profile(folder, "Banc d'essai")
        open_ms = (time.perf_counter() - start) * 1000
        times = []
        for _ in range(samples):
            times.append(timed(partial(store.record_answer, answer(count))))
            count += 1
        rows.append(_row("pix-tui store", size, times, open_ms))
    store.close()
    return rows


def bench_one_file(
    label: str,
    make_db: Callable[[Path], TinyDB],
    folder: Path,
    sizes: tuple[int, ...],
    samples: int,
) -> list[dict[str, float]]:
    rows = []
    for size in sizes:
        path = folder / f"{label.replace(' ', '-')}-{size}.json"
        db = make_db(path)
        db.table("answers").insert_multiple(answer_to_doc(answer(i)) for i in range(size))
        db.close()
        start = time.perf_counter()
        db = make_db(path)
        table = db.table("answers")
        len(table)
        open_ms = (time.perf_counter() - start) * 1000
        times = [timed(partial(table.insert, answer_to_doc(answer(i)))) for i in range(samples)]
        db.close()
        rows.append(_row(label, size, times, open_ms))
    return rows


def _row(label: str, size: int, times: list[float], open_ms: float) -> dict[str, float]:
    return {
        "store": label,
        "answers": size,
        "samples": len(times),
        "median_ms": statistics.median(times),
        "p90_ms": percentile(times, 0.9),
        "open_ms": open_ms,
    }


def measure(sizes: tuple[int, ...], samples: int, baseline_samples: int) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="pix-store-bench-") as temp:
        root = Path(temp)
        rows = bench_store(root / "data", sizes, samples)
        if baseline_samples:
            rows += bench_one_file(
                "tinydb one file", lambda p: TinyDB(p, storage=JSONStorage), root, sizes,
                baseline_samples,
            )  # fmt: skip
            rows += bench_one_file(
                "atomic one file", lambda p: TinyDB(p, storage=AtomicJSONStorage), root, sizes,
                baseline_samples,
            )  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--samples", type=int, default=ANSWERS_PER_CHUNK)
    parser.add_argument("--baseline-samples", type=int, default=50, help="0 skips the baselines")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = measure(tuple(args.sizes), args.samples, args.baseline_samples)
    if args.json:
        print(json.dumps({"target_median_ms": TARGET_MS, "rows": rows}))
        return
    print("record one answer (fsync + atomic rename), milliseconds")
    print(f"{'store':<17}{'answers':>8}{'samples':>8}{'median':>8}{'p90':>8}{'open':>8}  target")
    for row in rows:
        mark = ""
        if row["store"] == "pix-tui store":
            mark = (
                "ok"
                if row["median_ms"] <= TARGET_MS
                else f"MISSED by {row['median_ms'] - TARGET_MS:.1f}"
            )
        print(
            f"{row['store']:<17}{row['answers']:>8}{row['samples']:>8}{row['median_ms']:>8.2f}"
            f"{row['p90_ms']:>8.2f}{row['open_ms']:>8.1f}  {mark}"
        )


if __name__ == "__main__":
    main()
