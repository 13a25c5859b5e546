"""A frame held back during a batch of updates is painted the moment the batch ends.

Textual renders the current screen even while the App batches updates (its start-up,
the hold of a mode switch, a batch of pops) and then drops the frame. Our screens hold it
instead (`screens.base.HoldsFrameInBatch`): their dirty regions stay dirty. Ending the
batch, Textual only checks for idle work, so nothing would paint those regions until some
other refresh came along; here the held frame is painted at once.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import App, ScreenStackError, UnknownModeError

R = TypeVar("R")


class PaintAfterBatch(App[R]):
    """Mixin for the App: see the module's docstring."""

    def _end_batch(self) -> None:
        super()._end_batch()
        if self._batch_count or not self.is_running:
            return
        try:
            screen = self.screen
        except (ScreenStackError, UnknownModeError):
            return
        if getattr(screen, "frame_held", False):
            if screen._layout_required:
                # Painted now, it would be laid out as before the batch and then painted
                # again: the screen's own update lays it out and paints it all, once —
                # once the messages already queued for it are handled, not on the next
                # tick of its update timer (up to 1/60 s later).
                screen.call_next(screen._on_timer_update)
            else:
                screen._compositor_refresh()
