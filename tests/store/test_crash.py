"""Kill -9 at random moments: the profile always opens and holds every acknowledged answer.

A child process records answers in a loop and prints "ack <id>" once record_answer has
returned (and "pos <id>" for positionings). The parent kills it with SIGKILL after a random
delay, sometimes while it is still opening the profile, then opens the profile itself.
"""

from __future__ import annotations

import random
import signal
import threading
import time

from pix_tui.store import open_profile
from tests.store.conftest import spawn_child

KILLS = 30
PER_CHUNK = 7
SEED = 20261126


def _run_and_kill(data_dir, first: int, rng: random.Random) -> list[str]:
    child = spawn_child("record", str(data_dir), "Léa", str(first), str(PER_CHUNK))
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in child.stdout:
            lines.append(line.strip())
            ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    if rng.random() < 0.75:
        ready.wait(timeout=60)
        time.sleep(rng.uniform(0.0, 0.12))
    else:
        time.sleep(rng.uniform(0.0, 0.5))
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join()
    errors = child.stderr.read()
    child.stderr.close()
    child.stdin.close()
    assert "Traceback" not in errors, errors
    return lines


def test_killed_writers_never_lose_an_acknowledged_answer(data_dir, lea):
    rng = random.Random(SEED)
    acked: list[str] = []
    positionings: list[str] = []
    first = 0
    for kill in range(KILLS):
        lines = _run_and_kill(data_dir, first, rng)
        acked += [line.split()[1] for line in lines if line.startswith("ack ")]
        positionings += [line.split()[1] for line in lines if line.startswith("pos ")]

        with open_profile(data_dir, "Léa") as store:
            saved = [a.challenge_id for a in store.answers()]
            saved_positionings = {p.id for p in store.positionings()}
            notice = store.recovery_notice
        assert notice is None, f"kill {kill}: {notice}"
        assert len(saved) == len(set(saved)), f"kill {kill}: an answer was saved twice"
        missing = set(acked) - set(saved)
        assert not missing, f"kill {kill}: acknowledged answers lost: {sorted(missing)}"
        assert set(positionings) <= saved_positionings, f"kill {kill}"
        assert len(saved) <= len(acked) + kill + 1, f"kill {kill}: unexpected answers"
        first += 1000

    assert len(acked) >= KILLS, "the children hardly recorded anything: the test proved little"
