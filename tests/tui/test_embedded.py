"""The built-in server as a real child process (marked e2e: starts processes)."""

from __future__ import annotations

import asyncio
import os
import signal
import tempfile
from pathlib import Path

import pytest

from api_client.client import MyPageClient
from api_client.device_store import DeviceTokenStore
from screens.home import HomeScreen
from screens.login import LoginScreen
from screens.otp import OtpScreen
from session.outbox import list_messages
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import DEMO_EMAIL, DEMO_PASSWORD, MemoryKeyring, mail_value
from tui.app import HelloWorkApp
from tui.embedded import EmbeddedServer
from tui.paths import Paths
from widgets.link_list import LinkList

pytestmark = pytest.mark.e2e


@pytest.fixture
def short_paths() -> Paths:
    # tmp_path can be too long for a Unix socket; a short temp dir keeps the UDS path.
    base = Path(tempfile.mkdtemp(prefix="hw-"))
    return Paths(data_dir=base, config_dir=base / "config")


async def test_server_child_over_unix_socket_starts_and_stops(short_paths: Paths) -> None:
    server = EmbeddedServer(short_paths)
    assert server.endpoint.uds is not None
    server.start()
    try:
        await server.wait_ready()
        async with MyPageClient(server.endpoint.base_url, uds=server.endpoint.uds) as client:
            meta = await client.meta()
        assert meta.embedded and meta.mailbox_readable
    finally:
        proc = server._proc
        server.stop()
    assert proc is not None and proc.returncode is not None
    assert server.endpoint.uds not in {str(p) for p in short_paths.data_dir.iterdir()}


async def test_long_data_dir_falls_back_to_loopback_tcp(tmp_path: Path) -> None:
    base = tmp_path / ("d" * 110)
    server = EmbeddedServer(Paths(data_dir=base, config_dir=base / "config"), seed_demo=False)
    assert server.endpoint.uds is None
    assert server.endpoint.base_url.startswith("http://127.0.0.1:")
    server.start()
    try:
        await server.wait_ready()
        async with MyPageClient(server.endpoint.base_url) as client:
            assert (await client.meta()).embedded
    finally:
        server.stop()


async def test_server_that_cannot_start_is_reported_on_the_login_screen(
    short_paths: Paths,
) -> None:
    short_paths.database.mkdir(parents=True)  # a directory where the SQLite file should be
    app = HelloWorkApp(paths=short_paths, device_store=DeviceTokenStore(MemoryKeyring()))
    async with app.run_test(size=(100, 40)) as pilot:
        # The start is attempted on a timer after the first frame: wait for its outcome
        # (however long a busy machine takes), not for a number of idle rounds.
        await app._client_event.wait()
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert "内蔵サーバーを起動できませんでした" in screen_text(pilot)
        assert str(short_paths.server_log) in screen_text(pilot)
        # Enter gives the same clear message instead of a crash.
        await type_text(pilot, DEMO_EMAIL)
        await pilot.press("tab")
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        message = app.screen.query_one("#message").text
        assert message.startswith("内蔵サーバーを起動できませんでした")


async def test_app_paints_login_first_and_waits_for_the_server(short_paths: Paths) -> None:
    app = HelloWorkApp(paths=short_paths, device_store=DeviceTokenStore(MemoryKeyring()))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        if not app.client_ready:
            assert "サーバーを起動しています" in screen_text(pilot)
        # Typing and Enter before the server is up: the login waits instead of failing.
        await type_text(pilot, DEMO_EMAIL)
        await pilot.press("tab")
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OtpScreen), screen_text(pilot)
        otp = mail_value(list_messages(short_paths.maildir)[0], r"One-time password: (\d{6})")
        await type_text(pilot, otp)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), screen_text(pilot)
        embedded = app._embedded
        assert embedded is not None
    # Leaving the app stops the child.
    assert embedded._proc is None


async def test_server_option_uses_a_running_server(tmp_path: Path) -> None:
    """`hellowork --server URL`: the app imports the client itself and talks HTTP."""
    base = tmp_path / ("s" * 110)  # long path: the server listens on loopback TCP
    server_paths = Paths(data_dir=base, config_dir=base / "config")
    server = EmbeddedServer(server_paths)
    server.start()
    try:
        await server.wait_ready()
        home = tmp_path / "client"
        app = HelloWorkApp(
            server_url=server.endpoint.base_url,
            paths=Paths(data_dir=home, config_dir=home / "config"),
            device_store=DeviceTokenStore(MemoryKeyring()),
        )
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            # No mailbox against a real deployment.
            links = app.screen.query_one(LinkList)
            assert "mailbox" not in [link.id for link in links.shown]
            assert "メールボックス" not in str(links.render())
            await type_text(pilot, DEMO_EMAIL)
            await pilot.press("tab")
            await type_text(pilot, DEMO_PASSWORD)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, OtpScreen), screen_text(pilot)
            messages = list_messages(server_paths.maildir)
            await type_text(pilot, mail_value(messages[0], r"One-time password: (\d{6})"))
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen), screen_text(pilot)
    finally:
        server.stop()


async def test_a_server_that_dies_is_restarted_and_the_session_kept(short_paths: Paths) -> None:
    """Issue 12 item 4: F5 used to fail forever once the child died; now the app starts a
    new one, says so, and the user is still signed in."""
    app = HelloWorkApp(paths=short_paths, device_store=DeviceTokenStore(MemoryKeyring()))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await type_text(pilot, DEMO_EMAIL)
        await pilot.press("tab")
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OtpScreen), screen_text(pilot)
        otp = mail_value(list_messages(short_paths.maildir)[0], r"One-time password: (\d{6})")
        await type_text(pilot, otp)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), screen_text(pilot)

        first = app._embedded
        assert first is not None and first.pid is not None
        os.kill(first.pid, signal.SIGKILL)
        # Wait for the outcome (a new server answering), however long the machine takes.
        async with asyncio.timeout(120):
            while not (app._embedded is not first and app.client_ready):
                await pilot.pause(0.05)
            await settle(pilot)
        notices = " ".join(str(n.message) for n in app._notifications).replace("\n", "")
        assert "内蔵サーバーが停止したため、再起動しました" in notices

        second = app._embedded
        assert second is not None and second.pid not in (None, first.pid)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), screen_text(pilot)
        assert "求職 太郎" in screen_text(pilot)
        assert "通信環境" not in screen_text(pilot)
