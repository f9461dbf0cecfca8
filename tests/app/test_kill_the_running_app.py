"""SIGKILL of the real app in the middle of a certification blanche, under a pseudo-terminal.

`python -m pix_tui` runs in its own terminal (a pty of 80x24) and is driven with the bytes a
keyboard sends; the test reads the profile lock-free (`read_certifications`), like the class
view, to know when each answer is on disk. After the kill, the answers and the time spent are
on disk (less than 15 s of it lost), and a new run resumes at the next question.
"""

from __future__ import annotations

import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pix_tui.core.history import CertificationRecord, CertificationState
from pix_tui.store import read_certifications
from tests.app.conftest import FIXED_NOW, TOPICS, play_positioning
from tests.app.flow_support import write_bank
from tests.app.test_flow_certification import CERTIFIED

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

ENTER, ESCAPE, CTRL_Q = b"\r", b"\x1b", b"\x11"
WAIT_S = 60.0
"""Generous: a loaded machine may take long to start Python and Textual."""
IDLE_S = 25.0
"""Idle on the third question before the kill: long enough that the answers alone would
leave more than the bound unsaved."""
LOST_AT_MOST_S = 15.0
"""The documented bound (`docs/certification.md`)."""
LATE_TIMER_S = 5.0
"""A busy machine runs a timer late: tolerated on top of the bound."""
ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")


def qcu_bank(root: Path) -> Path:
    """Only QCU, so "1" then Enter answers any question."""
    for competence in CERTIFIED:
        write_bank(root, competence=competence, topics=TOPICS, levels=(1, 2, 3))
    return root


class Terminal:
    """The app in a pseudo-terminal: what it drew (escapes removed), and keys to send."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.master = master
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.raw = bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.raw += chunk

    def text(self, since: int = 0) -> str:
        return ESCAPES.sub(b"", bytes(self.raw[since:])).decode("utf-8", "replace")

    def wait_for(self, wanted: str, since: int = 0) -> None:
        deadline = time.monotonic() + WAIT_S
        while wanted not in self.text(since):
            if self.process.poll() is not None or time.monotonic() > deadline:
                tail = self.text(since)[-1500:]
                raise AssertionError(f"{wanted!r} never appeared; the screen said:\n{tail}")
            time.sleep(0.1)

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)
        time.sleep(0.3)  # an Escape alone is told from a sequence by a pause

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=WAIT_S)
        self.reader.join(timeout=5)
        os.close(self.master)


def until(check: Callable[[], object], what: str) -> object:
    deadline = time.monotonic() + WAIT_S
    while not (value := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.1)
    return value


@pytest.fixture
def app_in_a_terminal(tmp_path: Path) -> Iterator[Callable[[], Terminal]]:
    data, bank = tmp_path / "data", qcu_bank(tmp_path / "bank")
    for number, code in enumerate(CERTIFIED):
        play_positioning(data, "Léa", bank, code, at=FIXED_NOW.replace(hour=8, minute=number))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "PIX_TUI_CACHE": "",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "TEXTUAL_ANIMATIONS": "none",
    }
    argv = [sys.executable, "-m", "pix_tui", "--data-dir", str(data), "--challenges", str(bank)]
    argv += ["--profile", "Léa", "--lang", "fr"]
    started: list[Terminal] = []

    def start() -> Terminal:
        terminal = Terminal(argv, env)
        started.append(terminal)
        return terminal

    start.data = data  # type: ignore[attr-defined]
    yield start
    for terminal in started:
        terminal.close()


def certification(data: Path) -> tuple[CertificationRecord | None, int]:
    history = read_certifications(data, "Léa")
    running = [c for c in history.certifications if c.state is CertificationState.IN_PROGRESS]
    record = running[0] if running else None
    answers = sum(1 for a in history.answers if record and a.certification_id == record.id)
    return record, answers


def test_a_killed_app_keeps_the_answers_and_the_time_and_resumes(app_in_a_terminal) -> None:
    data = app_in_a_terminal.data
    app = app_in_a_terminal()
    app.wait_for("touche c")
    app.send(b"c")
    app.wait_for("Entrée : commencer")
    mark = len(app.raw)
    app.send(ENTER)
    until(lambda: certification(data)[0], "the certification is on disk")
    seen_start = time.monotonic()
    app.wait_for("Question 1 /", since=mark)
    for answered in (1, 2):
        mark = len(app.raw)
        app.send(b"1")
        app.send(ENTER)
        until(lambda n=answered: certification(data)[1] == n, f"answer {answered} on disk")
        app.wait_for(f"Question {answered + 1} /", since=mark)
    time.sleep(IDLE_S)
    killed_at = time.monotonic()
    os.killpg(app.process.pid, signal.SIGKILL)
    assert app.process.wait(timeout=WAIT_S) == -signal.SIGKILL

    record, answers = certification(data)
    assert record is not None and answers == 2, "the two answers survived the kill"
    spent = killed_at - seen_start  # the app started its clock before the record was seen
    assert record.elapsed_s >= spent - LOST_AT_MOST_S - LATE_TIMER_S, (record.elapsed_s, spent)
    assert record.elapsed_s <= killed_at - seen_start + WAIT_S

    again = app_in_a_terminal()
    again.wait_for("Certification blanche en cours")
    again.send(b"c")
    again.wait_for("Certification en cours : 2 réponse(s)")
    mark = len(again.raw)
    again.send(ENTER)
    again.wait_for("Question 3 /", since=mark)
    mark = len(again.raw)
    again.send(ESCAPE)  # leave: the time of this run is added, nothing goes back
    again.wait_for("Certification blanche en cours", since=mark)
    resumed, answers = certification(data)
    assert resumed is not None and resumed.id == record.id and answers == 2
    assert resumed.elapsed_s >= record.elapsed_s
    again.send(CTRL_Q)
    assert again.process.wait(timeout=WAIT_S) == 0
