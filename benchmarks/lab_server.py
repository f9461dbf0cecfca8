"""A lab server with a whole class on it: `pix-tui serve` driven by simulated learners.

Each learner is one browser tab's websocket (the protocol textual-serve's page speaks): it
creates a profile, opens a positioning and answers ("Je ne sais pas", F2) a question every few
seconds, competence after competence. The learners join 0.3 s apart; the class starts
answering once all have reached their first question. Measured: the time from joining to the
first question (median, max), the time from an answer to the next question (or the result)
on screen, the memory of the learners' app processes (RSS per process, PSS in total, which
counts shared pages once) and the CPU time of the apps, the server and this measuring client.
A terminal learner's process is measured too, after the same answers.

Targets: ≤ 60 MiB per learner; p95 ≤ 300 ms with 30 learners.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import json
import os
import random
import re
import select
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(
    rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)"
)
F2 = "\x1bOQ"
ENTER = "\r"
ESCAPE = "\x1b"
DOWN = "\x1b[B"
MIB = 1024 * 1024
TARGET_MIB = 60
TARGET_P95_MS = 300
TIMEOUT_S = 60.0
MAX_ERRORS = 3
"""A learner whose screen stops answering this many times gives up (counted as errors)."""
CHECKPOINT = "Point d'étape"
NAME_FIELD = "Prénom ou pseudo"
HOME = "niv. 0"
BROWSE = "Parcourir les 16 compétences"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def memory_kib(pid: int, field: str) -> int:
    """VmRSS from status, or Pss from smaps_rollup, in KiB (0 once the process is gone)."""
    source = "smaps_rollup" if field == "Pss" else "status"
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/{source}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (0 once it is gone)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return 0.0


def app_processes(server_pid: int) -> list[int]:
    """The learners' app processes: `python -m pix_tui` below the server, not the shells."""
    result = []
    for pid in descendants(server_pid):
        with contextlib.suppress(OSError):
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if b"pix_tui" in cmd and b"serve" not in cmd and not cmd[0].endswith(b"sh"):
                result.append(pid)
    return result


class Learner:
    """One tab: sends keys like the page does and reads what the app sends back."""

    def __init__(self, number: int, url: str, pause: float, rng: random.Random) -> None:
        self.name = f"Élève {number:02d}"
        self.url = url
        self.pause = pause
        self.rng = rng
        self.text = bytearray()
        self.latencies_ms: list[float] = []
        self.errors = 0
        self.stalls: list[str] = []
        self.arrived = asyncio.Event()
        self.join_s: float | None = None

    async def _reader(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.text += ANSI.sub(b"", message.data).replace(b" ", b"")
                self.arrived.set()

    async def _wait(self, *words: str, since: int, timeout: float = TIMEOUT_S) -> bool:
        """Woken by each message the app sends, not by polling: the measuring client must not
        take the CPU from the server it measures."""
        wanted = [w.replace(" ", "").encode() for w in words]
        deadline = time.monotonic() + timeout
        while True:
            if any(self.text.find(w, since) != -1 for w in wanted):
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                seen = self.text[-160:].decode(errors="replace")
                self.stalls.append(f"{self.name} waited for {' / '.join(words)}; saw …{seen}")
                return False
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), left)

    async def _key(self, ws: aiohttp.ClientWebSocketResponse, keys: str) -> None:
        await ws.send_str(json.dumps(["stdin", keys]))
        await asyncio.sleep(0.25)

    async def run(self, session: aiohttp.ClientSession, answers: int, gate: Gate) -> None:
        async with session.ws_connect(f"{self.url}/ws?width=80&height=24") as ws:
            reader = asyncio.create_task(self._reader(ws))
            started = time.perf_counter()
            joined = await self._join(ws)
            self.join_s = time.perf_counter() - started if joined else None
            await gate.arrive()
            if joined:
                await self._answer(ws, answers)
            reader.cancel()

    async def _join(self, ws: aiohttp.ClientWebSocketResponse) -> bool:
        """From the page opening to the first question of a positioning; each step waits for
        the screen it leads to, as a pupil looks before pressing on."""
        await ws.send_str(json.dumps(["resize", {"width": 80, "height": 24}]))
        if not await self._wait("Qui s'entraîne", since=0):
            self.errors += 1
            return False
        if self.text.find(NAME_FIELD.replace(" ", "").encode()) == -1:
            # Classmates' profiles are listed: the new-profile form opens with n.
            mark = len(self.text)
            await self._key(ws, "n")
            await self._wait(NAME_FIELD, since=mark)
        mark = len(self.text)
        await self._key(ws, self.name)
        await self._wait(self.name, since=mark)
        mark = len(self.text)
        await self._key(ws, ENTER)
        # Enter again on the code field; pressed before the focus moved, it is pressed again.
        for _ in range(3):
            await self._key(ws, ENTER)
            if await self._wait(HOME, since=mark, timeout=TIMEOUT_S / 3):
                break
        else:
            self.errors += 1
            return False
        mark = len(self.text)
        await self._key(ws, "b")
        await self._wait(BROWSE, since=mark)
        if not await self._start(ws, 0):
            self.errors += 1
            return False
        return True

    async def _answer(self, ws: aiohttp.ClientWebSocketResponse, answers: int) -> None:
        """A question every few seconds ("Je ne sais pas"), competence after competence."""
        competence = 0
        while len(self.latencies_ms) < answers and self.errors < MAX_ERRORS:
            if competence and not await self._start(ws, competence):
                self.errors += 1
            competence += 1
            question = 1
            while len(self.latencies_ms) < answers and self.errors < MAX_ERRORS:
                await asyncio.sleep(self.pause * self.rng.uniform(0.5, 1.5))
                mark = len(self.text)
                started = time.perf_counter()
                await ws.send_str(json.dumps(["stdin", F2]))
                question += 1
                seen = await self._wait(
                    f"Question {question}", "Résultat ·", CHECKPOINT, since=mark
                )
                if not seen:
                    self.errors += 1
                    break
                self.latencies_ms.append((time.perf_counter() - started) * 1000)
                if self.text.find(CHECKPOINT.replace(" ", "").encode(), mark) != -1:
                    # Every fifth answer: the checkpoint, then Enter goes on.
                    mark = len(self.text)
                    await self._key(ws, ENTER)
                    await self._wait(f"Question {question}", "Résultat ·", since=mark)
                if self.text.find("Résultat·".encode(), mark) != -1:
                    break
            mark = len(self.text)
            await self._key(ws, ESCAPE)
            await self._wait(BROWSE, since=mark)

    async def _start(self, ws: aiohttp.ClientWebSocketResponse, competence: int) -> bool:
        """From Browse: move to the next competence and open its positioning."""
        mark = len(self.text)
        if competence:
            await self._key(ws, DOWN)
        await self._key(ws, ENTER)
        return await self._wait("Question 1", since=mark)


