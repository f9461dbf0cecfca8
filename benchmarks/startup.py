"""Start-up: whole-process time from launch to the first painted home screen.

Each run is a fresh process in a pseudo-terminal (80×24, xterm-256color), timed from spawn
to exit. pix-tui exits on its own once home has painted (PIX_TUI_EXIT_AFTER_HOME): `first`
is the first paint of home (the profile is open, the bank may still be loading in its
worker), `ready` is the first paint with the bank loaded and every level shown. The baseline
is a bare Textual app (Header + Static + Footer) that exits after its first paint, measured
in the same run, so the ratios hold on any machine.

Targets: home first paint ≤ 1.3× the bare app with the shipped bank, ≤ 1.5× with a
10,000-challenge bank.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"shipped": 1.3, "10k": 1.5}
TIMEOUT_S = 120.0
PROFILE = "Bench"

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static


class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)


Bare().run()
"""


def run_in_pty(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn to exit, reading everything the process writes."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    deadline = start + TIMEOUT_S
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            if not os.read(fd, 65536):
                break
        except OSError:  # the child closed the terminal: it has exited
            break
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(fd)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {status}")
    return elapsed


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIX_TUI")}
    env.pop("SSH_CONNECTION", None)
    env.update({"TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24", "LANG": "fr_FR.UTF-8"})
    env.update(extra)
    return env


def _prepare(work: Path, synthetic: int) -> dict[str, Path]:
    from pix_tui.core.loader import default_bank_path
    from pix_tui.store import create_profile

    data = work / "data"
    create_profile(data, PROFILE)
    banks = {"shipped": default_bank_path()}
    if synthetic:
        try:
            from benchmarks.bank_load import make_synthetic_bank
        except ImportError:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from bank_load import make_synthetic_bank  # type: ignore[no-redef]
        banks["10k"] = make_synthetic_bank(work / "bank10k", synthetic)
    (work / "bare.py").write_text(BARE_APP, encoding="utf-8")
    return {"data": data, **banks}


def _app_argv(paths: dict[str, Path], bank: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pix_tui",
        "--data-dir",
        str(paths["data"]),
        "--profile",
        PROFILE,
        "--challenges",
        str(paths[bank]),
        "--no-low-bandwidth",
    ]


def measure(runs: int, synthetic: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="pix-startup-") as tmp:
        work = Path(tmp)
        paths = _prepare(work, synthetic)
        cache = work / "cache"
        cases: list[tuple[str, str, list[str], dict[str, str]]] = [
            ("bare Textual app", "", [sys.executable, str(work / "bare.py")], {})
        ]
        for bank in [b for b in ("shipped", "10k") if b in paths]:
            for moment in ("first", "ready"):
                env = {"PIX_TUI_EXIT_AFTER_HOME": moment, "PIX_TUI_CACHE": str(cache / bank)}
                cases.append(
                    (f"home {moment} paint, {bank} bank", bank, _app_argv(paths, bank), env)
                )
        for name, bank, argv, extra in cases:
            env = _env(extra)
            run_in_pty(argv, env)  # warm-up: file caches, bytecode, the bank's parse cache
            times = [run_in_pty(argv, env) for _ in range(runs)]
            rows.append({"case": name, "bank": bank, "median_s": statistics.median(times),
                         "min_s": min(times), "max_s": max(times), "runs": runs})  # fmt: skip
    bare = float(rows[0]["median_s"])  # type: ignore[arg-type]
    for row in rows:
        row["ratio"] = float(row["median_s"]) / bare  # type: ignore[arg-type]
        target = TARGETS.get(str(row["bank"])) if "first" in str(row["case"]) else None
        row["target"] = target
        row["met"] = None if target is None else row["ratio"] <= target
    return rows


def table(rows: list[dict[str, object]]) -> str:
    head = f"{'case':<32}{'median':>9}{'min':>9}{'max':>9}{'ratio':>8}{'target':>9}"
    lines = [head, "─" * len(head)]
    for row in rows:
        target = row["target"]
        verdict = "" if target is None else f"≤{target:.1f} {'ok' if row['met'] else 'MISS'}"
        lines.append(
            f"{row['case']:<32}{row['median_s']:>8.3f}s{row['min_s']:>8.3f}s"
            f"{row['max_s']:>8.3f}s{row['ratio']:>7.2f}×{verdict:>9}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per case (median)")
    parser.add_argument(
        "--synthetic", type=int, default=10_000, help="challenges in the generated bank (0: skip)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    rows = measure(args.runs, args.synthetic)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(table(rows))


if __name__ == "__main__":
    main()
