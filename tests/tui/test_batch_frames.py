"""A frame asked for while the App batches updates is held, then painted when the batch ends
(screens.base.HoldsFrameInBatch, tui/batch_frames.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from screens.base import HoldsFrameInBatch
from tui.batch_frames import PaintAfterBatch


class _Screen(HoldsFrameInBatch, Screen[None]):
    def __init__(self) -> None:
        super().__init__()
        self.rendered = 0

    def compose(self) -> ComposeResult:
        yield Static("before", id="text")

    def _compositor_refresh(self) -> None:
        if not self._hold_frame():
            self.rendered += 1
            super()._compositor_refresh()


def _held(screen: _Screen) -> bool:
    return screen.frame_held


class _App(PaintAfterBatch[None]):
    def on_mount(self) -> None:
        self.push_screen(_Screen())


async def test_a_frame_held_in_a_batch_is_painted_when_it_ends() -> None:
    app = _App()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _Screen)
        text = screen.query_one("#text", Static)
        with app.batch_update():  # as in a mode switch's hold: a resize lays the screen out
            text.update("after")
            await pilot.resize_terminal(60, 20)
            await pilot.pause()
            rendered = screen.rendered
            assert _held(screen)  # asked for, not rendered
            assert screen._compositor._dirty_regions  # still to be painted
        assert not _held(screen)
        assert screen.rendered == rendered + 1  # painted as the batch ended
        assert "after" in "".join(strip.text for strip in screen._compositor.render_strips())