class Gate:
    """The class starts answering once every learner has joined (or given up): the answers'
    latency is measured with the whole class on the server, apart from the start-up rush."""

    def __init__(self, learners: int) -> None:
        self.waiting = learners
        self.open = asyncio.Event()

    async def arrive(self) -> None:
        self.waiting -= 1
        if self.waiting <= 0:
            self.open.set()
        await self.open.wait()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def drive(url: str, learners: int, answers: int, pause: float, seed: int) -> list[Learner]:
    rng = random.Random(seed)
    class_ = [Learner(n, url, pause, random.Random(rng.random())) for n in range(1, learners + 1)]
    timeout = aiohttp.ClientTimeout(total=None)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        tasks = []
        gate = Gate(learners)
        for learner in class_:
            tasks.append(asyncio.create_task(learner.run(session, answers, gate)))
            await asyncio.sleep(0.3)
        await asyncio.gather(*tasks)
    return class_


def served_class(learners: int, answers: int, pause: float, seed: int) -> dict[str, Any]:
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "TEXTUAL_ANIMATIONS": "none", "PIX_TUI_LANG": "fr"}
        argv = [sys.executable, "-m", "pix_tui", "serve", "--port", str(port), "--data-dir", data]
        server = subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
        )
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            result: dict[str, Any] = {}

            async def run_and_measure() -> list[Learner]:
                task = asyncio.create_task(
                    drive(f"http://127.0.0.1:{port}", learners, answers, pause, seed)
                )
                peak_rss, peak_pss = [], 0
                apps_cpu: dict[int, float] = {}
                client_cpu = time.process_time()
                while not task.done():
                    pids = app_processes(server.pid)
                    apps_cpu.update(
                        {pid: cpu_seconds(pid) or apps_cpu.get(pid, 0.0) for pid in pids}
                    )
                    if len(pids) >= learners:
                        peak_rss = [memory_kib(p, "VmRSS") for p in pids]
                        peak_pss = max(peak_pss, sum(memory_kib(p, "Pss") for p in pids))
                    await asyncio.sleep(1.0)
                result["rss"] = peak_rss
                result["pss"] = peak_pss
                result["cpu_server"] = cpu_seconds(server.pid)
                result["cpu_apps"] = sum(apps_cpu.values())
                result["cpu_client"] = time.process_time() - client_cpu
                return await task

            class_ = asyncio.run(run_and_measure())
        finally:
            server.terminate()
            server.wait(timeout=20)
    latencies = [ms for learner in class_ for ms in learner.latencies_ms]
    rss = result["rss"] or [0]
    joins = [learner.join_s for learner in class_ if learner.join_s is not None]
    return {
        "case": "served",
        "learners": learners,
        "answers": len(latencies),
        "errors": sum(learner.errors for learner in class_),
        "median_ms": statistics.median(latencies) if latencies else float("nan"),
        "p95_ms": percentile(latencies, 0.95) if latencies else float("nan"),
        "join_median_s": statistics.median(joins) if joins else float("nan"),
        "join_max_s": max(joins, default=float("nan")),
        "rss_per_learner_mib": statistics.median(rss) / 1024,
        "total_pss_mib": result["pss"] / 1024,
        "cpu_s": {
            key[4:]: round(result[key], 1) for key in ("cpu_apps", "cpu_server", "cpu_client")
        },
        "stalls": [stall for learner in class_ for stall in learner.stalls],
    }


