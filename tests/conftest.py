"""Shared fixtures: the real server app on a real SQLite file, mail through a real SMTP server
(aiosmtpd) that tests read, a settable clock, and a throwaway PostgreSQL cluster.

    async def test_x(api, outbox, account):
        res = await api.login(account.email, account.password)
        await api.verify_otp(res.login_ticket, outbox.read_otp(account.email))
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import gc
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from argon2 import PasswordHasher
from fastapi import FastAPI

from api_client.client import MyPageClient
from api_client.validation import email_key
from server import security
from server.accounts.models import Seeker
from server.accounts.service import (
    create_account,
    get_or_create_office,
)
from server.app import create_app
from server.config import ServerSettings
from server.context import ServiceEnv
from server.db.engine import create_engine
from server.db.migrate import upgrade_to_head
from server.jst import end_of_month_after_next, today_jst
from server.mail.templates import AUTH_KEY_LABEL_EN, OTP_LABEL_EN
from server.state import AppState

TEST_SECRET = "test-secret-" + "x" * 40
START = datetime(2026, 5, 11, 0, 30, tzinfo=UTC)  # a Monday, 09:30 JST


# --------------------------------------------------------------------------- password hashing

# The server's argon2id hasher as production runs it (19 MiB, t=2: ~0.1 s of a CPU per hash).
PRODUCTION_HASHER: PasswordHasher = security._hasher
# The same algorithm at its lowest cost. Tests hash and verify thousands of passwords
# (every seeded account, sign-in, reset, registration); at production cost that alone was
# minutes of the suite's CPU, and no test is about argon2's cost except the one that checks
# the production parameters (it asks for `production_password_hashing`). Server processes
# that tests start (e2e, the embedded server) hash at production cost.
CHEAP_HASHER: PasswordHasher = security.SodiumArgon2id(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    patch.setattr(security, "_hasher", CHEAP_HASHER)
    yield
    patch.undo()


@pytest.fixture
def production_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "_hasher", PRODUCTION_HASHER)


# --------------------------------------------------------------------------- clock


class SettableClock:
    """A `server.clock.Clock` the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        self._now += delta if delta is not None else timedelta(**kwargs)
        return self._now


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock()


# --------------------------------------------------------------------------- mail


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class ReceivedMail:
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None
        content: str = part.get_content()  # type: ignore[attr-defined]
        return content


class _Collector:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages: list[ReceivedMail] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        with self.lock:
            self.messages.append(ReceivedMail(list(envelope.rcpt_tos), msg))
        return "250 Message accepted"


class Outbox:
    """What the real SMTP server received, with readers for OTPs and 認証キー."""

    def __init__(self, collector: _Collector, host: str, port: int) -> None:
        self._collector = collector
        self.host = host
        self.port = port

    def clear(self) -> None:
        with self._collector.lock:
            self._collector.messages.clear()

    def all(self) -> list[ReceivedMail]:
        with self._collector.lock:
            return list(self._collector.messages)

    def to(self, address: str) -> list[ReceivedMail]:
        key = email_key(address)
        return [m for m in self.all() if key in (email_key(r) for r in m.rcpt_tos)]

    def last(self, address: str) -> ReceivedMail:
        mails = self.to(address)
        assert mails, f"no mail to {address}"
        return mails[-1]

    def read_otp(self, address: str) -> str:
        """The OTP of the newest mail to `address` (parsed from the real message)."""
        return _find(rf"{OTP_LABEL_EN}: (\d{{6}})", self.last(address).body)

    def read_auth_key(self, address: str) -> str:
        return _find(rf"{AUTH_KEY_LABEL_EN}: (\S+)", self.last(address).body)


def _find(pattern: str, body: str) -> str:
    match = re.search(pattern, body)
    assert match, f"{pattern!r} not in mail body"
    return match.group(1)


def read_otp(outbox: Outbox, address: str) -> str:
    return outbox.read_otp(address)


def read_auth_key(outbox: Outbox, address: str) -> str:
    return outbox.read_auth_key(address)


@pytest.fixture(scope="session")
def _smtp_server() -> Iterator[tuple[_Collector, int]]:
    collector = _Collector()
    port = free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield collector, port
    finally:
        controller.stop()


