"""Shared fixtures for the app tests: an isolated data dir, a small valid bank, an app factory.

Nothing here touches the learner's real data directory: every app gets PIX_TUI_DATA and
--data-dir pointing into tmp_path, and the parse cache is switched off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

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
