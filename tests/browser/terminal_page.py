"""What the served page's terminal shows, read from the bytes the page receives."""

from __future__ import annotations

import re
import time
from typing import Any

ANSI = re.compile(
    r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)"
)

KEY_PAUSE_MS = 300


class TerminalPage:
    """Collects every frame the app sends to the page's terminal, as plain text."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.frames: list[str] = []
        page.on("websocket", self._watch)

    def _watch(self, websocket: Any) -> None:
        websocket.on("framereceived", self._received)

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.frames.append(ANSI.sub("", payload.decode("utf-8", "replace")))

    def press(self, key: str) -> None:
        """One key, then the pause of a person's hand, so the app sees keys in order."""
        self.page.keyboard.press(key)
        self.page.wait_for_timeout(KEY_PAUSE_MS)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text, delay=50)
        self.page.wait_for_timeout(KEY_PAUSE_MS)

    def settle(self, quiet_ms: int = 400, timeout: float = 5.0) -> None:
        """Wait until the app stops drawing, as a person waits for a screen before typing."""
        deadline = time.monotonic() + timeout
        count = -1
        while count != len(self.frames) and time.monotonic() < deadline:
            count = len(self.frames)
            self.page.wait_for_timeout(quiet_ms)

    def text(self) -> str:
        return "".join(self.frames)

    def wait_for(self, words: str, timeout: float = 60.0, since: int = 0) -> None:
        """Wait until `words` arrive (spaces inside a line may be drawn as cursor moves)."""
        wanted = words.replace(" ", "")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if wanted in "".join(self.frames[since:]).replace(" ", ""):
                self.settle()
                return
            self.page.wait_for_timeout(100)
        raise AssertionError(f"{words!r} never shown; last text: {self.text()[-800:]!r}")
