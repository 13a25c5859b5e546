"""Issue 11 item 10: expired authentication rows (sessions, login challenges, 認証キー,
device tokens, openings, failure counters) are purged by the scheduled job; rows that can
still be used stay. Made through the real flows, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from api_client.errors import InvalidCredentials
from api_client.profile_models import OpenOnlineRequest
from server.auth.models import AuthKey, DeviceToken, LoginChallenge, LoginFailure, Session
from server.registration.models import AccountOpening
from server.scheduler.jobs import ScheduledReport, run_scheduled
from tests.api.flows import sign_in
from tests.conftest import Outbox, SettableClock, app_state, new_api, seed_account

TABLES: dict[str, Any] = {
    "sessions": Session,
    "challenges": LoginChallenge,
    "auth_keys": AuthKey,
    "device_tokens": DeviceToken,
    "openings": AccountOpening,
    "failures": LoginFailure,
}


async def _counts(app: FastAPI) -> dict[str, int]:
    async with app_state(app).sessionmaker() as db:
        return {
            name: int(await db.scalar(select(func.count()).select_from(model)) or 0)
            for name, model in TABLES.items()
        }


async def _run(app: FastAPI, clock: SettableClock) -> ScheduledReport:
    state = app_state(app)
    async with state.write_sessionmaker() as db:
        return await run_scheduled(db, state.env, clock.now())


async def test_scheduled_job_purges_expired_auth_rows_and_keeps_live_ones(
    any_app: FastAPI, outbox: Outbox, clock: SettableClock
) -> None:
    account = await seed_account(any_app)
    async with new_api(any_app) as api:
        await sign_in(api, outbox, account, remember_device=True, label="laptop")
        await api.logout()
        await sign_in(api, outbox, account)  # a second, live session
        await api.login(account.email, account.password)  # a challenge left unanswered
        await api.request_password_reset(account.email)
        await api.open_online(
            OpenOnlineRequest(
                email="new@example.jp",
                email_confirm="new@example.jp",
                agreed_privacy=True,
                agreed_terms=True,
            )
        )
        for address in ("ghost@example.jp", account.email):
            with pytest.raises(InvalidCredentials):
                await api.login(address, "Wrong#2026guess")
    before = await _counts(any_app)
    assert all(before.values()), before

    clock.advance(hours=1)  # nothing has run out yet that a user could still use
    report = await _run(any_app, clock)
    assert report.purged_auth == 0
    assert await _counts(any_app) == before

    clock.advance(timedelta(days=92))  # past every expiry, the 90-day device token too
    report = await _run(any_app, clock)
    after = await _counts(any_app)
    # Only the account's own wrong-password count stays (five in a row lock, however far
    # apart); the unknown address's counter is gone.
    assert after == dict.fromkeys(TABLES, 0) | {"failures": 1}
    assert report.purged_auth == sum(before.values()) - 1
    assert "purged_auth=" in report.line()
    assert (await _run(any_app, clock)).purged_auth == 0  # idempotent
