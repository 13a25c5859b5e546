"""Throttles kept in the database (server/ratelimit.py): exact under concurrency, shared by
several app instances (workers), kept across restarts, keyed by the client address a trusted
proxy forwards, and on every endpoint that checks a secret — per address and per target."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from api_client.models import API_PREFIX, ErrorBody, ErrorCode
from server.app import create_app
from server.ratelimit import Limit, hit
from server.ratelimit_models import RateLimitRow
from server.scheduler.jobs import run_scheduled
from tests.api.flows import sign_in
from tests.conftest import (
    START,
    Outbox,
    SettableClock,
    app_state,
    make_settings,
    new_api,
    seed_account,
    started,
)

SECRET = b"k" * 32


@pytest.fixture
async def factory(
    any_database_url: str, outbox: Outbox, tmp_path: Path, clock: SettableClock
) -> AsyncIterator[Callable[..., Any]]:
    """Apps on one database (as several workers, or one server restarted), with settings."""
    stack: list[Any] = []

    async def make(**extra: Any) -> FastAPI:
        gen = started(
            create_app(make_settings(any_database_url, outbox, tmp_path, **extra), clock=clock)
        )
        stack.append(gen)
        return await gen.__anext__()

    yield make
    for gen in reversed(stack):
        with pytest.raises(StopAsyncIteration):
            await gen.__anext__()


def _raw(app: FastAPI, client: tuple[str, int] = ("127.0.0.1", 50000)) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app, client=client), base_url="http://testserver"
    )


def _limited(res: httpx.Response) -> bool:
    if res.status_code != 429:
        return False
    body = ErrorBody.model_validate(res.json())
    assert body.code is ErrorCode.rate_limited
    assert int(res.headers["Retry-After"]) == body.params["retry_after"] >= 1
    return True


async def _login(client: httpx.AsyncClient, headers: dict[str, str] | None = None) -> bool:
    res = await client.post(
        f"{API_PREFIX}/auth/login",
        json={"email": "nobody@example.jp", "password": "Wrong#pass123"},
        headers=headers,
    )
    return _limited(res)


# --------------------------------------------------------------------------- the counter


async def test_concurrent_hits_are_counted_exactly(factory) -> None:
    app = await factory()
    state = app_state(app)
    limit = Limit("burst", 10, timedelta(minutes=5))

    async def one() -> bool:
        async with state.write_sessionmaker() as db:
            return await hit(db, SECRET, limit, "203.0.113.9", START) is None

    allowed = await asyncio.gather(*(one() for _ in range(30)))
    assert allowed.count(True) == 10


async def test_the_window_slides_and_retry_after_is_exact(factory) -> None:
    app = await factory()
    state = app_state(app)
    limit = Limit("slide", 3, timedelta(seconds=60))
    t0 = START.replace(minute=0, second=0)  # the start of a window

    async def at(seconds: float, subject: str) -> int | None:
        async with state.write_sessionmaker() as db:
            return await hit(db, SECRET, limit, subject, t0 + timedelta(seconds=seconds))

    for subject in ("a", "b"):
        assert [await at(0, subject) for _ in range(3)] == [None, None, None]
        # The 4th is refused; 4 hits in the window before weigh 2 after half of the next.
        assert await at(0, subject) == 90
    assert await at(90, "a") is None
    assert await at(89, "b") is not None  # a second early: still refused (and counted)
    # A burst at the edge of a window does not get twice the limit.
    assert [await at(59, "c") for _ in range(3)] == [None] * 3
    assert await at(61, "c") is not None


async def test_expired_rows_are_purged_by_the_scheduled_job(factory, clock) -> None:
    app = await factory()
    state = app_state(app)
    async with state.write_sessionmaker() as db:
        await hit(db, SECRET, Limit("old", 5, timedelta(minutes=5)), "x", START)
        await hit(db, SECRET, Limit("new", 5, timedelta(hours=2)), "x", START)
    async with state.write_sessionmaker() as db:
        report = await run_scheduled(db, state.env, START + timedelta(minutes=11))
        left = await db.scalar(select(func.count()).select_from(RateLimitRow))
    assert report.purged_rate_limits == 1 and left == 1


# --------------------------------------------------------------------------- workers, restarts


async def test_limits_are_shared_by_workers_and_survive_a_restart(factory) -> None:
    first, second = await factory(login_rate_limit=3), await factory(login_rate_limit=3)
    async with _raw(first) as a, _raw(second) as b:
        assert [await _login(a), await _login(b), await _login(a)] == [False] * 3
        assert await _login(b)  # the 4th, on the other worker
    restarted = await factory(login_rate_limit=3)
    async with _raw(restarted) as c:
        assert await _login(c)


async def test_the_client_address_comes_from_trusted_proxies_only(factory) -> None:
    behind_proxy = await factory(login_rate_limit=2, forwarded_allow_ips="127.0.0.1, 10.0.0.0/8")
    async with _raw(behind_proxy) as proxy:
        for _ in range(2):
            assert not await _login(proxy, {"X-Forwarded-For": "203.0.113.5"})
        assert await _login(proxy, {"X-Forwarded-For": "203.0.113.5"})
        # Another user behind the same proxy has a budget of their own.
        assert not await _login(proxy, {"X-Forwarded-For": "203.0.113.6"})
    # A peer that is not a trusted proxy cannot pick an address to dodge the limit.
    async with _raw(behind_proxy, client=("198.51.100.7", 40000)) as direct:
        assert not await _login(direct, {"X-Forwarded-For": "192.0.2.1"})
        assert not await _login(direct, {"X-Forwarded-For": "192.0.2.2"})
        assert await _login(direct, {"X-Forwarded-For": "192.0.2.3"})


async def test_without_trusted_proxies_the_header_is_ignored(factory) -> None:
    app = await factory(login_rate_limit=2)
    async with _raw(app) as client:
        assert not await _login(client, {"X-Forwarded-For": "203.0.113.1"})
        assert not await _login(client, {"X-Forwarded-For": "203.0.113.2"})
        assert await _login(client, {"X-Forwarded-For": "203.0.113.3"})


# --------------------------------------------------------------------------- secret endpoints

WRONG = "Wrong#pass123"
EMAIL = "taro@example.jp"

PUBLIC: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/auth/otp", {"login_ticket": "t" * 43, "otp": "000000"}),
    (
        "POST",
        "/auth/password-reset/confirm",
        {
            "email": EMAIL,
            "auth_key": "wrongKey1",
            "new_password": WRONG,
            "new_password_confirm": WRONG,
        },
    ),
    (
        "POST",
        "/auth/open/confirm",
        {"email": EMAIL, "auth_key": "wrongKey1", "password": WRONG, "password_confirm": WRONG},
    ),
    ("POST", "/auth/reregister", {"email": EMAIL, "password": WRONG}),
    ("POST", "/auth/reregister/confirm", {"email": EMAIL, "auth_key": "wrongKey1"}),
    (
        "POST",
        "/auth/open/code",
        {
            "agreed_privacy": True,
            "agreed_terms": True,
            "email": "new@example.jp",
            "email_confirm": "new@example.jp",
            "seeker_number": "13010-12345678",
            "birth_date": "1990-04-01",
            "creation_code": "WRONGCODE1",
        },
    ),
]
SIGNED_IN: list[tuple[str, str, dict[str, Any]]] = [
    (
        "PUT",
        "/me/settings/password",
        {"current_password": WRONG, "new_password": WRONG, "new_password_confirm": WRONG},
    ),
    ("POST", "/me/withdraw", {"password": WRONG, "confirm": True}),
    ("POST", "/me/settings/email/confirm", {"auth_key": "wrongKey1"}),
]
ALL = PUBLIC + SIGNED_IN


async def _session(app: FastAPI, outbox: Outbox) -> str:
    account = await seed_account(app, email=EMAIL)
    async with new_api(app) as api:
        await sign_in(api, outbox, account)
        token = api.session_token
    assert token is not None
    return token


@pytest.mark.parametrize(("method", "path", "body"), ALL, ids=[p for _, p, _ in ALL])
async def test_secrets_are_throttled_per_client_address(
    factory, outbox: Outbox, method: str, path: str, body: dict[str, Any]
) -> None:
    app = await factory(secret_rate_limit=3, secret_target_rate_limit=100, login_rate_limit=100)
    token = await _session(app, outbox)  # signs in from 127.0.0.1
    async with _raw(app, client=("192.0.2.10", 40000)) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        answers = [
            _limited(await client.request(method, API_PREFIX + path, json=body)) for _ in range(4)
        ]
    assert answers == [False, False, False, True]


@pytest.mark.parametrize(("method", "path", "body"), ALL, ids=[p for _, p, _ in ALL])
async def test_secrets_are_throttled_per_target_across_addresses(
    factory, outbox: Outbox, method: str, path: str, body: dict[str, Any]
) -> None:
    app = await factory(
        secret_rate_limit=100,
        secret_target_rate_limit=3,
        login_rate_limit=100,
        forwarded_allow_ips="127.0.0.1",
    )
    token = await _session(app, outbox)
    answers = []
    async with _raw(app) as proxy:
        proxy.headers["Authorization"] = f"Bearer {token}"
        for i in range(4):  # four guesses from four addresses at one target
            res = await proxy.request(
                method, API_PREFIX + path, json=body, headers={"X-Forwarded-For": f"198.51.100.{i}"}
            )
            answers.append(_limited(res))
    assert answers == [False, False, False, True]
