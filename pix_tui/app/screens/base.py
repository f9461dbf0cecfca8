"""What every pix-tui screen shares: the context, the translator, its translated keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual import events
from textual.actions import parse as parse_action
from textual.screen import ModalScreen, Screen

from pix_tui.app.commands import Scope, install_bindings
from pix_tui.app.profile_follower import catch_up

if TYPE_CHECKING:
    from pix_tui.app.app import PixApp
    from pix_tui.app.context import AppContext

ResultT = TypeVar("ResultT")


class _PixMixin:
    SCOPE: ClassVar[Scope | None] = None

    def _install(self) -> None:
        if self.SCOPE is not None:
            install_bindings(self, self.SCOPE, self.ctx.tr)  # type: ignore[arg-type]

    @property
    def pix_app(self) -> PixApp:
        return cast("PixApp", self.app)  # type: ignore[attr-defined]

    @property
    def ctx(self) -> AppContext:
        return self.pix_app.ctx

    def tr(self, key: str, /, **values: object) -> str:
        return self.ctx.tr(key, **values)

    def unavailable_reason(self, action: str) -> str:
        """Why one of this screen's greyed keys does nothing now; empty: nothing to say."""
        return ""

    def explain_unavailable(self, action: str) -> bool:
        """Say why a key does nothing; False when the screen has nothing to say."""
        reason = self.unavailable_reason(action)
        if reason:
            self.show_unavailable(reason)
        return bool(reason)

    def show_unavailable(self, reason: str) -> None:
        """A notice by the footer; a screen with a status line of its own writes it there."""
        self.notify(reason, severity="warning", timeout=8)  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        """Views of the profile left behind while covered are brought up to date."""
        catch_up(self)  # type: ignore[arg-type]

    def on_key(self, event: events.Key) -> None:
        """A greyed key (its action refused by `check_action`) reaches here unhandled: rather
        than nothing, the learner is told why and when it will work."""
        active = self.active_bindings.get(event.key)  # type: ignore[attr-defined]
        if active is None or active.enabled or active.node is not self:
            return
        _, action, _ = parse_action(active.binding.action)
        if self.explain_unavailable(action):
            event.stop()


class PixScreen(_PixMixin, Screen[ResultT]):
    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._install()


class PixModal(_PixMixin, ModalScreen[ResultT]):
    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._install()
