"""A Footer that is only rebuilt when the keys it shows change, and forgets the keys it drops.

Textual rebuilds the footer every time focus moves, even to a widget offering the same keys;
over a slow SSH link each rebuild resends the whole bottom line for nothing.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen[object]) -> tuple[tuple[str, str, str, bool], ...]:
    return tuple(
        (binding.key, binding.action, binding.description, enabled)
        for _node, binding, enabled, _tooltip in screen.active_bindings.values()
        if binding.show
    )


class QuietFooter(Footer):
    _last_keys: tuple[tuple[str, str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        keys = shown_keys(screen)
        if keys == self._last_keys:
            return
        self._last_keys = keys
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        await super().recompose()
        self._let_go_of_removed_keys()

    def _let_go_of_removed_keys(self) -> None:
        """Each key follows the footer's `compact`, and Textual drops a removed key from the
        footer's watchers only when `compact` changes next: left so, every rebuild kept the
        old keys and their drawn lines in memory for as long as the screen lived. Switching
        it there and back (no paint between) makes Textual drop them."""
        compact = self.compact
        self.compact = not compact
        self.compact = compact
