"""A frame asked for while the App batches updates is held, then painted when the batch ends,
and no frame is rendered twice (screens.base.HoldsFrameInBatch, tui/batch_frames.py)."""

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


def _text(screen: _Screen) -> str:
    return "".join(strip.text for strip in screen._compositor.render_strips())


async def test_a_frame_held_in_a_batch_is_painted_when_it_ends() -> None:
    app = _App()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _Screen)
        rendered = screen.rendered
        with app.batch_update():
            screen.refresh()
            screen._compositor_refresh()  # as the end of a layout inside a batch asks
            assert _held(screen)  # asked for, not rendered
            assert screen.rendered == rendered
        assert not _held(screen)
        assert screen.rendered == rendered + 1  # painted as the batch ended


async def test_a_frame_held_with_a_layout_to_do_is_laid_out_then_painted_once() -> None:
    app = _App()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _Screen)
        text = screen.query_one("#text", Static)
        rendered = screen.rendered
        with app.batch_update():  # as in a mode switch's hold: a resize lays the screen out
            text.update("after\nand a second line")
            await pilot.resize_terminal(60, 20)
            await pilot.pause()
            assert _held(screen)  # asked for, not rendered
            assert screen.rendered == rendered
        await pilot.pause()
        # Not painted as it was laid out in the batch and then again after a new layout.
        assert screen.rendered == rendered + 1
        assert "after" in _text(screen) and "second line" in _text(screen)


async def test_a_repaint_asked_with_a_layout_is_one_render() -> None:
    app = _App()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _Screen)
        rendered = screen.rendered
        screen.refresh(layout=True)  # as Textual does when a screen is shown again
        await pilot.pause()
        assert screen.rendered == rendered + 1
