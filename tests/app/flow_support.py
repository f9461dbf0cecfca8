"""Helpers for the challenge-flow tests: start the app on a profile, answer, read the screen."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from pix_tui.app.app import PixApp
from pix_tui.core.model import Challenge, ChallengeType

PROFILE = "Léa"

QCU = """---
id: {id}
competence: "{competence}"
topic: {topic}
level: {level}
type: qcu
{extra}---
{statement}

- [x] Juste
- [ ] Faux un
- [ ] Faux deux

## Explication
Explication de {id}.

## Pour aller plus loin
- [Tuto {id}](https://example.org/{id})
"""


def write_bank(
    root: Path,
    *,
    competence: str = "1.1",
    topics: tuple[str, ...] = ("alpha", "beta", "gamma", "delta"),
    levels: tuple[int, ...] = (1, 2, 3, 4, 5, 6),
    variants: int = 2,
) -> Path:
    """A QCU-only bank, big enough for a positioning of more than five questions."""
    folder = root / f"{competence}-flow"
    folder.mkdir(parents=True, exist_ok=True)
    for topic in topics:
        for level in levels:
            for variant in range(1, variants + 1):
                cid = f"q{competence.replace('.', '')}-{topic}-{level}-{variant}"
                text = QCU.format(
                    id=cid,
                    competence=competence,
                    topic=topic,
                    level=level,
                    extra="",
                    statement=f"Énoncé {cid} : quelle est la bonne réponse ?",
                )
                (folder / f"{cid}.md").write_text(text, encoding="utf-8")
    return root


def create(data_dir: Path, name: str = PROFILE) -> None:
    from pix_tui.store import create_profile

    create_profile(data_dir, name)


async def wait_for_workers(pilot: Pilot[Any]) -> None:
    """Every worker done. An exclusive worker cancelled meanwhile was replaced by a newer one
    (the profile view is re-derived after each answer): wait for that one instead."""
    for _ in range(20):
        try:
            await pilot.app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            await pilot.pause()


async def settle(pilot: Pilot[Any]) -> None:
    """Let every worker finish and every message land, a few rounds deep."""
    for _ in range(4):
        await wait_for_workers(pilot)
        await pilot.pause()


READY_WITHIN_S = 60.0
"""Parsing the whole bank without its cache takes seconds on a loaded machine: a generous
bound, that only a bank that never loads reaches."""


async def until(pilot: Pilot[Any], condition: Callable[[], bool], within: float = 60.0) -> bool:
    """Poll until `condition` holds (True) or a loaded machine's minute is over (False)."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() >= deadline:
            return False
        await pilot.pause(0.05)
    return True


async def until_ready(pilot: Pilot[Any], within: float = READY_WITHIN_S) -> None:
    """The bank loads after the first paint, from a timer: wait for it (and the profile)."""
    ctx = pilot.app.ctx  # type: ignore[attr-defined]
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        await settle(pilot)
        if ctx.bank is not None and ctx.store is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("the bank or the profile never loaded")


@asynccontextmanager
async def running(
    make_app: Callable[..., PixApp],
    data_dir: Path,
    *,
    size: tuple[int, int] = (80, 24),
    new_profile: bool = True,
    hook: Callable[[Any], None] | None = None,
    **options: Any,
) -> AsyncIterator[Pilot[Any]]:
    """The app with the bank loaded and (unless demo) the profile 'Léa' open.

    `hook` sees every message any part of the app receives.
    """
    if not options.get("demo"):
        if new_profile:
            create(data_dir)
        options.setdefault("profile", PROFILE)
    app = make_app(**options)
    async with app.run_test(size=size, message_hook=hook) as pilot:
        await until_ready(pilot)
        yield pilot


def current(app: PixApp) -> Challenge:
    view = app.screen.view  # type: ignore[attr-defined]
    assert view is not None, f"no challenge on {app.screen!r}"
    return view.challenge


def right_keys(app: PixApp) -> list[str]:
    """The keys a learner who knows the answer would press."""
    view = app.screen.view  # type: ignore[attr-defined]
    challenge: Challenge = view.challenge
    match challenge.type:
        case ChallengeType.QCU:
            position = view.answer.order.index(next(iter(challenge.correct_indices)))
            return [str(position + 1), "enter"]
        case ChallengeType.QCM:
            order = view.answer.order
            return [*(str(order.index(i) + 1) for i in sorted(challenge.correct_indices)), "enter"]
        case ChallengeType.QROC:
            return [*typed(challenge.answers[0]), "enter"]
        case _:
            keys: list[str] = []
            for name in challenge.blank_names:
                keys += [*typed(challenge.blanks[name][0]), "enter"]
            return keys


def typed(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


def wrong_keys(app: PixApp) -> list[str]:
    view = app.screen.view  # type: ignore[attr-defined]
    challenge: Challenge = view.challenge
    if challenge.type.is_choice:
        order = view.answer.order
        wrong = next(
            i for i in range(len(challenge.proposals)) if i not in challenge.correct_indices
        )
        return [str(order.index(wrong) + 1), "enter"]
    count = max(1, len(challenge.blank_names))
    return ["z", "enter"] * count


async def answer(pilot: Pilot[Any], *, right: bool = True) -> None:
    app = pilot.app
    keys = right_keys(app) if right else wrong_keys(app)  # type: ignore[arg-type]
    await pilot.press(*keys)
    await settle(pilot)


def screen_text(app: PixApp) -> str:
    """What the terminal shows, as plain text, line by line."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)


def data_files(data_dir: Path) -> set[Path]:
    return {path for path in data_dir.rglob("*") if path.is_file()}


async def answer_until_result(pilot: Pilot[Any], limit: int = 60) -> None:
    """Answer right (Enter through each checkpoint) until the positioning's result shows."""
    from pix_tui.app.screens.positioning import PositioningScreen
    from pix_tui.app.screens.result import ResultScreen

    for _ in range(limit):
        screen = pilot.app.screen
        if isinstance(screen, ResultScreen):
            return
        assert isinstance(screen, PositioningScreen)
        if screen.checkpoint is not None:
            await pilot.press("enter")
            await settle(pilot)
        else:
            await answer(pilot, right=True)
    raise AssertionError("the positioning never ended")
