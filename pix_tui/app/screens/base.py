"""What every pix-tui screen shares: the context, the translator, its translated keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual.screen import ModalScreen, Screen

from pix_tui.app.commands import Scope, install_bindings

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


class PixScreen(_PixMixin, Screen[ResultT]):
    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._install()


class PixModal(_PixMixin, ModalScreen[ResultT]):
    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._install()