class TerminalScreen:
    """The screen of an app in a pseudo-terminal, read like a learner's tab is."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.text = b""

    def wait(self, *words: str) -> str | None:
        """The first of the words drawn from now on, or None after TIMEOUT_S."""
        since = len(self.text)
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            for word in words:
                if self.text.find(word.replace(" ", "").encode(), since) != -1:
                    return word
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return None
                self.text += ANSI.sub(b"", chunk).replace(b" ", b"")
        return None

    def key(self, keys: str, *words: str) -> str | None:
        os.write(self.fd, keys.encode())
        return self.wait(*words)


def terminal_learner(answers: int) -> dict[str, Any]:
    """One learner in a terminal (a pseudo-terminal at 80×24) doing what a served learner does:
    a positioning opened from Browse and answered; the peak memory of the process."""
    import pty

    from pix_tui.store import create_profile

    with tempfile.TemporaryDirectory() as data:
        create_profile(Path(data), "Bench")
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(
                TERM="xterm-256color", COLUMNS="80", LINES="24", TEXTUAL_ANIMATIONS="none"
            )
            os.execv(
                sys.executable,
                [sys.executable, "-m", "pix_tui", "--data-dir", data, "--profile", "Bench"],
            )
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        screen = TerminalScreen(fd)
        seen = screen.wait(HOME) and screen.key("b", BROWSE)
        given = 0
        while seen is not None and given < answers:
            seen = screen.key((DOWN if given else "") + ENTER, "Question 1")
            question = 1
            while seen not in (None, "Résultat ·") and given < answers:
                time.sleep(0.3)
                question += 1
                given += 1
                seen = screen.key(F2, f"Question {question}", CHECKPOINT, "Résultat ·")
                if seen == CHECKPOINT:
                    seen = screen.key(ENTER, f"Question {question}", "Résultat ·")
            if seen is not None and given < answers:
                seen = screen.key(ESCAPE, BROWSE)
        time.sleep(1.0)
        peak = memory_kib(pid, "VmHWM")
        os.kill(pid, 15)
        os.waitpid(pid, 0)
    if seen is None:
        print("terminal learner: the positioning did not go as expected", file=sys.stderr)
    return {"case": "terminal", "learners": 1, "rss_per_learner_mib": peak / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[1, 10, 20, 30])
    parser.add_argument("--answers", type=int, default=8, help="answers per learner")
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between answers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--stalls", action="store_true", help="print what each stalled learner last saw"
    )
    args = parser.parse_args()
    rows = [terminal_learner(args.answers)]
    for count in args.learners:
        rows.append(served_class(count, args.answers, args.pause, args.seed))
    if args.stalls:
        for row in rows:
            for stall in row.get("stalls", []):
                print(f"[{row['learners']} learners] {stall}", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"{'case':<9}{'learners':>9}{'answers':>8}{'errors':>7}{'median':>9}{'p95':>8}"
        f"{'RSS/learner':>12}{'PSS total':>10}{'join med/max':>13}"
        f"{'CPU s apps/server/client':>25}  target"
    )
    for row in rows:
        if row["case"] == "terminal":
            ok = "ok" if row["rss_per_learner_mib"] <= TARGET_MIB else "NO"
            print(
                f"{'terminal':<9}{1:>9}{'–':>8}{'–':>7}{'–':>9}{'–':>8}"
                f"{row['rss_per_learner_mib']:>10.1f}M{'–':>10}{'–':>13}{'–':>25}"
                f"  ≤{TARGET_MIB}M {ok}"
            )
            continue
        ok = row["rss_per_learner_mib"] <= TARGET_MIB and (
            row["learners"] < 30 or row["p95_ms"] <= TARGET_P95_MS
        )
        print(
            f"{'served':<9}{row['learners']:>9}{row['answers']:>8}{row['errors']:>7}"
            f"{row['median_ms']:>7.0f}ms{row['p95_ms']:>6.0f}ms"
            f"{row['rss_per_learner_mib']:>10.1f}M{row['total_pss_mib']:>9.0f}M"
            f"{row['join_median_s']:>6.1f}s/{row['join_max_s']:>4.1f}s"
            f"{'/'.join(str(v) for v in row['cpu_s'].values()):>25}  {'ok' if ok else 'NO'}"
        )


if __name__ == "__main__":
    main()
