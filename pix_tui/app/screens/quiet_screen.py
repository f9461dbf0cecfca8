"""The base of the challenge-flow screens: a screen that does not repaint itself on focus.

Textual repaints the whole screen whenever focus moves, although the widgets that gain or
lose focus restyle themselves. Over SSH in a school lab that is a full screen of bytes for
every new question or Tab, so these screens leave the repaint to the widgets concerned.
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.widget import Widget

from pix_tui.app.screens.base import PixScreen


class QuietScreen(PixScreen[None]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
