"""The live server and settings of the schemathesis run (tests/api/test_api_schemathesis.py)."""

from __future__ import annotations

import asyncio
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from schemathesis.config import SchemathesisConfig

from server.app import create_app
from server.config import ServerSettings
from tests.conftest import PgCluster, free_port

# 43 operations × 10 examples (valid and invalid), derandomized: about 400 cases, under a
# minute on 2 cores. PostgreSQL runs the same operations with fewer examples (the suite has
# to stay fast); what differs there is the database's answer to the same input.
EXAMPLES_PER_OPERATION = 10
EXAMPLES_PER_OPERATION_PG = 4


def config() -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "generation": {
                "max-examples": EXAMPLES_PER_OPERATION,
                "deterministic": True,
                "mode": "all",
            },
            # Only the bounded phases: explicit examples and max-examples generated cases.
            "phases": {
                "coverage": {"enabled": False},
                "stateful": {"enabled": False},
            },
        }
    )


def _settings(data_dir: Path, database_url: str) -> ServerSettings:
    return ServerSettings(
        data_dir=data_dir,
        database_url=database_url,
        maildir=data_dir / "outbox",
        secret_key=secrets.token_urlsafe(48),
        seed_demo=True,
        demo_jobs=300,
        # Throttles would turn most later cases into 429s; they have tests of their own.
        login_rate_limit=10**6,
        secret_rate_limit=10**6,
        secret_target_rate_limit=10**6,
    )


def openapi_document() -> dict[str, Any]:
    """The document the server serves (built by an app that never starts)."""
    app = create_app(
        ServerSettings(
            database_url="sqlite+aiosqlite:///:memory:", secret_key="x" * 48, maildir=Path(".")
        )
    )
    return app.openapi()


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    token: str
    settings: ServerSettings
    account_id: int

    def forget_password_failures(self) -> None:
        """Clear the demo account's wrong-password count. The password change, withdrawal
        and e-mail change count wrong passwords toward the account's lock (five in a row);
        schemathesis sends many, and a lock would end the session and turn every later case
        into a 401 that hides what it was meant to find."""
        asyncio.run(_forget_failures(self.settings, self.account_id))


async def _forget_failures(settings: ServerSettings, account_id: int) -> None:
    from sqlalchemy import delete
    from sqlalchemy.pool import NullPool

    from server.auth.models import LoginFailure
    from server.db.engine import create_engine

    engine = create_engine(settings.database_url, poolclass=NullPool)
    try:
        async with engine.begin() as conn:
            await conn.execute(delete(LoginFailure).where(LoginFailure.account_id == account_id))
    finally:
        await engine.dispose()


async def _demo_session(settings: ServerSettings) -> tuple[str, int]:
    """A session of the demo seeker, made as OTP verification makes one."""
    from sqlalchemy import select

    from server.accounts.models import Account
    from server.auth.sessions import start_session
    from server.demo import DEMO_EMAIL

    app = create_app(settings)
    state = app.state.hw
    try:
        async with state.write_sessionmaker() as db:
            account = await db.scalar(select(Account).where(Account.email == DEMO_EMAIL))
            assert account is not None
            info = start_session(db, state.env, account)
            await db.commit()
            return info.session_token, account.id
    finally:
        await state.engine.dispose()


def run_live_server(settings: ServerSettings) -> Iterator[LiveServer]:
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
        )
    )
    thread = threading.Thread(target=server.run, name="schemathesis-server", daemon=True)
    thread.start()
    try:
        while not server.started:  # start-up migrates and seeds: wait for it, however long
            if not thread.is_alive():
                pytest.fail("the server did not start")
            thread.join(0.05)
        token, account_id = asyncio.run(_demo_session(settings))
        yield LiveServer(f"http://127.0.0.1:{port}", token, settings, account_id)
    finally:
        server.should_exit = True
        thread.join()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The server on a SQLite database."""
    data_dir = tmp_path_factory.mktemp("schemathesis")
    url = f"sqlite+aiosqlite:///{data_dir / 'hellowork.db'}"
    yield from run_live_server(_settings(data_dir, url))


@pytest.fixture(scope="module")
def pg_live_server(
    tmp_path_factory: pytest.TempPathFactory, pg_cluster: PgCluster, _pg_template: str
) -> Iterator[LiveServer]:
    """The server on a PostgreSQL 15 database of the session's throwaway cluster."""
    url = asyncio.run(pg_cluster.create_database(template=_pg_template))
    yield from run_live_server(_settings(tmp_path_factory.mktemp("schemathesis-pg"), url))
