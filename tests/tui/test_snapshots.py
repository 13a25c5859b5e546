"""Snapshots of the main screens (pytest-textual-snapshot): login, Home, the search form,
results, a job sheet and favorites, in Japanese and English, at 80×24 and 120×40, and in the
kiosk's high-contrast theme at 80×24.

The snapshot plugin runs the app in an event loop of its own, so the server cannot live in
the test's loop: it runs in a thread of its own (uvicorn on a loopback socket, the real app
on a copy of the test database, a fixed clock), and the app talks to it over HTTP with the
real client — nothing faked. Every step is taken with keys; waits are on the app's own work.

Update after a deliberate change of the screens: `pytest tests/tui/test_snapshots.py
--snapshot-update`, then look at the new SVGs before committing them.
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from textual.pilot import Pilot
from textual.widgets import Input

from api_client.device_store import DeviceTokenStore
from screens.favorites import FavoritesScreen
from screens.home import HomeScreen
from screens.job_sheet import JobSheetScreen
from screens.login import LoginScreen
from screens.otp import OtpScreen
from screens.results import ResultsScreen
from screens.search import SearchScreen
from server.app import create_app
from server.config import ServerSettings
from server.jobs.demo.generate import load_sqlite
from session.outbox import list_messages
from tests.conftest import SettableClock
from tests.tui.flows import N_POSTINGS, TODAY
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import DEMO_EMAIL, DEMO_PASSWORD, MemoryKeyring, mail_value
from tui.app import HelloWorkApp
from tui.paths import Paths

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
LANGS = ("ja", "en")


@pytest.fixture(scope="session")
def _postings_db(_template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The migrated template with the generated (架空) postings, built once per worker."""
    target = tmp_path_factory.mktemp("snapshots") / "postings.db"
    shutil.copyfile(_template_db, target)
    load_sqlite(str(target), N_POSTINGS, seed=11, today=TODAY, workers=1)
    return target


class _Server(uvicorn.Server):
    """uvicorn that says when it is serving, so nobody has to poll for it."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.ready.set()


@dataclass
class Served:
    url: str
    maildir: Path


@pytest.fixture
def served(_postings_db: Path, tmp_path: Path) -> Iterator[Served]:
    """The real server app in a thread of its own, on a fresh copy of the database."""
    db = tmp_path / "hellowork.db"
    shutil.copyfile(_postings_db, db)
    maildir = tmp_path / "outbox"
    settings = ServerSettings(
        data_dir=tmp_path / "server",
        database_url=f"sqlite+aiosqlite:///{db}",
        maildir=maildir,
        secret_key=secrets.token_urlsafe(48),
        embedded=True,
        seed_demo=True,
        demo_jobs=0,
    )
    app = create_app(settings, clock=SettableClock())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = _Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    if not server.ready.wait(timeout=120):
        raise RuntimeError("the server did not start")
    try:
        yield Served(f"http://127.0.0.1:{port}", maildir)
    finally:
        server.should_exit = True
        thread.join(timeout=60)
        sock.close()


def make_app(served: Served, lang: str, tmp_path: Path, *, kiosk: bool = False) -> HelloWorkApp:
    home = tmp_path / "home"
    return HelloWorkApp(
        server_url=served.url,
        lang="ja" if lang == "ja" else "en",
        device_store=DeviceTokenStore(enabled=not kiosk),
        mailbox_dir=served.maildir,
        paths=Paths(data_dir=home, config_dir=home / "config"),
        kiosk=kiosk,  # and so the high-contrast theme
    )


async def still(pilot: Pilot[Any]) -> None:
    """Everything loaded, and nothing that moves on its own: the cursor of text fields
    blinks, so it is held on."""
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def to_login(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, HelloWorkApp)
    await app.get_client()  # "starting the server…" gone
    await still(pilot)
    assert isinstance(app.screen, LoginScreen)


async def to_home(pilot: Pilot[Any], maildir: Path) -> None:
    await to_login(pilot)
    await type_text(pilot, DEMO_EMAIL)
    await pilot.press("tab")
    await type_text(pilot, DEMO_PASSWORD)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, OtpScreen), screen_text(pilot)
    newest = list_messages(maildir)[0]
    await type_text(pilot, mail_value(newest, r"One-time password: (\d{6})"))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen), screen_text(pilot)
    await still(pilot)


async def to_search(pilot: Pilot[Any], maildir: Path) -> None:
    await to_home(pilot, maildir)
    await pilot.press("alt+2")
    await still(pilot)
    assert isinstance(pilot.app.screen, SearchScreen)


async def to_results(pilot: Pilot[Any], maildir: Path) -> None:
    await to_search(pilot, maildir)
    await pilot.press("ctrl+s")
    await still(pilot)
    assert isinstance(pilot.app.screen, ResultsScreen)


async def to_sheet(pilot: Pilot[Any], maildir: Path) -> None:
    await to_results(pilot, maildir)
    await pilot.press("enter")
    await still(pilot)
    assert isinstance(pilot.app.screen, JobSheetScreen)


async def to_favorites(pilot: Pilot[Any], maildir: Path) -> None:
    await to_results(pilot, maildir)
    await pilot.press("f", "down", "f")  # two postings saved
    await settle(pilot)
    await pilot.press("alt+5")
    await still(pilot)
    assert isinstance(pilot.app.screen, FavoritesScreen)


STEPS: dict[str, Callable[..., Any]] = {
    "login": lambda pilot, maildir: to_login(pilot),
    "home": to_home,
    "search": to_search,
    "results": to_results,
    "sheet": to_sheet,
    "favorites": to_favorites,
}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", list(STEPS))
def test_screen(
    screen: str,
    lang: str,
    size: str,
    served: Served,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    snap_compare: Callable[..., bool],
) -> None:
    step = STEPS[screen]

    async def run_before(pilot: Pilot[Any]) -> None:
        await step(pilot, served.maildir)

    assert snap_compare(
        make_app(served, lang, tmp_path), terminal_size=SIZES[size], run_before=run_before
    )


@pytest.mark.parametrize("screen", list(STEPS))
def test_screen_high_contrast(
    screen: str,
    served: Served,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    snap_compare: Callable[..., bool],
) -> None:
    """The kiosk's high-contrast theme (also that of 16-colour terminals) at 80×24."""
    step = STEPS[screen]

    async def run_before(pilot: Pilot[Any]) -> None:
        await step(pilot, served.maildir)

    app = make_app(served, "ja", tmp_path, kiosk=True)
    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=run_before)


def test_the_event_loops_stay_apart(served: Served) -> None:
    """The server answers from its own thread while this thread runs a loop of its own."""
    from api_client.client import MyPageClient

    async def ask() -> str:
        client = MyPageClient(served.url)
        try:
            return (await client.meta()).instance_id
        finally:
            await client.aclose()

    assert asyncio.run(ask())
