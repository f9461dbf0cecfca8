"""Bytes the app writes to an 80×24 terminal while a learner takes a positioning.

School labs reach pix-tui over SSH on slow, shared links, so what counts is the bytes on the
wire. This runs the real app in a pseudo-terminal (TERM=xterm-256color, COLORTERM unset as
over SSH), with a profile created beforehand in a temporary data dir, then plays a scripted
positioning by sending keys and counts what the app writes:

- first screen: from launch until the home screen is painted and quiet;
- per challenge shown: from the key that validates an answer until the next challenge is
  painted (the answer is saved, the next challenge drawn);
- per keypress: a key that changes the answer without validating it (moving in a list,
  ticking, typing a character);
- per idle second: nothing pressed, a challenge on screen.

Both modes run side by side: `--low-bandwidth` and the default. Targets in low-bandwidth mode:
≤ 6 KB per challenge shown (median), ≤ 400 B per keypress (median), 0 B per idle second.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

COLUMNS, ROWS = 80, 24
QUIET_S = 0.6
TIMEOUT_S = 20.0
TARGETS = {"challenge": 6 * 1024, "keypress": 400, "idle": 0}
SAMPLED = {
    "challenge_median": "challenges",
    "keypress_median": "keypresses",
    "checkpoint_median": "checkpoints",
    "result_median": "results",
}
"""Medians of nothing are shown as a dash: a short positioning may end before a checkpoint."""

KEYS = {
    "enter": b"\r",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "f2": b"\x1bOQ",
    "escape": b"\x1b",
    "ctrl+q": b"\x11",
}
ANSI = re.compile(
    rb"\x1b(\[[0-9;?<>=!]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)
QUESTION = re.compile(r"Question (\d+)")


class Terminal:
    """The app in a pseudo-terminal, its output collected by a reader thread."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.fd = master
        self.chunks: list[tuple[float, bytes]] = []
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.1)
                if not ready:
                    if self.process.poll() is not None:
                        return
                    continue
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.chunks.append((time.monotonic(), data))

    @property
    def total(self) -> int:
        with self.lock:
            return sum(len(data) for _, data in self.chunks)

    def since(self, mark: int) -> bytes:
        with self.lock:
            return b"".join(data for _, data in self.chunks)[mark:]

    def last_output(self) -> float:
        with self.lock:
            return self.chunks[-1][0] if self.chunks else 0.0

    def wait_quiet(self, quiet: float = QUIET_S, timeout: float = TIMEOUT_S) -> None:
        """Until nothing was written for `quiet` seconds (and at least something once)."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            time.sleep(0.05)
            last = self.last_output()
            if last and time.monotonic() - max(last, start) >= quiet:
                return

    def wait_for(self, pattern: str, mark: int, timeout: float = TIMEOUT_S) -> bool:
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if pattern in plain(self.since(mark)):
                return True
            time.sleep(0.05)
        return False

    def press(self, key: str) -> None:
        os.write(self.fd, KEYS.get(key, key.encode()))

    def close(self) -> None:
        try:
            self.press("ctrl+q")
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        os.close(self.fd)


def plain(data: bytes) -> str:
    """The text of some output, escape sequences removed."""
    return ANSI.sub(b"", data).decode("utf-8", errors="replace")


@dataclass
class Measures:
    mode: str
    first_screen: int = 0
    challenges: list[int] = field(default_factory=list)
    keypresses: list[int] = field(default_factory=list)
    checkpoints: list[int] = field(default_factory=list)
    results: list[int] = field(default_factory=list)
    idle_per_second: float = 0.0
    played: int = 0

    def summary(self) -> dict[str, float]:
        return {
            "first_screen": self.first_screen,
            "challenge_median": median(self.challenges),
            "keypress_median": median(self.keypresses),
            "idle_per_second": self.idle_per_second,
            "checkpoint_median": median(self.checkpoints),
            "result_median": median(self.results),
            "challenges_played": self.played,
        }


def median(values: list[int]) -> float:
    return float(statistics.median(values)) if values else 0.0


def prepare(data_dir: Path) -> None:
    from pix_tui.store import create_profile

    create_profile(data_dir, "Banc")


def app_command(bank: Path, data_dir: Path, low_bandwidth: bool) -> list[str]:
    argv = [sys.executable, "-m", "pix_tui", "--challenges", str(bank)]
    argv += ["--data-dir", str(data_dir), "--profile", "Banc", "--lang", "fr"]
    argv.append("--low-bandwidth" if low_bandwidth else "--no-low-bandwidth")
    return argv


def environment(data_dir: Path) -> dict[str, str]:
    """As over SSH, COLORTERM is not forwarded; the mode is chosen on the command line."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"COLORTERM", "SSH_CONNECTION", "NO_COLOR", "TEXTUAL_ANIMATIONS"}
    }
    env.update(TERM="xterm-256color", LANG="fr_FR.UTF-8", PIX_TUI_DATA=str(data_dir))
    env["PIX_TUI_CACHE"] = str(data_dir / "cache")
    return env


def start_positioning(term: Terminal) -> bytes:
    """From home, Enter opens the focused competence (the first one) and `s` starts it."""
    mark = term.total
    term.press("enter")
    term.wait_quiet()
    return start_here(term, mark)


