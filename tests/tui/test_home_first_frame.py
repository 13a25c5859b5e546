"""Home's first frame after sign-in: it waits for the answers Home asked for ahead, and shows
them with it (one layout and render instead of an empty Home and then a filled one); an
answer that is slow to come does not keep Home off the screen for more than a moment."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from starlette.types import ASGIApp, Receive, Scope, Send
from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate
from textual.pilot import Pilot

from api_client._http import ASGITransport
from api_client.client import MyPageClient
from screens.home import HomeScreen
from tests.tui.flows import SIZE, sign_in
from tests.tui.helpers import settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp

TITLE = "求職者マイページホーム"
OFFICE = "利用安定所名"  # Home's own answer
ACTIVITY = "メッセージを読む"  # the activity section's answer


class HeldActivity:
    """The real server, with its answer to Home's activity request held until `release`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.asked = asyncio.Event()
        self.released = asyncio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].endswith("/me/home/activity"):
            self.asked.set()
            await self.released.wait()
        await self.app(scope, receive, send)

    def release(self) -> None:
        self.released.set()


def held_app(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> tuple[HeldActivity, HelloWorkApp]:
    """The app, talking to the real server whose activity answer is held."""
    server = HeldActivity(tui_server.app)
    return server, make_app(
        client_factory=lambda: MyPageClient(transport=ASGITransport(app=server))
    )


def frame_text(update: Any) -> str:
    if isinstance(update, LayoutUpdate):
        return "\n".join("".join(strip.text for strip in line) for line in update.strips)
    if isinstance(update, ChopsUpdate):
        return "\n".join(
            "".join(strip.text for strip in chop.values() if strip is not None)
            for chop in update.chops
        )
    return ""


def home_frames(app: HelloWorkApp) -> list[str]:
    """From now on, the text of every frame of Home handed to the terminal, in order."""
    frames: list[str] = []
    display = app._display

    def recording(screen: Any, renderable: Any) -> None:
        if isinstance(screen, HomeScreen) and renderable is not None and not app._batch_count:
            frames.append(frame_text(renderable))
        display(screen, renderable)

    app._display = recording  # type: ignore[method-assign]
    return frames


async def until(pilot: Pilot[object], condition: Callable[[], bool], what: str) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never came: {what}")


def home_shows(app: HelloWorkApp, text: str) -> bool:
    screen = app.screen
    return isinstance(screen, HomeScreen) and any(
        text in str(widget.render()) for widget in screen.query("Static")
    )


async def test_home_is_first_painted_with_its_answers(
    make_app: Callable[..., HelloWorkApp],
    tui_server: TuiServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(HomeScreen, "FIRST_FRAME_WAIT", 3600.0)  # only the answers end it
    server, app = held_app(make_app, tui_server)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await type_text(pilot, tui_server.latest_otp())
        frames = home_frames(app)
        await pilot.press("enter")
        await until(pilot, lambda: home_shows(app, OFFICE), "Home's own answer shown")
        assert server.asked.is_set()
        assert frames == []  # Home's other answer is not in yet: nothing painted
        server.release()
        await settle(pilot)
        assert frames, "Home was never painted"
        first = frames[0]
        assert TITLE in first and OFFICE in first and ACTIVITY in first


async def test_home_is_painted_without_an_answer_that_is_slow_to_come(
    make_app: Callable[..., HelloWorkApp],
    tui_server: TuiServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(HomeScreen, "FIRST_FRAME_WAIT", 0.001)
    server, app = held_app(make_app, tui_server)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await type_text(pilot, tui_server.latest_otp())
        frames = home_frames(app)
        await pilot.press("enter")
        await until(pilot, lambda: any(TITLE in frame for frame in frames), "Home painted")
        assert not any(ACTIVITY in frame for frame in frames)  # still held by the server
        painted = len(frames)
        server.release()
        await settle(pilot)
        # The section is painted once its answer comes.
        assert any(ACTIVITY in frame for frame in frames[painted:])


async def test_home_is_laid_out_once_for_its_first_frame(
    make_app: Callable[..., HelloWorkApp],
    tui_server: TuiServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not as it is shown, not again on the Resize that follows, and once more with the
    answers: one layout, with the answers in, then the frame."""
    monkeypatch.setattr(HomeScreen, "FIRST_FRAME_WAIT", 3600.0)  # only the answers end it
    layouts: list[int] = []  # Home's layouts, one entry per frame painted before it
    reflow = Compositor.reflow

    def counting(self: Compositor, parent: Any, size: Any) -> Any:
        if isinstance(parent, HomeScreen):
            layouts.append(len(frames))
        return reflow(self, parent, size)

    monkeypatch.setattr(Compositor, "reflow", counting)
    server, app = held_app(make_app, tui_server)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await type_text(pilot, tui_server.latest_otp())
        frames = home_frames(app)
        await pilot.press("enter")
        await until(pilot, lambda: home_shows(app, OFFICE), "Home's own answer shown")
        await until(pilot, server.asked.is_set, "Home's activity asked for")
        for _ in range(5):
            await pilot.pause()
        assert layouts == []  # shown, resized, its own answer in: not laid out yet
        server.release()
        await settle(pilot)
        assert frames, "Home was never painted"
        assert ACTIVITY in frames[0]
        assert layouts[:2] == [0, 1]  # once before its first frame (the next after it)


async def test_home_with_its_answers_in_as_it_is_mounted_is_laid_out_once(
    make_app: Callable[..., HelloWorkApp],
    tui_server: TuiServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Answers that came before Home was mounted: no hold of Home's own, but Textual holds
    updates while it switches to Home's pane; Home is laid out once as that ends."""
    layouts: list[int] = []
    reflow = Compositor.reflow
    mounted_with_answers: list[bool] = []
    on_mount = HomeScreen.on_mount

    def counting(self: Compositor, parent: Any, size: Any) -> Any:
        if isinstance(parent, HomeScreen):
            layouts.append(len(frames))
        return reflow(self, parent, size)

    async def mounting(self: HomeScreen) -> None:
        await asyncio.wait(list(self._ahead.values()))  # every answer in first
        on_mount(self)
        mounted_with_answers.append(self._frame_hold is None)

    monkeypatch.setattr(Compositor, "reflow", counting)
    monkeypatch.setattr(HomeScreen, "on_mount", mounting)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await type_text(pilot, tui_server.latest_otp())
        frames = home_frames(app)
        await pilot.press("enter")
        await until(pilot, lambda: bool(frames), "Home painted")
        await settle(pilot)
        assert mounted_with_answers == [True], "the answers were not in as Home was mounted"
        assert OFFICE in frames[0] and ACTIVITY in frames[0]
        assert layouts[:2] == [0, 1]  # once before its first frame (the next after it)


async def test_home_brings_no_stylesheet_source_to_parse(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """The default CSS of Home's widgets is parsed while the user signs in, not as Home is
    mounted after the one-time password."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await type_text(pilot, tui_server.latest_otp())
        await settle(pilot)
        sources = set(app.stylesheet.source)
        await pilot.press("enter")
        await until(pilot, lambda: home_shows(app, OFFICE), "Home shown")
        assert set(app.stylesheet.source) == sources
        assert not app.stylesheet._require_parse
