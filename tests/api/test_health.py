"""/healthz and /readyz on the real app: in the OpenAPI document, 200 when all is well, and
/readyz 503 (naming the problem) for a schema that is not at head or a database that is down.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from server.app import create_app
from server.config import ServerSettings
from server.db.migrate import head_revision
from tests.conftest import Outbox, PgCluster, make_settings, started


async def test_both_checks_are_in_the_openapi_document(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert set(paths["/healthz"]) == {"get"}
    assert set(paths["/readyz"]) == {"get"}
    assert "503" in paths["/readyz"]["get"]["responses"]


async def test_healthy_and_ready(client: httpx.AsyncClient) -> None:
    live = await client.get("/healthz")
    assert live.status_code == 200 and live.json()["status"] == "ok"
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"
    assert ready.json()["schema_revision"] == head_revision()
    # Neither says more than it must: no pid, host or database URL.
    assert set(live.json()) == {"status", "version", "worker"}


async def test_not_ready_when_the_schema_is_not_at_head(
    app: FastAPI, client: httpx.AsyncClient, database_url: str
) -> None:
    path = database_url.removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(path) as conn:  # as if an older version's schema were in place
        conn.execute("UPDATE alembic_version SET version_num = '0001_foundation'")
    ready = await client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["problem"] == "schema_not_at_head"
    assert ready.json()["schema_revision"] == "0001_foundation"
    assert (await client.get("/healthz")).status_code == 200  # alive all the same


@pytest.mark.postgres
async def test_not_ready_while_postgres_is_down(
    fault_cluster: PgCluster, outbox: Outbox, tmp_path: Path
) -> None:
    url = await fault_cluster.create_database()
    async for app in started(create_app(make_settings(url, outbox, tmp_path))):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app), base_url="http://t"
        ) as client:
            assert (await client.get("/readyz")).status_code == 200
            fault_cluster.stop()
            try:
                down = await client.get("/readyz")
                assert down.status_code == 503
                assert down.json()["problem"] == "database_unreachable"
                assert (await client.get("/healthz")).status_code == 200
            finally:
                fault_cluster.start()
            # Back without restarting the app: the pool replaces its dead connections.
            assert (await client.get("/readyz")).status_code == 200


async def test_server_timing_only_when_asked_for(settings: ServerSettings, tmp_path: Path) -> None:
    """Off by default (it would time a sign-in without network noise for anyone); the load
    benchmark turns it on to report the app's own time."""
    for wanted in (False, True):
        made = create_app(settings.model_copy(update={"server_timing": wanted}))
        async for app in started(made):
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app), base_url="http://t"
            ) as client:
                header = (await client.get("/healthz")).headers.get("server-timing")
        if wanted:
            assert header is not None and header.startswith("app;dur=")
            assert float(header.removeprefix("app;dur=")) >= 0
        else:
            assert header is None