def start_here(term: Terminal, mark: int) -> bytes:
    begin = term.total
    term.press("s")
    if not term.wait_for("Question 1", begin, timeout=5):
        raise SystemExit("the positioning did not start: " + plain(term.since(mark))[-400:])
    term.wait_quiet()
    return term.since(begin)


def next_competence(term: Terminal) -> bytes:
    """The positioning ended: back to Browse, down to the next competence, start it."""
    mark = term.total
    term.press("escape")
    term.wait_quiet()
    for _ in range(3):
        term.press("down")
        term.wait_quiet(quiet=0.3)
        begin = term.total
        term.press("s")
        if term.wait_for("Question 1", begin, timeout=3):
            term.wait_quiet()
            return term.since(begin)
    raise SystemExit("could not start another positioning: " + plain(term.since(mark))[-400:])


def kind_of(text: str) -> str:
    """The answer widget on screen, read from the text of the last paint."""
    if "( ) 1." in text or "(•) 1." in text:
        return "choice"
    if "[ ] 1." in text or "[x] 1." in text:
        return "choice"
    if re.search(r"^\s*2\. \S", text, re.MULTILINE) and "Remplis" in text:
        return "blanks"
    return "text"


def answer_keys(kind: str) -> list[str]:
    """Keys that change the answer without validating it: moving, ticking, typing."""
    return ["down", "down", "up", "1"] if kind == "choice" else ["1", "2", "3"]


def submit(term: Terminal, kind: str, number: int) -> bytes:
    """Enter; a form of blanks needs a value in each blank first, Enter moving between them."""
    before = term.total
    term.press("enter")
    if kind == "blanks":
        for _ in range(6):
            term.wait_quiet(quiet=0.3, timeout=5)
            text = plain(term.since(before))
            if f"Question {number + 1}" in text or "Point d'étape" in text or "Résultat" in text:
                break
            term.press("1")
            term.press("enter")
    term.wait_quiet()
    return term.since(before)


def play(term: Terminal, measures: Measures, count: int, idle_s: float) -> None:
    """Answer `count` challenges, going on to the next competence when a positioning ends."""
    shown = start_positioning(term)
    idle_mark = term.total
    time.sleep(idle_s)
    measures.idle_per_second = (term.total - idle_mark) / idle_s
    number = 1
    while measures.played < count:
        kind = kind_of(plain(shown))
        for key in answer_keys(kind):
            before = term.total
            term.press(key)
            term.wait_quiet(quiet=0.3, timeout=5)
            measures.keypresses.append(term.total - before)
        output = submit(term, kind, number)
        measures.played += 1
        if "Point d'étape" in plain(output):
            measures.checkpoints.append(len(output))
            before = term.total
            term.press("enter")
            term.wait_quiet()
            output = term.since(before)
        if f"Question {number + 1}" in plain(output):
            measures.challenges.append(len(output))
            shown, number = output, number + 1
        elif "Résultat" in plain(output):
            measures.results.append(len(output))
            shown, number = next_competence(term), 1
        else:
            raise SystemExit("unexpected screen: " + plain(output)[-400:])


def run_mode(bank: Path, low_bandwidth: bool, count: int, idle_s: float) -> Measures:
    measures = Measures("low-bandwidth" if low_bandwidth else "default")
    with tempfile.TemporaryDirectory(prefix="pix-tui-bytes-") as folder:
        data_dir = Path(folder)
        prepare(data_dir)
        term = Terminal(app_command(bank, data_dir, low_bandwidth), environment(data_dir))
        try:
            term.wait_quiet(quiet=1.0, timeout=30)
            measures.first_screen = term.total
            play(term, measures, count, idle_s)
        finally:
            term.close()
    return measures


def table(results: list[Measures]) -> str:
    rows = [
        ("first screen", "first_screen", None),
        ("per challenge shown (median)", "challenge_median", "challenge"),
        ("per keypress (median)", "keypress_median", "keypress"),
        ("per idle second", "idle_per_second", "idle"),
        ("checkpoint shown (median)", "checkpoint_median", None),
        ("result shown (median)", "result_median", None),
        ("challenges played", "challenges_played", None),
    ]
    summaries = [m.summary() for m in results]
    header = ["metric", *(m.mode for m in results), "target (low-bandwidth)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for label, key, target in rows:
        cells = [label]
        for measures, summary in zip(results, summaries, strict=True):
            value = summary[key]
            if key == "challenges_played":
                cells.append(str(int(value)))
            elif key in SAMPLED and not getattr(measures, SAMPLED[key]):
                cells.append("–")
            else:
                cells.append(human(value))
        cells.append(f"≤ {human(TARGETS[target])}" if target else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def human(value: float) -> str:
    return f"{value / 1024:.1f} KB" if value >= 1024 else f"{value:.0f} B"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bank", type=Path, help="challenge folder (default: the shipped bank)")
    parser.add_argument("--challenges", type=int, default=10, help="challenges to play")
    parser.add_argument("--idle-seconds", type=float, default=3.0)
    parser.add_argument("--mode", choices=("both", "low", "default"), default="both")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    from pix_tui.core.loader import default_bank_path

    bank = args.bank or default_bank_path()
    modes = {"both": (True, False), "low": (True,), "default": (False,)}[args.mode]
    results = [run_mode(bank, low, args.challenges, args.idle_seconds) for low in modes]
    if args.json:
        print(json.dumps({m.mode: {**m.summary(), "raw": asdict(m)} for m in results}, indent=2))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