class _Refuser:
    """A relay that takes the connection and the envelope but rejects every message."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return "554 5.3.0 Transaction failed (test relay refuses everything)"


class _Hanger:
    """A relay that takes the message and then never answers (until the test ends)."""

    def __init__(self) -> None:
        self.release = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.get_running_loop().run_in_executor(None, self.release.wait)
        return "250 Message accepted (too late)"


@dataclass(frozen=True)
class BrokenRelays:
    """Real SMTP servers (aiosmtpd) that fail: `refusing_port` answers 554 to every
    message, `hanging_port` never answers DATA, `closed_port` has nobody listening."""

    host: str
    refusing_port: int
    hanging_port: int
    closed_port: int


@pytest.fixture(scope="session")
def broken_relays() -> Iterator[BrokenRelays]:
    hanger = _Hanger()
    refusing = Controller(_Refuser(), hostname="127.0.0.1", port=free_port())
    hanging = Controller(hanger, hostname="127.0.0.1", port=free_port())
    refusing.start()
    hanging.start()
    try:
        yield BrokenRelays("127.0.0.1", refusing.port, hanging.port, free_port())
    finally:
        hanger.release.set()
        refusing.stop()
        hanging.stop()


@pytest.fixture
def outbox(_smtp_server: tuple[_Collector, int]) -> Outbox:
    collector, port = _smtp_server
    box = Outbox(collector, "127.0.0.1", port)
    box.clear()
    return box


# --------------------------------------------------------------------------- database


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated once per session; each test copies the file (much faster than migrating)."""
    path = tmp_path_factory.mktemp("template") / "template.db"

    async def migrate() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        try:
            await upgrade_to_head(engine)
        finally:
            await engine.dispose()  # last connection closed: WAL checkpointed into the file

    asyncio.run(migrate())
    return path


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    target = tmp_path / "hellowork.db"
    shutil.copyfile(_template_db, target)
    return f"sqlite+aiosqlite:///{target}"


def make_settings(
    database_url: str, outbox: Outbox, data_dir: Path, **extra: Any
) -> ServerSettings:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "smtp_host": outbox.host,
        "smtp_port": outbox.port,
        "smtp_starttls": False,
        "secret_key": TEST_SECRET,
        "demo_jobs": 0,  # tests that want seeded postings ask for them
    }
    return ServerSettings(**(values | extra))


@pytest.fixture
def settings(database_url: str, outbox: Outbox, tmp_path: Path) -> ServerSettings:
    return make_settings(database_url, outbox, tmp_path)


async def started(app: FastAPI) -> AsyncIterator[FastAPI]:
    # ASGITransport does not run the lifespan: enter it by hand (migrate, instance id, seed).
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def app(settings: ServerSettings, clock: SettableClock) -> AsyncIterator[FastAPI]:
    async for running in started(create_app(settings, clock=clock)):
        yield running


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app), base_url="http://testserver"
    ) as c:
        yield c


def new_api(app: FastAPI) -> MyPageClient:
    """A MyPageClient on the app in-process (one per simulated device/user)."""
    return MyPageClient("http://testserver", transport=httpx.ASGITransport(app))


@pytest.fixture
async def api(app: FastAPI) -> AsyncIterator[MyPageClient]:
    async with new_api(app) as c:
        yield c


# --------------------------------------------------------------------------- seeded data


@dataclass(frozen=True)
class SeededAccount:
    account_id: int
    email: str
    password: str
    seeker_number: str
    name: str


def app_state(app: FastAPI) -> AppState:
    state: AppState = app.state.hw
    return state


async def seed_account(
    app: FastAPI,
    *,
    email: str = "taro@example.jp",
    password: str = "Taro#2026pass",
    name: str = "求職 太郎",
    seeker_number: str | None = None,
    office: tuple[str, str] = ("13010", "飯田橋公共職業安定所"),
) -> SeededAccount:
    """A seeker with an office and an active account, made through the service layer."""
    state = app_state(app)
    env: ServiceEnv = state.env
    number = seeker_number or f"13010-{secrets.randbelow(10**8):08d}"
    async with state.sessionmaker() as db:
        off = await get_or_create_office(db, *office)
        seeker = Seeker(
            seeker_number=number,
            name=name,
            birth_date=date(1990, 4, 1),
            office_id=off.id,
            registration_status="valid",
            # Valid until the end of the month after next, counted from the test's clock.
            registration_valid_until=end_of_month_after_next(today_jst(env.clock.now())),
            publication_status="private",
            created_at=env.clock.now(),
        )
        db.add(seeker)
        await db.flush()
        account = await create_account(db, env, email=email, password=password, seeker=seeker)
        await db.commit()
        return SeededAccount(account.id, email, password, number, name)


