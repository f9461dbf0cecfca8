"""A learner in a real browser: the served page creates a profile and answers a question."""

from __future__ import annotations

import pytest

from tests.browser.conftest import CHROMIUM_FLAGS, chromium_path
from tests.browser.terminal_page import TerminalPage

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not found: the browser test was skipped"
)


def test_a_learner_positions_in_the_browser_with_the_keyboard(served, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    url, data = served
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        screen = TerminalPage(page)
        page.goto(url)
        screen.wait_for("Qui s'entraîne ?")
        assert [u for u in asked if not u.startswith(("http://127.0.0.1", "ws://127.0.0.1"))] == []
        page.locator(".xterm-helper-textarea").focus()
        screen.type("Zoé")
        screen.press("Enter")
        mark = len(screen.frames)
        screen.press("Enter")
        screen.wait_for("b Parcourir", since=mark)
        screen.press("b")
        screen.wait_for("Entrée pour lancer un positionnement")
        mark = len(screen.frames)
        screen.press("Enter")
        screen.wait_for("Question 1", since=mark)
        screen.press("F2")
        screen.wait_for("Question 2", since=mark)

        second = TerminalPage(browser.new_page(viewport={"width": 1280, "height": 800}))
        second.page.goto(url)
        second.wait_for("Zoé")
        second.page.locator(".xterm-helper-textarea").focus()
        second.press("Enter")
        second.wait_for("est déjà ouvert")
        browser.close()
    assert list((data / "profiles").iterdir()), "the profile was saved by the served app"
