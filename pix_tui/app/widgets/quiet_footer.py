"""A Footer that is only rebuilt when what it draws changes, and forgets the keys it drops.

Textual rebuilds the footer every time focus moves, even to a widget offering the same keys;
over a slow SSH link each rebuild resends the whole bottom line for nothing. Between two
questions focus leaves the old answer before the new one takes it, which shows or hides `?`
for help: F1 is drawn for help either way, so the footer stays as it is.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

LET_GO_AFTER_S = 2.0
"""Old keys are let go of this long after the last rebuild, away from any question's paint."""


def shown_keys(screen: Screen[object]) -> tuple[tuple[str, str, str, bool], ...]:
    """What the footer draws: one key per action, the first bound (F1 for help, not also ?)."""
    drawn: dict[str, tuple[str, str, str, bool]] = {}
    for _node, binding, enabled, _tooltip in screen.active_bindings.values():
        if binding.show and binding.action not in drawn:
            drawn[binding.action] = (binding.key, binding.action, binding.description, enabled)
    return tuple(drawn.values())


class QuietFooter(Footer):
    _shown: tuple[tuple[str, str, str, bool], ...] | None = None
    """What is drawn now (None before the first rebuild)."""
    _let_go_timer: Timer | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._shown is not None and shown_keys(screen) == self._shown:
            return
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        if self.is_attached:
            keys = shown_keys(self.screen)
            if keys == self._shown:
                return
            self._shown = keys
        await super().recompose()
        if self._let_go_timer is not None:
            self._let_go_timer.stop()
        self._let_go_timer = self.set_timer(LET_GO_AFTER_S, self._let_go_of_removed_keys)

    def _let_go_of_removed_keys(self) -> None:
        """Each key follows the footer's `compact`, and Textual drops a removed key from the
        footer's watchers only when `compact` changes next: left so, every rebuild kept the
        old keys and their drawn lines in memory for as long as the screen lived. Switching
        it there and back makes Textual drop them; it restyles the footer, hence the delay."""
        self._let_go_timer = None
        compact = self.compact
        self.compact = not compact
        self.compact = compact
