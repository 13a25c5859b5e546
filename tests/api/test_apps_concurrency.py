"""Concurrent double submits, on SQLite and PostgreSQL: whatever runs at the same time, one
posting gets one application and one key one message.

Concurrency here comes from asyncio.gather over separate clients (separate connections), so
PostgreSQL really runs the transactions side by side; nothing waits on time.
"""

from __future__ import annotations

import asyncio

import pytest
from fastapi import FastAPI

from api_client.client import MyPageClient, new_idempotency_key
from api_client.errors import AlreadyApplied
from server.staff import service as staff
from tests.api import apps_support as s
from tests.api.flows import sign_in
from tests.conftest import Outbox, new_api, seed_account

PARALLEL = 6


@pytest.fixture
async def world(any_app: FastAPI) -> FastAPI:
    """SQLite, then PostgreSQL (where these requests really run side by side)."""
    await s.add_postings(any_app)
    return any_app


async def _devices(app: FastAPI, outbox: Outbox) -> tuple[s.Seeker, list[MyPageClient]]:
    """One seeker signed in on PARALLEL clients (as after double Enter on several screens)."""
    account = await seed_account(app)
    clients = []
    for _ in range(PARALLEL):
        api = new_api(app)
        await sign_in(api, outbox, account)
        clients.append(api)
    return s.Seeker(account, clients[0]), clients


async def test_same_key_in_parallel_creates_one_application(world: FastAPI, outbox: Outbox) -> None:
    who, clients = await _devices(world, outbox)
    key = new_idempotency_key()
    try:
        results = await asyncio.gather(
            *(
                api.apply(s.ONLINE, "志望動機", cautions_acknowledged=True, idempotency_key=key)
                for api in clients
            )
        )
        assert len({r.id for r in results}) == 1
        assert len((await who.api.applications()).items) == 1
    finally:
        for api in clients:
            await api.aclose()


async def test_different_keys_in_parallel_one_wins(world: FastAPI, outbox: Outbox) -> None:
    who, clients = await _devices(world, outbox)

    async def attempt(api: MyPageClient) -> str:
        try:
            await api.apply(s.ONLINE, "志望動機", cautions_acknowledged=True)
        except AlreadyApplied:
            return "already"
        return "created"

    try:
        answers = await asyncio.gather(*(attempt(api) for api in clients))
        assert sorted(answers) == ["already"] * (PARALLEL - 1) + ["created"]
        assert len((await who.api.applications()).items) == 1
    finally:
        for api in clients:
            await api.aclose()


async def test_same_message_key_in_parallel_stores_one(world: FastAPI, outbox: Outbox) -> None:
    who, clients = await _devices(world, outbox)
    try:
        applied = await who.api.apply(s.ONLINE, "志望動機", cautions_acknowledged=True)
        key = new_idempotency_key()
        sent = await asyncio.gather(
            *(
                api.send_message(applied.id, "よろしくお願いします", idempotency_key=key)
                for api in clients
            )
        )
        assert len({m.id for m in sent}) == 1
        assert len((await who.api.thread(applied.id)).messages) == 1
        async with s.staff(world) as db:
            assert len(await staff.sent_messages(db, who.number)) == 1
    finally:
        for api in clients:
            await api.aclose()
