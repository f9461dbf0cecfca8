"""Every challenge of the shipped bank, drawn at 80×24 on the real challenge screen.

The first screen must show the answer area and the key hint, and either the whole statement
or a line saying which key scrolls it, with no empty rows left while some of it is hidden.
A timed challenge must fit whole: scrolling costs time the learner did not choose to spend.
The test walks the bank: a new challenge too long for a lab terminal fails it until it fits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Static

from pix_tui.app import AppOptions
from pix_tui.app.app import create_app
from pix_tui.app.screens import positioning
from pix_tui.app.screens.positioning import PositioningScreen
from pix_tui.core.loader import default_bank_path, load_bank
from pix_tui.core.model import Challenge
from tests.app.flow_support import screen_text

SIZE = (80, 24)
SCREEN_DIR = Path(positioning.__file__).parent


class PreviewScreen(PositioningScreen):
    """The positioning screen without a session: it shows the challenges it is given."""

    CSS_PATH = [str(SCREEN_DIR / path) for path in PositioningScreen.CSS_PATH]  # noqa: RUF012

    async def on_mount(self) -> None:
        """No session to open."""


def shipped() -> list[Challenge]:
    return sorted(load_bank(default_bank_path()).bank.challenges, key=lambda c: c.id)


def problems_with(screen: PreviewScreen) -> list[str]:
    """What a learner at 80×24 could not see, in words."""
    view = screen.view
    assert view is not None
    footer_top = screen.query_one("QuietFooter", Widget).region.y
    found: list[str] = []

    def visible(widget: Widget) -> bool:
        region = widget.region
        return region.height > 0 and region.bottom <= footer_top

    if not visible(view.answer):
        found.append("answer area below the fold")
    if not visible(view.query_one(".challenge-hint", Static)):
        found.append("key hint below the fold")
    hidden = view.statement_hidden_rows
    if hidden and view.challenge.time_limit is not None:
        found.append(f"timed, yet {hidden} statement rows need scrolling: time lost reading")
    if hidden:
        more = view.query_one(".statement-more", Static)
        if not (more.display and visible(more)):
            found.append(f"{hidden} statement rows hidden and nothing says so")
        slot = screen.query_one("#challenge-slot", Widget)
        if slot.region.bottom - view.region.bottom > 1:
            found.append(f"{hidden} rows hidden while rows are left empty")
    return found


def short_report(challenge: Challenge, problems: list[str], text: str) -> str:
    return f"{challenge.id} ({challenge.path}): {'; '.join(problems)}\n{text}"


@pytest.mark.parametrize("demo", [True], ids=["demo badge shown"])
async def test_every_shipped_challenge_fits_at_80x24(demo: bool) -> None:
    challenges = shipped()
    app = create_app(AppOptions(demo=demo, lang="fr"), environ={"PIX_TUI_CACHE": ""})
    failures: list[str] = []
    scrolled: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = PreviewScreen(challenges[0].competence)
        await app.push_screen(screen)
        await pilot.pause()
        for challenge in challenges:
            await screen.show_challenge(challenge, "Question 1", 0)
            await pilot.pause()
            await pilot.pause()
            problems = problems_with(screen)
            if problems:
                failures.append(short_report(challenge, problems, screen_text(app)))
            view: Any = screen.view
            if view.statement_hidden_rows:
                scrolled.append(challenge.id)
    assert not failures, "\n\n".join(failures[:5]) + f"\n\n{len(failures)} challenge(s) in all"
    assert len(scrolled) <= len(challenges) // 10, f"too many need scrolling: {scrolled}"


def label_as_drawn(app: Any, label: Widget) -> str:
    """The words of a blank's label as the terminal shows them in the label's own cells."""
    region = label.region
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(row[region.x : region.right] for row in rows).split())


async def test_every_blank_label_of_the_shipped_bank_reads_whole_at_80x24() -> None:
    """A label cut at the column's width ("1. Champ de l'adresse" twice) leaves the learner
    guessing which blank is which: every label shows all its words, the longest included."""
    challenges = [c for c in shipped() if c.blank_names]
    longest = max(
        ((c, name) for c in challenges for name in c.blank_names),
        key=lambda pair: len(pair[0].label(pair[1])),
    )
    app = create_app(AppOptions(demo=True, lang="fr"), environ={"PIX_TUI_CACHE": ""})
    cut: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = PreviewScreen(challenges[0].competence)
        await app.push_screen(screen)
        await pilot.pause()
        for challenge in challenges:
            await screen.show_challenge(challenge, "Question 1", 0)
            await pilot.pause()
            await pilot.pause()
            labels = list(screen.query(".blank-label"))
            for number, (name, label) in enumerate(
                zip(challenge.blank_names, labels, strict=True), start=1
            ):
                wanted = " ".join(f"{number}. {challenge.label(name)}".split())
                drawn = label_as_drawn(app, label)
                if drawn != wanted:
                    cut.append(f"{challenge.id}: {wanted!r} drawn as {drawn!r}")
                if (challenge, name) == longest:
                    assert drawn == wanted, screen_text(app)
    assert not cut, "\n".join(cut[:10]) + f"\n{len(cut)} label(s) in all"
