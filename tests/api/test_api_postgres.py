"""The core login flow on a throwaway PostgreSQL cluster (migrations included)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from api_client.errors import AccountLocked, InvalidCredentials, OtpInvalid, SessionExpired
from api_client.models import LoginStatus
from server.app import create_app
from tests.api.flows import sign_in
from tests.conftest import SettableClock, make_settings, new_api, seed_account, started

pytestmark = pytest.mark.postgres


async def test_login_flow_on_postgres(pg_database_url: str, outbox, tmp_path: Path) -> None:
    clock = SettableClock()
    settings = make_settings(pg_database_url, outbox, tmp_path, seed_demo=True)
    async for app in started(create_app(settings, clock=clock)):
        account = await seed_account(app)
        async with new_api(app) as api:
            res = await api.login(account.email, account.password)
            with pytest.raises(OtpInvalid) as err:
                await api.verify_otp(res.login_ticket, "abcdef")
            assert err.value.remaining == 4
            verified = await api.verify_otp(
                res.login_ticket, outbox.read_otp(account.email), remember_device=True
            )
            assert verified.session.absolute_expires_at.tzinfo is not None
            home = await api.home()
            assert home.name == account.name and home.otp_skip_devices is True
            token = verified.device.device_token

        async with new_api(app) as api:
            res = await api.login(account.email, account.password, device_token=token)
            assert res.status is LoginStatus.signed_in
            clock.advance(timedelta(minutes=31))
            with pytest.raises(SessionExpired):
                await api.home()

        async with new_api(app) as api:  # failure counter upsert and lock on PostgreSQL
            for _ in range(4):
                with pytest.raises(InvalidCredentials):
                    await api.login("ghost@example.jp", "Wrong#pass123")
            with pytest.raises(AccountLocked):
                await api.login("ghost@example.jp", "Wrong#pass123")

        async with new_api(app) as demo:  # the demo seed works on PostgreSQL too
            await sign_in(demo, outbox, _demo_account())


def _demo_account():
    from server.demo import DEMO_EMAIL, DEMO_NAME, DEMO_PASSWORD, DEMO_SEEKER_NUMBER
    from tests.conftest import SeededAccount

    return SeededAccount(0, DEMO_EMAIL, DEMO_PASSWORD, DEMO_SEEKER_NUMBER, DEMO_NAME)


async def test_a_worker_opens_its_pool_ahead(pg_database_url: str, outbox, tmp_path: Path) -> None:
    from server.warmup import warm_pool

    settings = make_settings(pg_database_url, outbox, tmp_path, db_pool_size=4)
    async for app in started(create_app(settings)):
        state = app.state.hw
        assert await warm_pool(state) == 4
        assert state.engine.pool.checkedin() >= 4  # open, idle, in the pool
