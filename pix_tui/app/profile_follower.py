"""Views of the learner's profile that redraw only while they can be seen.

After every answer the app re-derives the profile and sets `profile_view`. The screens under a
positioning (home, browse) used to redraw at once, and to rebuild their footers, although the
question hides them: work on every answer, in the very moment the next question is drawn. A
follower out of sight only notes that it is behind, and catches up when its screen comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

_Base = DOMNode if TYPE_CHECKING else object


def in_sight(screen: Screen[Any]) -> bool:
    """The top screen, or one that only dialogs cover (a dialog leaves it visible around)."""
    stack = screen.app.screen_stack
    if screen not in stack:
        return screen.is_current
    above = stack[stack.index(screen) + 1 :]
    return all(isinstance(other, ModalScreen) for other in above)


class ProfileFollower(_Base):
    """Mixed into a screen or a widget that shows the app's `profile_view`; its screen calls
    `catch_up_profile` when it comes back (`screens/base.py`)."""

    _show_profile: Callable[[Any], None] | None = None
    _profile_behind = False

    def follow_profile(self, show: Callable[[Any], None]) -> None:
        """Call `show` with the profile view now, then on each change while in sight."""
        self._show_profile = show
        self.watch(self.app, "profile_view", self._profile_changed)

    def _profile_changed(self, profile: Any) -> None:
        if self._show_profile is None:
            return
        if in_sight(self.screen):
            self._profile_behind = False
            self._show_profile(profile)
        else:
            self._profile_behind = True

    def catch_up_profile(self) -> None:
        """Back in sight: the latest profile view, once, if one came meanwhile."""
        if self._profile_behind and self._show_profile is not None:
            self._profile_behind = False
            self._show_profile(self.app.profile_view)  # type: ignore[attr-defined]


def catch_up(screen: Screen[Any]) -> None:
    """The screen and its widgets that follow the profile catch up (the screen is back)."""
    for node in (screen, *screen.walk_children()):
        if isinstance(node, ProfileFollower):
            node.catch_up_profile()
