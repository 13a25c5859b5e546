"""Mode (pane) switches painted at once, in one whole frame.

Textual's `App.switch_mode` holds every screen update for a fixed 50 ms (`delay_update`).
The reason: the screen being shown again keeps the compositor of its last showing, so its
first render after the switch is a partial update of what changed since (often only the
key line), which would land on the terminal over the old pane; after the delay the screen
is repainted whole. Measured in tmux, that wait was most of a pane switch: the Alt+digit
reached the app in under 1 ms, the pane was painted 50 ms and more later, after two renders
that were thrown away (the partial one, then the one after the resume) and a third, whole.

Here the screen's compositor is told before the switch that the whole terminal is to be
painted (the same mark Textual uses for a full repaint), so the render Textual does during
the switch is the whole new pane, written at once, and there is no hold. What the screen's
resume handlers change afterwards (focus, the key line) follows as usual partial updates.
A screen that will change much on its resume (`changes_on_resume`: its texts are in the
language used before a switch of language) is still shown after Textual's hold.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.app import App
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import AwaitMount

R = TypeVar("R")


class WholeFrameModeSwitch(App[R]):
    """Mixin for the App: see the module's docstring."""

    _switching_mode = False

    def switch_mode(self, mode: str) -> AwaitMount:
        stack = self._screen_stacks.get(mode)
        if mode == self.current_mode or not stack or self.changes_on_resume(stack[-1]):
            return super().switch_mode(mode)  # a new pane's screen, or Textual's hold
        # Textual's reflow adds no smaller regions once the whole screen is marked.
        stack[-1]._compositor._dirty_regions.add(Region(0, 0, *self.size))
        self._switching_mode = True
        try:
            return super().switch_mode(mode)
        finally:
            self._switching_mode = False

    def changes_on_resume(self, screen: Screen[Any]) -> bool:
        """True when `screen` will change much of what it shows when it is resumed."""
        return False

    def delay_update(self, delay: float = 0.05) -> None:
        if self._switching_mode:
            return  # no hold needed: the switch paints the new pane whole (see above)
        super().delay_update(delay)