@pytest.fixture
async def account(app: FastAPI) -> SeededAccount:
    return await seed_account(app)


# --------------------------------------------------------------------------- PostgreSQL


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / name).exists():
            return str(base / name)
    return None


@dataclass
class PgCluster:
    """A running throwaway cluster; fault tests stop and start it with pg_ctl."""

    host: str
    port: int
    user: str
    password: str | None = None
    data: Path | None = None
    root: Path | None = None
    prefix: tuple[str, ...] = ()

    def url(self, database: str) -> str:
        auth = f"{self.user}:{self.password}" if self.password else self.user
        return f"postgresql+asyncpg://{auth}@{self.host}:{self.port}/{database}"

    def _pg_ctl(self, *args: str) -> None:
        pg_ctl = _pg_bin("pg_ctl")
        assert pg_ctl is not None and self.data is not None
        subprocess.run(
            [*self.prefix, pg_ctl, "-D", str(self.data), *args], check=True, capture_output=True
        )

    def start(self) -> None:
        """Start and wait until it accepts connections (pg_ctl -w)."""
        assert self.root is not None
        options = (
            f"-p {self.port} -k {self.root / 'sock'} -c listen_addresses={self.host} -c fsync=off"
        )
        self._pg_ctl("-l", str(self.root / "log"), "-w", "-o", options, "start")

    def running(self) -> bool:
        pg_ctl = _pg_bin("pg_ctl")
        assert pg_ctl is not None and self.data is not None
        status = subprocess.run(
            [*self.prefix, pg_ctl, "-D", str(self.data), "status"], capture_output=True
        )
        return status.returncode == 0

    def stop(self, mode: str = "fast") -> None:
        """Stop and wait until it is down. `fast` ends sessions (rolling back their open
        transactions); `immediate` is a crash."""
        self._pg_ctl("-m", mode, "-w", "stop")

    async def create_database(self, template: str | None = None) -> str:
        """A new database: empty, or a copy of the database `template` (which nobody may be
        connected to meanwhile)."""
        import asyncpg

        name = f"hw_{secrets.token_hex(6)}"
        conn = await asyncpg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
            database="postgres",
        )
        try:
            copy = f' TEMPLATE "{template}"' if template else ""
            await conn.execute(f'CREATE DATABASE "{name}"{copy}')
        finally:
            await conn.close()
        return self.url(name)


def start_pg_cluster(password: str | None = None) -> PgCluster:
    """initdb + pg_ctl start on a temp dir and a free port. With `password`, TCP logins need
    it (scram-sha-256) — for tests of wrong credentials; otherwise everything is trusted.

    initdb refuses to run as root, so as root the cluster belongs to the `postgres` OS user.
    Missing binaries skip locally but fail in CI (CI=true), where they must exist.
    """
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("PostgreSQL binaries (initdb, pg_ctl) are required in CI")
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not installed")
    root = Path(tempfile.mkdtemp(prefix="hellowork-pg-"))
    data = root / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        assert runuser, "running as root needs runuser to drop to the postgres user"
        prefix = [runuser, "-u", "postgres", "--"]
        shutil.chown(root, "postgres", "postgres")

    def run(*cmd: str) -> None:
        subprocess.run([*prefix, *cmd], check=True, capture_output=True)

    run("mkdir", "-p", str(root / "sock"))
    auth = ["-A", "trust"]
    if password is not None:
        pwfile = root / "pw"
        pwfile.write_text(password + "\n")
        if prefix:
            shutil.chown(pwfile, "postgres", "postgres")
        auth = ["--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}"]
    run(initdb, "-D", str(data), "-U", "postgres", *auth, "-E", "UTF8", "--no-sync")
    cluster = PgCluster("127.0.0.1", free_port(), "postgres", password, data, root, tuple(prefix))
    cluster.start()
    return cluster


