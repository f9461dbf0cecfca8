"""A second pix-tui process for the lock and crash tests: `python -m tests.store.child MODE …`.

- `hold DATA NAME`: open the profile, print "ready", keep it open until stdin closes.
- `record DATA NAME FIRST PER_CHUNK`: open the profile and record answers FIRST, FIRST+1, …
  forever, printing "ack <challenge id>" once record_answer has returned; every 5th answer
  also starts a positioning and prints "pos <id>" once it is saved.
- `certify DATA NAME`: open a certifiable profile, start or resume its certification blanche
  and answer every question slowly, printing "ack <challenge id> <time spent>" once each
  answer is saved.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pix_tui.core.history import CertificationEnd
from pix_tui.store import layout, open_profile
from tests.store.records import answer, positioning


def hold(data_dir: Path, name: str) -> None:
    store = open_profile(data_dir, name)
    print("ready", flush=True)
    sys.stdin.read()
    store.close()


def record(data_dir: Path, name: str, first: int, per_chunk: int) -> None:
    layout.ANSWERS_PER_CHUNK = per_chunk
    store = open_profile(data_dir, name)
    print("ready", flush=True)
    i = first
    while True:
        if i % 5 == 0:
            store.start_positioning(positioning(f"pos-{i}"))
            print(f"pos pos-{i}", flush=True)
        store.record_answer(answer(i))
        print(f"ack challenge-{i}", flush=True)
        i += 1


def certify(data_dir: Path, name: str) -> None:
    import time
    from datetime import datetime

    from pix_tui.app.certification_session import CertificationSession
    from pix_tui.core.rules import DEFAULT_RULES
    from tests.core.certification_bank import BANK

    store = open_profile(data_dir, name)
    session = CertificationSession.open(
        store, BANK, rules=DEFAULT_RULES, now=lambda: datetime.now().astimezone()
    )
    print(f"ready {session.id} {session.answered()}", flush=True)
    while (current := session.current()) is not None:
        shown = time.monotonic()
        time.sleep(0.05)
        _, challenge = current
        session.answer(challenge, "x", time.monotonic() - shown)
        print(f"ack {challenge.id} {session.elapsed():.3f}", flush=True)
    session.finish(CertificationEnd.COMPLETED)
    print("done", flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    mode, data, profile, *rest = sys.argv[1:]
    if mode == "hold":
        hold(Path(data), profile)
    elif mode == "certify":
        certify(Path(data), profile)
    else:
        record(Path(data), profile, int(rest[0]), int(rest[1]))
