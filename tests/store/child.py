"""A second pix-tui process for the lock and crash tests: `python -m tests.store.child MODE …`.

- `hold DATA NAME`: open the profile, print "ready", keep it open until stdin closes.
- `record DATA NAME FIRST PER_CHUNK`: open the profile and record answers FIRST, FIRST+1, …
  forever, printing "ack <challenge id>" once record_answer has returned; every 5th answer
  also starts a positioning and prints "pos <id>" once it is saved.
"""

from __future__ import annotations

import sys
from pathlib import Path

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


if __name__ == "__main__":
    mode, data, profile, *rest = sys.argv[1:]
    if mode == "hold":
        hold(Path(data), profile)
    else:
        record(Path(data), profile, int(rest[0]), int(rest[1]))