def remove_pg_cluster(cluster: PgCluster, *, wait: bool = True) -> None:
    """Stop the cluster (immediate: nothing in it is kept) and delete its files.

    Without `wait` both are left to a detached process: a session's cluster holds a few
    hundred test databases, and deleting them took 10-60 s at the end of every CI worker,
    time in which no test runs and nothing needs the files gone."""
    pg_ctl = _pg_bin("pg_ctl")
    assert pg_ctl is not None
    stop = [*cluster.prefix, pg_ctl, "-D", str(cluster.data), "-m", "immediate", "-w", "stop"]
    if not wait:
        script = shlex.join(stop) + " >/dev/null 2>&1"
        if cluster.root is not None:
            script += "; rm -rf -- " + shlex.quote(str(cluster.root))
        subprocess.Popen(
            ["sh", "-c", script],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        return
    subprocess.run(stop, capture_output=True)
    if cluster.root is not None:
        shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """The session's throwaway cluster (trust authentication). Never stopped by a test:
    fault tests use their own (tests/faults)."""
    cluster = start_pg_cluster()
    try:
        yield cluster
    finally:
        remove_pg_cluster(cluster, wait=False)


@pytest.fixture(scope="session")
def _pg_template(pg_cluster: PgCluster) -> str:
    """A database of the session's cluster migrated once; tests get copies of it (CREATE
    DATABASE … TEMPLATE: a file copy, ~0.1 s, where migrating takes 1–2 s)."""

    async def make() -> str:
        url = await pg_cluster.create_database()
        engine = create_engine(url)
        try:
            await upgrade_to_head(engine)
        finally:
            await engine.dispose()  # a template must have no connections when copied
        return url.rsplit("/", 1)[1]

    return asyncio.run(make())


async def _create_pg_database(pg_cluster: PgCluster, template: str) -> str:
    return await pg_cluster.create_database(template=template)


@pytest.fixture
async def pg_database_url(pg_cluster: PgCluster, _pg_template: str) -> str:
    """A new database at the migration head (a copy of the session's template)."""
    return await _create_pg_database(pg_cluster, _pg_template)


@pytest.fixture
async def pg_empty_database_url(pg_cluster: PgCluster) -> str:
    """A new database without a schema, for tests of migrating one."""
    return await pg_cluster.create_database()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_database_url(request: pytest.FixtureRequest, _template_db: Path, tmp_path: Path) -> str:
    """A fresh database on each backend in turn: what SQLite serialises, PostgreSQL runs
    concurrently, so tests of concurrent writes take this one."""
    if request.param == "sqlite":
        target = tmp_path / "hellowork.db"
        shutil.copyfile(_template_db, target)
        return f"sqlite+aiosqlite:///{target}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    template: str = request.getfixturevalue("_pg_template")
    return asyncio.run(_create_pg_database(cluster, template))


@pytest.fixture
async def any_app(
    any_database_url: str, outbox: Outbox, tmp_path: Path, clock: SettableClock
) -> AsyncIterator[FastAPI]:
    """The app on `any_database_url` (SQLite, then PostgreSQL)."""
    settings = make_settings(any_database_url, outbox, tmp_path)
    async for running in started(create_app(settings, clock=clock)):
        yield running


FAULT_CLUSTER_PASSWORD = "pw-" + secrets.token_hex(8)  # tests check it is never printed


@pytest.fixture(scope="session")
def _fault_cluster() -> Iterator[PgCluster]:
    cluster = start_pg_cluster(password=FAULT_CLUSTER_PASSWORD)
    try:
        yield cluster
    finally:
        remove_pg_cluster(cluster, wait=False)


@pytest.fixture
def fault_cluster(_fault_cluster: PgCluster) -> Iterator[PgCluster]:
    """A cluster of its own (password logins) that the test may stop and start; it is
    running again after every test, whatever the test did."""
    yield _fault_cluster
    if not _fault_cluster.running():
        _fault_cluster.start()


# --------------------------------------------------------------------------- garbage collection


def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what collection loaded (every module of the project, the server, Textual,
    hypothesis, schemathesis: ~200,000 objects) so full collections no longer visit it. The
    app's idle collector (tui/idle_gc.py) runs full collections in every TUI test; in a
    process this big each took ~0.3-1 s of a CPU, most of it walking modules that live
    until the process ends anyway."""
    gc.collect()
    gc.freeze()
