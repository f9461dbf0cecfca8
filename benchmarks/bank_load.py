"""Bank load speed: cold (parse + validate), warm (from the parse cache), peak memory.

Generates a synthetic valid bank (10,000 challenges by default) in a temporary folder, then
loads it in fresh processes so that imports and caches of one run do not help the next.
Targets on a 2-core machine: cold ≤ 2 s, warm ≤ 0.3 s, peak ≤ 80 MiB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TYPES = ("qcu", "qcm", "qroc", "qrocm")
COMPETENCES = (
    "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1",
    "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "5.1", "5.2",
)  # fmt: skip
TARGETS = {"cold_s": 2.0, "warm_s": 0.3, "peak_mib": 80.0}


def _body(kind: str, n: int) -> tuple[str, str]:
    """Front-matter extras and statement of a plausible challenge of each type."""
    if kind == "qcu":
        return "shuffle: true\n", (
            f"Question {n} : quel format convient à un document à imprimer ?\n\n"
            "- [ ] Un fichier `.txt`\n- [x] Un fichier `.pdf`\n- [ ] Un fichier `.mp3`\n"
            "- [ ] Un fichier `.zip`\n"
        )
    if kind == "qcm":
        return "", (
            f"Question {n} : quels mots de passe sont robustes ?\n\n"
            "- [x] `cheval-agrafe-pile-17`\n- [ ] `azerty`\n- [x] `Tr0mp3tte!Velo`\n"
            "- [ ] `12345678`\n"
        )
    if kind == "qroc":
        return "tolerance: [t1, t2]\nanswers: [pdf, .pdf]\n", (
            f"Question {n} : quelle extension porte un document **PDF** ?\n"
        )
    return "mode: ind\ntolerance: t1\nanswers:\n  ville: [Paris]\n  pays: [France]\n", (
        f"Question {n} : la capitale {{{{ville}}}} est celle du pays {{{{pays}}}}.\n"
    )


def make_synthetic_bank(root: Path, n: int) -> Path:
    """A valid bank of n challenges spread over every competence, topic and level."""
    for i in range(n):
        competence = COMPETENCES[i % len(COMPETENCES)]
        kind = TYPES[(i // len(COMPETENCES)) % len(TYPES)]
        topic = f"sujet-{(i // 96) % 5}"
        level = (i // 16) % 6 + 1
        extras, statement = _body(kind, i)
        folder = root / f"{competence}-c" / topic
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"c{i:05d}.md").write_text(
            f'---\nid: c{i:05d}\ncompetence: "{competence}"\ntopic: {topic}\nlevel: {level}\n'
            f"type: {kind}\n{extras}---\n{statement}\n## Explication\n"
            "Le format PDF garde la mise en page ; les autres ne conviennent pas ici.\n\n"
            "## Pour aller plus loin\n- [Pix](https://pix.fr/)\n",
            encoding="utf-8",
        )
    return root


CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from pathlib import Path
from pix_tui.core.loader import load_bank
report = load_bank(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
n, errors = len(report.bank), len(report.errors)
print(json.dumps({"s": elapsed, "peak_mib": peak, "n": n, "errors": errors}))
"""


def _child(bank: Path, cache: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(bank), str(cache)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def measure(n: int, repeat: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="pix-bench-") as temp:
        bank = make_synthetic_bank(Path(temp) / "bank", n)
        old = time.time() - 60
        for path in bank.rglob("*.md"):
            os.utime(path, (old, old))
        colds, warms, peaks = [], [], []
        for run in range(repeat):
            cache = Path(temp) / f"cache-{run}"
            cold = _child(bank, cache)
            warm = _child(bank, cache)
            if cold["errors"] or cold["n"] != n or warm["n"] != n:
                raise SystemExit(f"the synthetic bank did not load cleanly: {cold} {warm}")
            colds.append(cold["s"])
            warms.append(warm["s"])
            peaks.extend([cold["peak_mib"], warm["peak_mib"]])
    return {
        "challenges": n,
        "cold_s": statistics.median(colds),
        "warm_s": statistics.median(warms),
        "peak_mib": max(peaks),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--challenges", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.challenges, args.repeat)
    if args.json:
        print(json.dumps({**result, "targets": TARGETS}))
        return
    print(f"bank load, {result['challenges']} challenges, median of {args.repeat} fresh processes")
    print(f"{'measure':<24}{'value':>10}{'target':>10}  ok")
    for key, label, unit in (
        ("cold_s", "cold load + validate", "s"),
        ("warm_s", "warm load (cache)", "s"),
        ("peak_mib", "peak memory", "MiB"),
    ):
        value, target = result[key], TARGETS[key]
        mark = "yes" if value <= target else "NO"
        print(f"{label:<24}{value:>9.2f}{unit[0]}{target:>9.2f}{unit[0]}  {mark}")


if __name__ == "__main__":
    main()
