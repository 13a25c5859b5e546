"""TUI fixtures: the real server app in-process (temp SQLite, Maildir outbox), a real keyring
API with an in-memory backend, and a HelloWorkApp wired to them."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
import textual.app
import textual.pilot
from textual.pilot import Pilot

from api_client.device_store import DeviceTokenStore
from server.app import create_app
from server.config import ServerSettings
from strings.i18n import set_language
from tests.conftest import SettableClock
from tests.tui.pilot_waits import wait_for_busy_nodes, wait_until_quiet
from tests.tui.support import MemoryKeyring, TuiServer
from tui.app import HelloWorkApp
from tui.paths import Paths


@pytest.fixture(autouse=True, scope="session")
def _pilot_waits_on_the_app() -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    patch.setattr(Pilot, "_wait_for_screen", wait_for_busy_nodes)
    # Pilot.pause and Pilot.press wait with textual._wait.wait_for_idle, imported by name
    patch.setattr(textual.pilot, "wait_for_idle", wait_until_quiet)
    patch.setattr(textual.app, "wait_for_idle", wait_until_quiet)
    yield
    patch.undo()


@pytest.fixture
async def tui_server(
    tmp_path: Path, database_url: str, clock: SettableClock
) -> AsyncIterator[TuiServer]:
    """The server as the embedded mode runs it: demo data seeded, mail into a Maildir.

    `database_url` (a copy of the migrated template DB) and `clock` come from tests/conftest.py.
    """
    maildir = tmp_path / "outbox"
    settings = ServerSettings(
        data_dir=tmp_path / "server",
        database_url=database_url,
        maildir=maildir,
        secret_key=secrets.token_urlsafe(48),
        embedded=True,
        seed_demo=True,
        demo_jobs=0,  # search tests seed the postings they need
    )
    app = create_app(settings, clock=clock)
    async with app.router.lifespan_context(app):
        yield TuiServer(app, settings, maildir, clock)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _japanese_default() -> Iterator[None]:
    set_language("ja")
    yield
    set_language("ja")


@pytest.fixture
def make_app(
    tui_server: TuiServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> Callable[..., HelloWorkApp]:
    def make(**kwargs: Any) -> HelloWorkApp:
        home = tmp_path / "home"
        kwargs.setdefault("client_factory", tui_server.client)
        kwargs.setdefault("device_store", DeviceTokenStore(enabled=not kwargs.get("kiosk", False)))
        kwargs.setdefault("mailbox_dir", tui_server.maildir)
        kwargs.setdefault("paths", Paths(data_dir=home, config_dir=home / "config"))
        app = HelloWorkApp(**kwargs)
        # Notifications stay until the test has read them, however slow the machine.
        app.NOTIFICATION_TIMEOUT = 3600
        return app

    return make
