"""Start-up: whole-process time from launch to the first painted home screen.

Each run is a fresh process in a pseudo-terminal (80×24, xterm-256color), timed from spawn
until the terminal has received the awaited screen (a text only that screen shows); the app
then exits on its own (PIX_TUI_EXIT_AFTER_HOME). `first` is the first paint of home (the
profile is open, levels still say "loading": the bank loads after that paint), `ready` is the
first paint with the bank loaded and every level shown. The parse cache is warm, as after a
first start. The baseline is a bare Textual app (Header + Static + Footer) measured in the
same run, so the ratios hold on any machine.

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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"shipped": 1.3, "10k": 1.5}
BARE_MARKER = b"Hello from a bare app"
HOME_MARKERS = {
    "first": "Évoluer dans un environnement numérique".encode(),  # the last row of home
    "ready": b"niv. 0",  # levels are shown once the bank is loaded and derived
}
TIMEOUT_S = 120.0
PROFILE = "Bench"

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static


class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello from a bare app")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)


Bare().run()
"""


def run_in_pty(argv: list[str], env: dict[str, str], marker: bytes) -> tuple[float, float]:
    """Seconds from spawn until the terminal has received `marker`, and until the process exit.

    The first is what a learner waits for; the second is the whole-process time the targets
    are set on (it includes Textual's shutdown, the same for the bare app).
    """
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    deadline = start + TIMEOUT_S
    seen: float | None = None
    output = b""
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal: it has exited
            break
        if not chunk:
            break
        output += chunk
        if seen is None and marker in output:
            seen = time.perf_counter() - start
    _, status = os.waitpid(pid, 0)
    exited = time.perf_counter() - start
    os.close(fd)
    if seen is None or os.waitstatus_to_exitcode(status) != 0:
        text = output[-4000:].decode("utf-8", "replace")
        raise RuntimeError(f"{' '.join(argv)} (status {status}) never showed {marker!r}:\n{text}")
    return seen, exited


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


def _warm_cache(bank: Path, cache: Path) -> None:
    """Fill the parse cache outside the app, as a first start (or `pix-tui check`) does."""
    from pix_tui.core.loader import load_bank

    load_bank(bank, cache_dir=cache)


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


def measure(runs: int, synthetic: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="pix-startup-") as tmp:
        work = Path(tmp)
        paths = _prepare(work, synthetic)
        cache = work / "cache"
        cases: list[tuple[str, str, list[str], dict[str, str], bytes]] = [
            ("bare Textual app", "", [sys.executable, str(work / "bare.py")], {}, BARE_MARKER)
        ]
        for bank in [b for b in ("shipped", "10k") if b in paths]:
            for moment in ("first", "ready"):
                env = {"PIX_TUI_EXIT_AFTER_HOME": moment, "PIX_TUI_CACHE": str(cache / bank)}
                name = f"home {moment} paint, {bank} bank"
                cases.append((name, bank, _app_argv(paths, bank), env, HOME_MARKERS[moment]))
        for bank in [b for b in ("shipped", "10k") if b in paths]:
            _warm_cache(paths[bank], cache / bank)
        envs = [_env(extra) for _, _, _, extra, _ in cases]
        for (_, _, argv, _, marker), env in zip(cases, envs, strict=True):
            run_in_pty(argv, env, marker)  # warm-up: file caches, bytecode
        # Round-robin, so that a busy moment on the machine weighs on every case alike.
        times: list[list[tuple[float, float]]] = [[] for _ in cases]
        for _ in range(runs):
            for n, ((_, _, argv, _, marker), env) in enumerate(zip(cases, envs, strict=True)):
                times[n].append(run_in_pty(argv, env, marker))
        for (name, bank_name, _, _, _), measured in zip(cases, times, strict=True):
            paint = [t[0] for t in measured]
            whole = [t[1] for t in measured]
            rows.append({"case": name, "bank": bank_name, "runs": runs,
                         "paint_s": statistics.median(paint), "exit_s": statistics.median(whole),
                         "exit_min_s": min(whole), "exit_max_s": max(whole)})  # fmt: skip
    bare_paint, bare_exit = float(rows[0]["paint_s"]), float(rows[0]["exit_s"])  # type: ignore[arg-type]
    for row in rows:
        row["paint_ratio"] = float(row["paint_s"]) / bare_paint  # type: ignore[arg-type]
        row["exit_ratio"] = float(row["exit_s"]) / bare_exit  # type: ignore[arg-type]
        target = TARGETS.get(str(row["bank"])) if "first" in str(row["case"]) else None
        row["target"] = target
        row["met"] = None if target is None else row["exit_ratio"] <= target
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        f"{'case':<32}{'to paint':>9}{'ratio':>7}{'to exit':>9}{'min':>8}{'max':>8}"
        f"{'ratio':>7}{'target':>11}"
    )
    lines = [head, "─" * len(head)]
    for row in rows:
        target = row["target"]
        verdict = "" if target is None else f"≤{target:.1f} {'ok' if row['met'] else 'MISS'}"
        lines.append(
            f"{row['case']:<32}{row['paint_s']:>8.3f}s{row['paint_ratio']:>6.2f}×"
            f"{row['exit_s']:>8.3f}s{row['exit_min_s']:>7.3f}s{row['exit_max_s']:>7.3f}s"
            f"{row['exit_ratio']:>6.2f}×{verdict:>11}"
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
