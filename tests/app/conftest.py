"""Shared fixtures for the app tests: an isolated data dir, a small valid bank, an app factory.

Nothing here touches the learner's real data directory: every app gets PIX_TUI_DATA and
--data-dir pointing into tmp_path, and the parse cache is switched off.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from pix_tui.app import AppOptions
from pix_tui.app.app import PixApp, create_app

FIXED_NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
"""Every app test runs at this instant unless it moves the clock: snapshots stay stable."""

SMALL_BANK_COMPETENCES = ("1.1", "1.2", "2.1", "3.1", "4.1", "5.1")
TOPICS = ("alpha", "beta")
LEVELS = (1, 2, 3)

_QCU = """---
id: {id}
competence: "{competence}"
topic: {topic}
level: {level}
type: qcu
---
Question {id} : quelle est la bonne réponse ?

- [x] La bonne
- [ ] Une mauvaise
- [ ] Une autre mauvaise

## Explication
La bonne réponse est « La bonne ».

## Pour aller plus loin
- [Tutoriel](https://example.org/tuto)
"""

_QROC = """---
id: {id}
competence: "{competence}"
topic: {topic}
level: {level}
type: qroc
tolerance: t1
answers: [bonne]
---
Question {id} : tape le mot « bonne ».

## Explication
Le mot attendu est « bonne ».
"""

_QCM = """---
id: {id}
competence: "{competence}"
topic: {topic}
level: {level}
type: qcm
---
Question {id} : coche les deux bonnes réponses.

- [x] Bonne A
- [x] Bonne B
- [ ] Mauvaise

## Explication
A et B sont bonnes.
"""

_QROCM = """---
id: {id}
competence: "{competence}"
topic: {topic}
level: {level}
type: qrocm
mode: ind
tolerance: t1
answers:
  ville: [Paris]
  pays: [France]
---
Question {id} : la capitale {{{{ville}}}} du pays {{{{pays}}}}.

## Explication
Paris, France.
"""

_BROKEN = """---
id: broken-{n}
competence: "9.9"
topic: nope
level: 12
type: qcu
---
Pas de propositions.
"""


def _template(topic: str, level: int, variant: int) -> str:
    """Mostly QCU (easy to answer from a test), with each other type present."""
    if topic == "beta" and level == 2:
        return _QROC
    if topic == "beta" and level == 3:
        return _QCM if variant == 1 else _QROCM
    return _QCU


def one_type_bank(root: Path, template: str) -> Path:
    """Competence 1.1 with only challenges of one type (two topics, three levels)."""
    folder = root / "1.1-keys"
    folder.mkdir(parents=True)
    for topic in ("alpha", "beta"):
        for level in (1, 2, 3):
            cid = f"k-{topic}-{level}"
            text = template.format(id=cid, competence="1.1", topic=topic, level=level)
            (folder / f"{cid}.md").write_text(text, encoding="utf-8")
    return root


def write_small_bank(
    root: Path, competences: tuple[str, ...] = SMALL_BANK_COMPETENCES, broken: int = 0
) -> Path:
    """Two topics × three levels × two variants per competence, plus `broken` invalid files."""
    for competence in competences:
        folder = root / f"{competence}-test"
        folder.mkdir(parents=True, exist_ok=True)
        for topic in TOPICS:
            for level in LEVELS:
                for variant in (1, 2):
                    cid = f"c{competence.replace('.', '')}-{topic}-{level}-{variant}"
                    text = _template(topic, level, variant).format(
                        id=cid, competence=competence, topic=topic, level=level
                    )
                    (folder / f"{cid}.md").write_text(text, encoding="utf-8")
    if "1.1" in competences:
        (root / "topics.toml").write_text('["1.1"]\nalpha = "Premier sujet"\n', encoding="utf-8")
    if broken:
        bad = root / "broken"
        bad.mkdir(parents=True, exist_ok=True)
        for n in range(broken):
            (bad / f"broken-{n}.md").write_text(_BROKEN.format(n=n), encoding="utf-8")
    return root


@dataclass
class Clock:
    """A clock a test can move forward (retry and reset delays are days long)."""

    current: datetime = FIXED_NOW
    history: list[datetime] = field(default_factory=list)

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.history.append(self.current)
        self.current = self.current + timedelta(**delta)


def play_positioning(
    data_dir: Path,
    name: str,
    bank_dir: Path,
    competence: str,
    *,
    correct: Callable[[int], bool] = lambda _: True,
    at: datetime = FIXED_NOW,
    finished: bool = True,
    limit: int | None = None,
    pin: str | None = None,
) -> str:
    """Write a positioning into a profile on disk, played by the real engine; returns its id.

    `correct(n)` decides whether the n-th answer is right. Stops after `limit` answers (an
    unfinished positioning) or when the engine has nothing left to ask.
    """
    from pix_tui.core.engine import create_engine
    from pix_tui.core.history import (
        AnswerRecord,
        PositioningKind,
        PositioningRecord,
        PositioningState,
    )
    from pix_tui.core.loader import load_bank
    from pix_tui.core.model import Result
    from pix_tui.store import create_profile, list_profiles, open_profile

    bank = load_bank(bank_dir).bank
    if name not in {info.name for info in list_profiles(data_dir)}:
        create_profile(data_dir, name, pin)
    store = open_profile(data_dir, name, pin)
    try:
        pid = f"pos-{competence}-{int(at.timestamp())}"
        store.start_positioning(
            PositioningRecord(
                pid, competence, "default", PositioningKind.FIRST, PositioningState.IN_PROGRESS, at
            )
        )
        engine = create_engine("default", bank, competence, seed=0)
        n = 0
        moment = at
        while (challenge := engine.next_challenge()) is not None:
            if limit is not None and n >= limit:
                break
            result = Result.OK if correct(n) else Result.KO
            engine.record(challenge.id, result)
            moment = moment + timedelta(seconds=20)
            store.record_answer(
                AnswerRecord(
                    challenge.id,
                    competence,
                    challenge.skill.name,
                    result,
                    "réponse",
                    20.0,
                    moment,
                    pid,
                )
            )
            n += 1
        if finished:
            store.finish_positioning(pid, moment + timedelta(seconds=1))
        return pid
    finally:
        store.close()


def right_given(challenge: Any) -> Any:
    """The right answer to any challenge of the small bank, as the session takes it."""
    from pix_tui.core.model import ChallengeType

    match challenge.type:
        case ChallengeType.QCU:
            return next(iter(challenge.correct_indices))
        case ChallengeType.QCM:
            return challenge.correct_indices
        case ChallengeType.QROC:
            return challenge.answers[0]
        case _:
            return {name: challenge.blanks[name][0] for name in challenge.blank_names}


def derived(data_dir: Path, name: str, bank_dir: Path, now: datetime = FIXED_NOW) -> object:
    """What the core says about a profile on disk: the numbers the screens must show."""
    from pix_tui.core.loader import load_bank
    from pix_tui.core.profile import derive_profile
    from pix_tui.core.rules import DEFAULT_RULES
    from pix_tui.store import open_profile

    bank = load_bank(bank_dir).bank
    with open_profile(data_dir, name) as store:
        return derive_profile(
            bank, store.positionings(), store.answers(), store.resets(), now, DEFAULT_RULES
        )


def _loading(app: Any) -> bool:
    """A profile is open and its bank, or the profile derived from it, is still on the way."""
    ctx = app.ctx
    if ctx.store is None or not getattr(app, "_bank_requested", False):
        return False
    if ctx.load_report is None:
        return not app.bank_failed
    return ctx.bank is not None and app.profile_view is None


async def settle(pilot: Pilot[Any], within: float = 60.0) -> None:
    """Let workers finish and their results reach the screen.

    Once a profile is open, also wait for the bank (it loads from a timer after the first
    paint of home) and the derived profile, polling the app's state rather than sleeping,
    for as long as a loaded machine may need.
    """
    app = pilot.app
    from tests.app.flow_support import wait_for_workers

    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        await wait_for_workers(pilot)
        await pilot.pause()
        await wait_for_workers(pilot)
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers) and not _loading(app):
            return
        await pilot.pause(0.01)
    raise AssertionError("the app never settled")


@pytest.fixture(autouse=True)
def bank_loads_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app waits a moment after the first paint before loading the bank; tests need not."""
    monkeypatch.setattr("pix_tui.app.app.BANK_START_DELAY_S", 0.001)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("PIX_TUI_DATA", str(folder))
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    return folder


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    return write_small_bank(tmp_path / "bank")


@pytest.fixture
def clock() -> Clock:
    return Clock()


MakeApp = Callable[..., PixApp]


@pytest.fixture
def make_app(data_dir: Path, bank_dir: Path, clock: Clock) -> Iterator[MakeApp]:
    """`make_app(profile="Léa", lang="en", environ={...})`: a PixApp isolated in tmp_path."""

    def factory(*, environ: dict[str, str] | None = None, **options: object) -> PixApp:
        options.setdefault("challenges", bank_dir)
        options.setdefault("data_dir", str(data_dir))
        options.setdefault("lang", "fr")
        env = {"PIX_TUI_DATA": str(data_dir), "PIX_TUI_CACHE": "", "LANG": "fr_FR.UTF-8"}
        env.update(environ or {})
        return create_app(AppOptions(**options), environ=env, now=clock)  # type: ignore[arg-type]

    yield factory
